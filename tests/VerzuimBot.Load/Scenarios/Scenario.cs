using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VerzuimBot.Load.Scenarios;

/// <summary>
/// One scenario file (scenarios/*.json): an activity template posted once per turn, what a finished turn
/// looks like at the sink, optional setup calls to the host's Development routes, and value lists.
/// Placeholders in the template's strings: {{activityId}} {{conversationId}} {{conversation}} {{turn}}
/// {{serviceUrl}} {{userId}} {{aadObjectId}} {{tenantId}}, {{leerling}} {{studentId}} (a student of the
/// scenario's pool, each student used by one turn only), and one per entry of "values". Optional: "fixture" (what
/// the store holds before the host starts), "students" (the pool), "expect" (text the invoke answer must contain)
/// and "mentorCard" (the mentor of each measured turn's student must get a card naming that student at the sink;
/// not waited for in the turn, checked after the level).
/// </summary>
internal sealed class Scenario
{
    private readonly string _template;
    private readonly Dictionary<string, string[]> _values;

    private Scenario(string name, string description, bool reference, int sinkRepliesPerTurn, IReadOnlyList<SetupCall> setup, string template, Dictionary<string, string[]> values)
    {
        Name = name;
        Description = description;
        Reference = reference;
        SinkRepliesPerTurn = sinkRepliesPerTurn;
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

    public IReadOnlyList<SetupCall> Setup { get; }

    public bool IsInvoke { get; }

    public FixtureSpec Fixture { get; private init; } = new();

    public StudentPoolSpec? Students { get; private init; }

    /// <summary>Text the invoke answer must contain (e.g. the replacement card's title); otherwise the turn failed.</summary>
    public string? Expect { get; private init; }

    /// <summary>
    /// The mentor of each measured turn's student must get a card naming that student in their chat at the sink (the
    /// reminder sweep sends it, not the turn): recorded per turn, checked after the level (post → card, drain time).
    /// </summary>
    public bool MentorCard { get; private init; }

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
            setup,
            activity.ToJsonString(),
            values)
        {
            Fixture = root["fixture"]?.Deserialize<FixtureSpec>(JsonOptions) ?? new FixtureSpec(),
            Students = root["students"]?.Deserialize<StudentPoolSpec>(JsonOptions),
            Expect = (string?)root["expect"],
            MentorCard = (bool?)root["mentorCard"] ?? false,
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

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
        if (turn.Leerling is { } leerling)
        {
            text.Replace("{{leerling}}", leerling.ToString(CultureInfo.InvariantCulture)).Replace("{{studentId}}", Fixtures.StoreSeeder.StudentIdOf(leerling).Value);
        }

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
internal sealed record TurnContext(int Conversation, long Turn, long GlobalTurn, string ActivityId, string ConversationId, string ServiceUrl, string UserId, string AadObjectId, string TenantId, long? Leerling = null);

/// <summary>
/// What the store holds before the host starts (written by <see cref="Fixtures.StoreSeeder"/>): the pool's
/// students in klas <see cref="Klas"/> with mentors load-user-0…N-1, optionally with their own chat at the
/// sink, a mentor role, and a ziekmelding recorded at <see cref="SickAt"/>.
/// </summary>
internal sealed record FixtureSpec
{
    public int Mentors { get; init; } = 64;

    public string Klas { get; init; } = "L";

    public bool MentorChats { get; init; }

    public bool MentorRoles { get; init; }

    /// <summary>Each mentor a klas of their own (<see cref="Klas"/> + mentor number), so a ziekmelding notifies one mentor, as after a roster import.</summary>
    public bool KlasPerMentor { get; init; }

    public DateTimeOffset? SickAt { get; init; }

    /// <summary>Tasks of those ziekmeldingen due by then count as already delivered (the reminder the card answers).</summary>
    public DateTimeOffset? DeliveredUntil { get; init; }
}

/// <summary>Students leerlingnummer from…from+count-1, each used by one turn only (a fresh store per scenario holds them all again).</summary>
internal sealed record StudentPoolSpec
{
    public long From { get; init; }

    public int Count { get; init; }
}
