using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using VerzuimBot.Load;
using VerzuimBot.Load.Runner;
using VerzuimBot.Load.Scenarios;
using VerzuimBot.Load.Sink;
using VerzuimBot.Load.Targets;

// The load tool of issue 10: Teams-shaped activities from N concurrent conversations against VerzuimBot
// (embedded SQLite or Azurite) and, side by side, the botbuilder echo bot; loopback only, bounded in time.
var (options, error) = LoadOptions.Parse(args);
if (options is null)
{
    if (error is not null)
    {
        Console.Error.WriteLine(error);
    }

    Console.Error.WriteLine(LoadOptions.Usage);
    return error is null ? 0 : 2;
}

if (options.Storm)
{
    return await VerzuimBot.Load.Storm.StormRun.RunAsync(options, Directory.CreateTempSubdirectory("verzuimbot-storm-").FullName);
}

var scenarioDirectory = options.ScenarioDirectory ?? RepositoryPaths.DefaultScenarios;
var scenarios = Directory.GetFiles(scenarioDirectory, "*.json").Order(StringComparer.Ordinal).Select(Scenario.Load)
    .Where(s => options.Scenarios is null || options.Scenarios.Contains(s.Name)).ToList();
if (scenarios.Count == 0)
{
    Console.Error.WriteLine($"no scenario selected in {scenarioDirectory}");
    return 2;
}

var work = Directory.CreateTempSubdirectory("verzuimbot-load-").FullName;
Console.WriteLine($"VerzuimBot load: stores {string.Join(",", options.Stores)}; scenarios {string.Join(",", scenarios.Select(s => s.Name))}; conversations {string.Join(",", options.Concurrency)}; {options.Warmup.TotalSeconds:F0} s warm-up + {options.Duration.TotalSeconds:F0} s per level; {(options.Rate > 0 ? FormattableString.Invariant($"open loop, {options.Rate:0.#} turns/s offered per level") : "closed loop")}; logs in {work}");

await using var sink = await ConnectorSink.StartAsync(options.ConversationRps, options.AppRps);
using var http = new HttpClient(new SocketsHttpHandler
{
    UseProxy = false,
    MaxConnectionsPerServer = int.MaxValue,
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    AutomaticDecompression = DecompressionMethods.None,
}) { Timeout = Timeout.InfiniteTimeSpan };
var runner = new LoadRunner(http, sink, options);
var results = new List<LevelResult>();

foreach (var store in options.Stores)
{
    foreach (var scenario in scenarios)
    {
        // Each scenario on a fresh store with its own fixture, so one scenario's data cannot slow another.
        await using var azurite = store == "azurite" ? await Azurite.StartAsync(work) : null;
        var data = Path.Combine(work, $"data-{store}-{scenario.Name}");
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        bool seeded;
        try
        {
            seeded = await SeedAsync(scenario, azurite?.ConnectionString, data);
        }
        catch (VerzuimBot.Tables.StoreUnavailableException)
        {
            // Seen with Azurite, which keeps everything in memory: its process ended under a fixture of 60,000 students.
            Console.WriteLine($"FAILED — VerzuimBot [{store}] {scenario.Name}: the store stopped answering while the fixture of {runner.PoolSize(scenario)} students was written (Azurite keeps it all in memory: lower --pool); scenario skipped");
            continue;
        }

        await using var bot = await BotTarget.StartVerzuimBotAsync(options.HostDll, options.HostLogLevel, store, azurite?.ConnectionString, data, work, $"verzuimbot-{store}-{scenario.Name}");
        Console.WriteLine($"VerzuimBot on {store} at {bot.BaseUrl} for {scenario.Name}{(seeded ? $" (fixture written in {seeding.Elapsed.TotalSeconds:F1} s)" : string.Empty)}");
        runner.ResetPool(scenario);
        if (!await SetupAsync(bot, scenario))
        {
            continue;
        }

        foreach (var concurrency in options.Concurrency)
        {
            var result = await runner.RunAsync(bot, scenario, concurrency);
            results.Add(result);
            Report.WriteLevel(Console.Out, result);
        }
    }
}

var references = scenarios.Where(s => s.Reference).ToList();
if (options.Echo && references.Count > 0)
{
    await using var echo = await BotTarget.StartEchoBotAsync(work);
    Console.WriteLine($"echo bot (botbuilder) at {echo.BaseUrl}");
    foreach (var scenario in references)
    {
        foreach (var concurrency in options.Concurrency)
        {
            var result = await runner.RunAsync(echo, scenario, concurrency);
            results.Add(result);
            Report.WriteLevel(Console.Out, result);
        }
    }
}

Report.WriteTable(Console.Out, results);
Report.WriteRatios(Console.Out, results);
return 0;

// The scenario's fixture, written through the host's own services before the host starts.
async Task<bool> SeedAsync(Scenario scenario, string? azuriteConnectionString, string data)
{
    if (scenario.Students is null)
    {
        return false;
    }

    var fixture = scenario.Fixture;
    var size = runner.PoolSize(scenario);

    // The host seeds its demo school at start-up and would overwrite a pool student with the same leerlingnummer (its
    // klas and mentor change, so the expected card goes elsewhere).
    var demo = DemoRosterNumbers(options.HostDll ?? RepositoryPaths.DefaultHostDll);
    if (demo.FirstOrDefault(n => n >= scenario.Students.From && n < scenario.Students.From + size) is var taken && taken != 0)
    {
        throw new InvalidOperationException($"{scenario.Name}: students {scenario.Students.From}…{scenario.Students.From + size - 1} include the demo school's leerling {taken}; choose another \"from\" or a smaller --pool.");
    }

    await using var seeder = VerzuimBot.Load.Fixtures.StoreSeeder.Open(azuriteConnectionString, data);
    await seeder.AddStudentsAsync(scenario.Students.From, size, fixture.Klas, fixture.Mentors, CancellationToken.None, fixture.KlasPerMentor);
    if (fixture.MentorRoles)
    {
        await seeder.AssignMentorRolesAsync(fixture.Mentors, fixture.Klas, CancellationToken.None, fixture.KlasPerMentor);
    }

    if (fixture.MentorChats)
    {
        await seeder.AddMentorChatsAsync(fixture.Mentors, sink.ServiceUrl, CancellationToken.None);
    }

    if (fixture.SickAt is { } sickAt)
    {
        await seeder.ReportSickAsync(scenario.Students.From, size, sickAt, fixture.DeliveredUntil, CancellationToken.None);
    }

    return true;
}

// Setup calls go to VerzuimBot's Development routes; a failing one skips the scenario, it does not end the run.
async Task<bool> SetupAsync(BotTarget bot, Scenario scenario)
{
    foreach (var call in scenario.Setup)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), new Uri(bot.BaseUrl + call.Path));
        if (call.Body is not null)
        {
            request.Content = new StringContent(call.Body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            Console.WriteLine($"  FAILED: setup {call.Method} {call.Path} of {scenario.Name} answered {(int)response.StatusCode}; scenario skipped");
            return false;
        }
    }

    return true;
}

// The leerlingnummers of the demo school the host seeds (Demo:Students in appsettings.Demo.json beside the host dll),
// read with the configuration library the host reads them with.
static List<long> DemoRosterNumbers(string hostDll)
{
    var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(hostDll))!, "appsettings.Demo.json");
    if (!File.Exists(file))
    {
        return [];
    }

    var demo = new ConfigurationBuilder().AddJsonFile(file, optional: false).Build();
    return [.. demo.GetSection("Demo:Students").GetChildren()
        .Select(student => long.TryParse(student["Leerlingnummer"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0)
        .Where(number => number > 0)];
}
