using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VerzuimBot.Load.Scenarios;

/// <summary>
/// One scenario file (scenarios/*.json): an activity template posted once per turn, what a finished turn
/// looks like at the sink, optional setup calls to the host's Development routes, and value lists.
/// Placeholders in the template's strings: {{activityId}} {{conversationId}} {{conversation}} {{turn}}
/// {{serviceUrl}} {{userId}} {{aadObjectId}} {{tenantId}}, and one per entry of "values".
/// </summary>
internal sealed class Scenario
{
    private readonly string _template;
    private readonly Dictionary<string, string[]> _values;

    private Scenario(string name, string description, bool reference, int sinkRepliesPerTurn, int proactivePerTurn, IReadOnlyList<SetupCall> setup, string template, Dictionary<string, string[]> values)
    {
        Name = name;
        Description = description;
        Reference = reference;
        SinkRepliesPerTurn = sinkRepliesPerTurn;
        ProactivePerTurn = proactivePerTurn;
        Setup = setup;
        _template = template;
        _values = values;
        IsInvoke = template.Contains("\"type\":\"invoke\"", StringComparison.Ordinal);
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>Also run against the botbuilder echo bot (only for activities an echo bot can answer).</summary>
    public bool Reference { get; }

    /// <summary>Activities the bot must send into the turn's own conversation before the turn counts as done.</summary>
    public int SinkRepliesPerTurn { get; }

    /// <summary>Activities expected elsewhere per turn (e.g. the mentor's notification): counted, not waited for.</summary>
    public int ProactivePerTurn { get; }

    public IReadOnlyList<SetupCall> Setup { get; }

    public bool IsInvoke { get; }

    public static Scenario Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path}: not a JSON object");
        var activity = root["activity"]?.AsObject() ?? throw new InvalidDataException($"{path}: no \"activity\" template");
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, node) in root["values"]?.AsObject() ?? [])
        {
            values[key] = node switch
            {
                JsonArray list => list.Select(v => v!.ToString()).ToArray(),
                JsonObject range => Enumerable.Range(0, (int)range["count"]!).Select(i => ((long)range["from"]! + i).ToString(CultureInfo.InvariantCulture)).ToArray(),
                _ => throw new InvalidDataException($"{path}: values.{key} must be a list or {{\"from\",\"count\"}}"),
            };
        }

        var setup = (root["setup"]?.AsArray() ?? []).Select(s => new SetupCall((string?)s!["method"] ?? "POST", (string)s["path"]!, s["body"]?.ToJsonString())).ToList();
        return new Scenario(
            (string?)root["name"] ?? Path.GetFileNameWithoutExtension(path),
            (string?)root["description"] ?? string.Empty,
            (bool?)root["reference"] ?? false,
            (int?)root["sinkRepliesPerTurn"] ?? 0,
            (int?)root["proactivePerTurn"] ?? 0,
            setup,
            activity.ToJsonString(),
            values);
    }

    /// <summary>The activity of one turn as UTF-8 JSON; substituted values are JSON-escaped.</summary>
    public byte[] Render(TurnContext turn)
    {
        var text = new StringBuilder(_template)
            .Replace("{{activityId}}", Escape(turn.ActivityId))
            .Replace("{{conversationId}}", Escape(turn.ConversationId))
            .Replace("{{conversation}}", turn.Conversation.ToString(CultureInfo.InvariantCulture))
            .Replace("{{turn}}", turn.Turn.ToString(CultureInfo.InvariantCulture))
            .Replace("{{serviceUrl}}", Escape(turn.ServiceUrl))
            .Replace("{{userId}}", Escape(turn.UserId))
            .Replace("{{aadObjectId}}", Escape(turn.AadObjectId))
            .Replace("{{tenantId}}", Escape(turn.TenantId));
        foreach (var (key, list) in _values)
        {
            text.Replace("{{" + key + "}}", Escape(list[(int)(turn.GlobalTurn % list.Length)]));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Escape(string value) => JsonEncodedText.Encode(value).ToString();
}

/// <summary>A call to the host before the scenario runs, e.g. POST /api/dev/clock.</summary>
internal sealed record SetupCall(string Method, string Path, string? Body);

/// <summary>Who and where one turn is.</summary>
internal sealed record TurnContext(int Conversation, long Turn, long GlobalTurn, string ActivityId, string ConversationId, string ServiceUrl, string UserId, string AadObjectId, string TenantId);
