using System.Globalization;
using System.Text;
using VerzuimBot.Load.Fixtures;
using VerzuimBot.Load.Sink;
using VerzuimBot.Load.Targets;

namespace VerzuimBot.Faults.Tests;

/// <summary>
/// A small reminder storm for a fault run: sick students with the mentor's reminder due Wednesday
/// 18 November 2026 08:30 (domain.md §2: the mentor is asked on the third school day), mentors with a
/// chat at a local sink, and hosts started as real processes on one store.
/// </summary>
internal sealed class StormHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset SickAt = new(2026, 11, 16, 8, 0, 0, TimeSpan.FromHours(1));
    public static readonly DateTimeOffset StormAt = new(2026, 11, 18, 8, 30, 0, TimeSpan.FromHours(1));
    private readonly List<BotTarget> _hosts = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private StormHarness(string work, ConnectorSink sink)
    {
        Work = work;
        Sink = sink;
    }

    public string Work { get; }

    public ConnectorSink Sink { get; }

    public Azurite? Azurite { get; set; }

    public string Data => Path.Combine(Work, "data");

    public HashSet<string> Due { get; } = new(StringComparer.Ordinal);

    public static async Task<StormHarness> StartAsync(int conversationRps, int appRps) =>
        new(Directory.CreateTempSubdirectory("verzuimbot-faults-").FullName, await ConnectorSink.StartAsync(conversationRps, appRps));

    /// <summary>Students 500000… sick since Monday; their notification counts as delivered on Monday.</summary>
    public async Task SeedAsync(int students, int mentors)
    {
        await using var seeder = StoreSeeder.Open(Azurite?.ConnectionString, Data);
        // Mentor cards go to people with an active mentor role only, never to the roster's mentor column alone (issue 19
        // item 11): each mentor a role for a klas of their own, as a roster import gives it.
        await seeder.AddStudentsAsync(500_000, students, "M", mentors, CancellationToken.None, klasPerMentor: true);
        await seeder.AssignMentorRolesAsync(mentors, "M", CancellationToken.None, klasPerMentor: true);
        await seeder.AddMentorChatsAsync(mentors, Sink.ServiceUrl, CancellationToken.None);
        foreach (var (id, due) in await seeder.ReportSickAsync(500_000, students, SickAt, null, CancellationToken.None))
        {
            if (due <= StormAt)
            {
                Due.Add(id);
            }
        }
    }

    /// <param name="startAt">The bot's clock at start-up: before the storm, so no sweep runs at today's real date first.</param>
    public async Task<BotTarget> StartHostAsync(string name, int leaseSeconds = 120, DateTimeOffset? startAt = null) =>
        Add(await BotTarget.StartVerzuimBotAsync(null, "Warning", Azurite is null ? "sqlite" : "azurite", Azurite?.ConnectionString, Data, Work, name,
            new Dictionary<string, string>
            {
                ["Reminders__SweepSeconds"] = "1",
                ["Reminders__LeaseSeconds"] = leaseSeconds.ToString(CultureInfo.InvariantCulture),
                ["Development__Now"] = (startAt ?? StormAt.AddMinutes(-5)).ToString("O", CultureInfo.InvariantCulture),
            }));

    /// <summary>Sets the host's clock (which sweeps at once); does not wait for that sweep to end.</summary>
    public Task<HttpResponseMessage> SetClockAsync(BotTarget host, DateTimeOffset now) =>
        new HttpClient { Timeout = Timeout.InfiniteTimeSpan }.PostAsync(new Uri(host.BaseUrl + "/api/dev/clock"),
            new StringContent($"{{\"now\":\"{now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)}\"}}", Encoding.UTF8, "application/json"));

    public int Arrived => Due.Count(Sink.TaskDeliveries.ContainsKey);

    public async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }

    public HttpClient Http => _http;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }

        await Sink.DisposeAsync();
        _http.Dispose();
    }

    private BotTarget Add(BotTarget host)
    {
        _hosts.Add(host);
        return host;
    }
}
