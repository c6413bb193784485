namespace VerzuimBot.Access.Cli;

/// <summary>Positional words plus "--name value" options and "--flag" switches.</summary>
public sealed class CliArguments
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "good-rows-only", "alleen-goede-rijen", "confirm", "from-unkeyed", "dry-run" };
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Words { get; } = [];

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new CliArguments();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                if (Flags.Contains(name))
                {
                    parsed._flags.Add(name);
                }
                else if (i + 1 < args.Count)
                {
                    parsed._options[name] = args[++i];
                }
                else
                {
                    throw new CliUsageException($"Optie --{name} mist een waarde.");
                }
            }
            else
            {
                parsed.Words.Add(args[i]);
            }
        }

        return parsed;
    }

    public string Required(string name) =>
        _options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : throw new CliUsageException($"Optie --{name} is verplicht.");

    public string? Optional(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);
}

/// <summary>A command line that cannot be run as given; the message is Dutch.</summary>
public sealed class CliUsageException(string message) : Exception(message);
