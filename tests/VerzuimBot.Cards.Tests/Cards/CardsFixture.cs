using System.Text.Json.Nodes;
using VerzuimBot.Cards.Tests.Infrastructure;

namespace VerzuimBot.Cards.Tests.Cards;

/// <summary>
/// Expands every card in cards/ with our binder (both modes) and asks Node, in ONE invocation, for the official
/// adaptivecards-templating expansion and the official adaptivecards parse of our production (strict) output.
/// </summary>
public sealed class CardsFixture
{
    private readonly Lazy<IReadOnlyDictionary<string, CardResult>> _results;

    public CardsFixture() => _results = new Lazy<IReadOnlyDictionary<string, CardResult>>(Compute);

    public CardResult For(string name) =>
        _results.Value.TryGetValue(name, out var result) ? result : throw new InvalidOperationException($"Card '{name}' appeared after the fixture ran.");

    public JsonObject? NodeVersions { get; private set; }

    private IReadOnlyDictionary<string, CardResult> Compute()
    {
        var library = new CardTemplateLibrary(RepoPaths.Cards);
        var results = new Dictionary<string, CardResult>(StringComparer.Ordinal);
        var expandRequests = new JsonArray();
        var validateRequests = new JsonArray();
        foreach (var name in CardCatalog.TemplateNames())
        {
            var result = new CardResult(name);
            results[name] = result;
            try
            {
                result.Template = CardCatalog.ReadJson(CardCatalog.TemplatePath(name));
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                result.Problem = $"cards/{name}.json is not valid JSON: {e.Message}";
                continue;
            }
            if (!File.Exists(CardCatalog.DataPath(name)))
            {
                result.Problem = $"cards/{name}.json has no sample data file cards/{name}{CardCatalog.DataSuffix}.";
                continue;
            }
            result.Data = CardCatalog.ReadJson(CardCatalog.DataPath(name));
            result.CompatibleExpansion = Capture(() => AdaptiveCardTemplate.Expand(result.Template, result.Data, MissingFieldHandling.KeepLiteral), out result.CompatibleError);
            result.Rendered = Capture(() => library.Render(name, result.Data), out result.RenderError);

            expandRequests.Add(new JsonObject { ["id"] = name, ["template"] = result.Template.DeepClone(), ["data"] = result.Data.DeepClone() });
            if (result.Rendered is JsonObject card)
                validateRequests.Add(new JsonObject { ["id"] = name, ["card"] = card.DeepClone(), ["target"] = "1.5" });
        }

        if (expandRequests.Count > 0)
        {
            var answer = NodeScript.Run("cards/card-checks.js", new JsonObject { ["expand"] = expandRequests, ["validate"] = validateRequests });
            NodeVersions = answer["versions"]?.AsObject();
            foreach (var item in answer["expand"]!.AsArray())
            {
                var result = results[item!["id"]!.GetValue<string>()];
                result.OfficialRan = true;
                if (item["ok"]!.GetValue<bool>()) result.OfficialExpansion = item["result"]?.DeepClone();
                else result.OfficialError = item["error"]!.GetValue<string>();
            }
            foreach (var item in answer["validate"]!.AsArray())
                results[item!["id"]!.GetValue<string>()].ParserEvents = item["events"]!.AsArray()
                    .Select(e => $"{e!["phase"]}/{e["event"]}: {e["message"]}").ToList();
        }
        return results;
    }

    private static JsonNode? Capture(Func<JsonNode?> expand, out string? error)
    {
        try
        {
            error = null;
            return expand();
        }
        catch (CardTemplateException e)
        {
            error = $"{e.Error}: {e.Message}";
            return null;
        }
    }
}

/// <summary>Everything the card theories assert on, for one template.</summary>
public sealed class CardResult(string name)
{
    public string Name { get; } = name;
    public string? Problem;
    public JsonNode Template = new JsonObject();
    public JsonNode? Data;
    public JsonNode? CompatibleExpansion;
    public string? CompatibleError;
    public JsonNode? Rendered;
    public string? RenderError;
    public bool OfficialRan;
    public JsonNode? OfficialExpansion;
    public string? OfficialError;
    public IReadOnlyList<string>? ParserEvents;

    /// <summary>Fails the calling test when the card could not even be loaded or bound.</summary>
    public void AssertUsable()
    {
        Assert.True(Problem is null, Problem);
    }
}
