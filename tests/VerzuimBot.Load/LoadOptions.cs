using System.Globalization;

namespace VerzuimBot.Load;

/// <summary>The command line. Every run is bounded: levels × (warm-up + duration + at most --card-drain), each turn at most --turn-timeout.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/VerzuimBot.Load -- [options]
          --store sqlite|azurite|sqlite,azurite   stores to run VerzuimBot on (default sqlite)
          --scenario help,ziekmelding             scenario files (default: every tests/VerzuimBot.Load/scenarios/*.json)
          --scenarios <dir>                       another scenario folder
          --concurrency 1,16,64                   concurrent conversations per level (default 1,16,64)
          --duration <s>                          measured seconds per level (default 10)
          --warmup <s>                            unmeasured seconds per level (default 2)
          --rate <r>                              open loop: offer r turns/s per level over its conversations, latency from
                                                  each turn's intended send time (default 0: closed loop, next turn on the answer)
          --max-turns <n>                         stop a level after n turns (default 1000000)
          --turn-timeout <s>                      a turn not done by then is a failure (default 10)
          --no-echo                               skip the botbuilder echo bot reference
          --conversation-rps <n>                  sink answers 429 + Retry-After above n activities/s per conversation (default off)
          --app-rps <n>                           the same for all conversations together (default off)
          --host-dll <path>                       VerzuimBot.dll to start (default src/VerzuimBot/bin/<config>/net10.0)
          --pool <n>                              students in a scenario's pool, each used by one turn (default: the scenario's "students.count")
          --card-drain <s>                        after a level, wait at most this long for the mentors' cards still due (default 120)
          --storm                                 the 08:30 reminder storm instead of the scenarios (first --store)
          --storm-dossiers <n> --storm-due <n>    dossiers in the store and reminders due (default 100000, 10000)
          --storm-mentors <n> --storm-minutes <n> mentors the reminders go to (default 400); give up after (default 20)
          --host-log-level <level>                the host's log level (default Warning)
          --help                                  this text
        """;

    public IReadOnlyList<string> Stores { get; init; } = ["sqlite"];

    public IReadOnlyList<string>? Scenarios { get; init; }

    public string? ScenarioDirectory { get; init; }

    public IReadOnlyList<int> Concurrency { get; init; } = [1, 16, 64];

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Turns per second offered per level, across its conversations (open loop); 0 is the closed loop.</summary>
    public double Rate { get; init; }

    public long MaxTurns { get; init; } = 1_000_000;

    public TimeSpan TurnTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool Echo { get; init; } = true;

    public int ConversationRps { get; init; }

    public int AppRps { get; init; }

    public string? HostDll { get; init; }

    public string HostLogLevel { get; init; } = "Warning";

    public int? Pool { get; init; }

    public TimeSpan CardDrain { get; init; } = TimeSpan.FromSeconds(120);

    public bool Storm { get; init; }

    public int StormDossiers { get; init; } = 100_000;

    public int StormDue { get; init; } = 10_000;

    public int StormMentors { get; init; } = 400;

    public double StormMinutes { get; init; } = 20;

    /// <returns>The options; or null with a message when the command line is wrong, null without one for --help.</returns>
    public static (LoadOptions? Options, string? Error) Parse(string[] args)
    {
        var options = new LoadOptions();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                if (args[i] is "--help" or "-h")
                {
                    return (null, null);
                }

                options = args[i] switch
                {
                    "--store" => options with { Stores = List(Next()) },
                    "--scenario" => options with { Scenarios = List(Next()) },
                    "--scenarios" => options with { ScenarioDirectory = Next() },
                    "--concurrency" => options with { Concurrency = List(Next()).Select(int.Parse).ToList() },
                    "--duration" => options with { Duration = Seconds(Next()) },
                    "--warmup" => options with { Warmup = Seconds(Next()) },
                    "--rate" => options with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--max-turns" => options with { MaxTurns = long.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--turn-timeout" => options with { TurnTimeout = Seconds(Next()) },
                    "--no-echo" => options with { Echo = false },
                    "--conversation-rps" => options with { ConversationRps = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--app-rps" => options with { AppRps = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--host-dll" => options with { HostDll = Next() },
                    "--host-log-level" => options with { HostLogLevel = Next() },
                    "--storm" => options with { Storm = true },
                    "--storm-dossiers" => options with { StormDossiers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--storm-due" => options with { StormDue = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--storm-mentors" => options with { StormMentors = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--storm-minutes" => options with { StormMinutes = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--pool" => options with { Pool = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--card-drain" => options with { CardDrain = Seconds(Next()) },
                    _ => throw new FormatException($"unknown option {args[i]}"),
                };
            }
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }

        if (options.Stores.Any(s => s is not ("sqlite" or "azurite")))
        {
            return (null, "--store takes sqlite, azurite or both");
        }

        // Bounded by construction: no level may run longer than ten minutes.
        if (options.Concurrency.Any(c => c is < 1 or > 1024) || options.Duration <= TimeSpan.Zero || options.Duration + options.Warmup > TimeSpan.FromMinutes(10))
        {
            return (null, "concurrency must be 1..1024 and warm-up + duration at most 600 s");
        }

        if (options.CardDrain < TimeSpan.Zero || options.CardDrain > TimeSpan.FromMinutes(10))
        {
            return (null, "--card-drain must be 0..600 s");
        }

        // At most 1000 turns/s per conversation: a schedule step of at least 1 ms, the timer's resolution.
        if (!double.IsFinite(options.Rate) || options.Rate < 0 || options.Concurrency.Any(c => options.Rate / c > 1000))
        {
            return (null, "--rate must be 0 (closed loop) or a positive number of turns/s, at most 1000 per conversation (rate / concurrency <= 1000 at every level)");
        }

        return (options, null);
    }

    private static List<string> List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
