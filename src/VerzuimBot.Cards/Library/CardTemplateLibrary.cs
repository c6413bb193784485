using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using VerzuimBot.Cards.Templating;

namespace VerzuimBot.Cards;

/// <summary>
/// The Adaptive Card templates in a directory: every <c>&lt;name&gt;.json</c> except the sample data files
/// (<c>*.data.json</c>). Templates are parsed once on first use and cached; safe to share between threads.
/// </summary>
public sealed class CardTemplateLibrary
{
    private const string DataFileSuffix = ".data.json";
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, Lazy<PreparedTemplate>> _templates = new(StringComparer.Ordinal);

    /// <summary>Lists the templates in <paramref name="cardsDirectory"/>; throws <see cref="DirectoryNotFoundException"/> when it does not exist.</summary>
    public CardTemplateLibrary(string cardsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cardsDirectory);
        if (!Directory.Exists(cardsDirectory))
            throw new DirectoryNotFoundException($"The cards directory '{cardsDirectory}' does not exist.");
        _directory = Path.GetFullPath(cardsDirectory);
        TemplateNames = Directory.EnumerateFiles(_directory, "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(file => !file.EndsWith(DataFileSuffix, StringComparison.OrdinalIgnoreCase))
            .Select(file => file[..^".json".Length])
            .Order(StringComparer.Ordinal)
            .ToArray();
        foreach (var name in TemplateNames)
            _templates[name] = new Lazy<PreparedTemplate>(() => Load(name), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The library of <c>cards/</c> next to the application (<see cref="AppContext.BaseDirectory"/>).</summary>
    public static CardTemplateLibrary FromAppDirectory() => new(Path.Combine(AppContext.BaseDirectory, "cards"));

    /// <summary>Template names (file names without <c>.json</c>), sorted ordinally.</summary>
    public IReadOnlyCollection<string> TemplateNames { get; }

    /// <summary>
    /// Expands template <paramref name="templateName"/> with <paramref name="data"/> (strict: a binding to a field the data
    /// lacks throws). The result is the Adaptive Card itself: the <c>content</c> of an
    /// <c>application/vnd.microsoft.card.adaptive</c> attachment. Data is plain text: values bound into a
    /// TextBlock's text or a fact are escaped here with <see cref="TeamsText.Escape"/>, so never escape them before.
    /// </summary>
    /// <exception cref="CardTemplateException">Unknown template, unsupported syntax, missing field, evaluation error, or no card object.</exception>
    public JsonObject Render(string templateName, JsonNode? data)
    {
        ArgumentNullException.ThrowIfNull(templateName);
        if (!_templates.TryGetValue(templateName, out var template))
            throw new CardTemplateException(CardTemplateError.UnknownTemplate,
                $"There is no card template '{templateName}' in {_directory} (known: {string.Join(", ", TemplateNames)}).");
        try
        {
            return template.Value.Expand(data, MissingFieldHandling.Throw, escapeMarkdown: true) as JsonObject
                ?? throw new CardTemplateException(CardTemplateError.NotACard, "the template did not produce one card object (root dropped by $when, or repeated by $data)");
        }
        catch (CardTemplateException e)
        {
            throw new CardTemplateException(e.Error, $"Card template '{templateName}': {e.Message}", e);
        }
    }

    private PreparedTemplate Load(string name)
    {
        var path = Path.Combine(_directory, name + ".json");
        try
        {
            using var stream = File.OpenRead(path);
            var node = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (node is not JsonObject) throw new CardTemplateException(CardTemplateError.UnknownTemplate, "the file is not a JSON object");
            return PreparedTemplate.Prepare(node);
        }
        catch (JsonException e)
        {
            throw new CardTemplateException(CardTemplateError.UnknownTemplate, $"the file is not valid JSON: {e.Message}", e);
        }
    }
}
