using System.Diagnostics;
using System.Globalization;
using System.Text;
using VerzuimBot.Load.Fixtures;
using VerzuimBot.Load.Sink;
using VerzuimBot.Load.Targets;

namespace VerzuimBot.Load.Storm;

/// <summary>
/// The 08:30 reminder storm: a store with <see cref="LoadOptions.StormDossiers"/> dossiers, of which
/// <see cref="LoadOptions.StormDue"/> are sick since Monday with the mentor's "contact met de ouders"
/// reminder due Wednesday 08:30; the host's clock is set to that minute and its scheduler delivers to a
/// sink that throttles at Teams' documented rates. Reports the time until every due task id arrived,
/// duplicates, 429s and the host's peak memory.
/// </summary>
internal static class StormRun
{
    private const long OpenFrom = 500_000;
    private static readonly DateTimeOffset SickAt = new(2026, 11, 16, 8, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset StormAt = new(2026, 11, 18, 8, 30, 0, TimeSpan.FromHours(1));

    public static async Task<int> RunAsync(LoadOptions options, string work)
    {
        var store = options.Stores[0];
        var conversationRps = options.ConversationRps > 0 ? options.ConversationRps : 7;
        var appRps = options.AppRps > 0 ? options.AppRps : 50;
        Console.WriteLine($"Reminder storm on {store}: {options.StormDossiers} dossiers, {options.StormDue} reminders due {StormAt:yyyy-MM-dd HH:mm}, {options.StormMentors} mentors; sink 429 above {conversationRps}/s per conversation and {appRps}/s per app; logs in {work}");
        await using var sink = await ConnectorSink.StartAsync(conversationRps, appRps);
        await using var azurite = store == "azurite" ? await Azurite.StartAsync(work) : null;
        var data = Path.Combine(work, "data-storm");

        var seeding = Stopwatch.StartNew();
        IReadOnlyList<(string TaskId, DateTimeOffset DueAt)> pending;
        await using (var seeder = StoreSeeder.Open(azurite?.ConnectionString, data))
        {
            var closed = options.StormDossiers - options.StormDue;
            await seeder.AddStudentsAsync(OpenFrom, options.StormDue, "M", options.StormMentors, CancellationToken.None, klasPerMentor: true);
            await seeder.AssignMentorRolesAsync(options.StormMentors, "M", CancellationToken.None, klasPerMentor: true);
            await seeder.AddMentorChatsAsync(options.StormMentors, sink.ServiceUrl, CancellationToken.None);
            await seeder.AddClosedDossiersAsync(OpenFrom + options.StormDue, closed, SickAt.AddDays(-21), CancellationToken.None);
            pending = await seeder.ReportSickAsync(OpenFrom, options.StormDue, SickAt, null, CancellationToken.None);

            // The sweep's cost should follow the tasks due, not the dossiers stored: list before anything is due and at the storm.
            foreach (var at in new[] { SickAt.AddDays(-1), StormAt })
            {
                var (listed, roundTrips, took) = await seeder.MeasureDueListingAsync(at, CancellationToken.None);
                Console.WriteLine($"  sweep listing at {at:yyyy-MM-dd HH:mm} with {options.StormDossiers} dossiers stored: {listed} students due, {roundTrips} store round trips, {took.TotalMilliseconds:F0} ms");
            }
        }

        var due = pending.Where(p => p.DueAt <= StormAt).Select(p => p.TaskId).ToHashSet(StringComparer.Ordinal);
        Console.WriteLine($"  store written in {seeding.Elapsed.TotalSeconds:F1} s: {options.StormDossiers} dossiers ({options.StormDossiers - options.StormDue} closed, {options.StormDue} sick), {due.Count} tasks due at {StormAt:HH:mm}");

        await using var bot = await BotTarget.StartVerzuimBotAsync(options.HostDll, options.HostLogLevel, store, azurite?.ConnectionString, data, work, "verzuimbot-storm",
            new Dictionary<string, string>
            {
                ["Reminders__SweepSeconds"] = "5",

                // Start just before the storm: at the real date every reminder would already be due at start-up, the first
                // sweep would run (and reschedule what Teams throttled) on that date, and then the clock would go back.
                ["Development__Now"] = StormAt.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            });
        var baseline = bot.Process.PeakMemoryBytes();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

        var clock = Stopwatch.StartNew();
        var body = new StringContent($"{{\"now\":\"{StormAt:yyyy-MM-ddTHH:mm:sszzz}\"}}", Encoding.UTF8, "application/json");
        var trigger = http.PostAsync(new Uri(bot.BaseUrl + "/api/dev/clock"), body);
        var deadline = TimeSpan.FromMinutes(options.StormMinutes);
        var lastReport = TimeSpan.Zero;
        int arrived;
        while ((arrived = due.Count(sink.TaskDeliveries.ContainsKey)) < due.Count && clock.Elapsed < deadline && !bot.Process.HasExited)
        {
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(30))
            {
                lastReport = clock.Elapsed;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F0} s: {arrived} of {due.Count} arrived, {sink.Counters.Snapshot().Throttled} × 429, host peak {bot.Process.PeakMemoryBytes() / 1048576.0:F0} MB");
            }

            await Task.Delay(100);
        }

        var elapsed = clock.Elapsed;
        var peak = bot.Process.PeakMemoryBytes();
        var counters = sink.Counters.Snapshot();
        var duplicates = sink.TaskDeliveries.Where(t => t.Value > 1).ToList();
        var unexpected = sink.TaskDeliveries.Keys.Count(k => !due.Contains(k));
        Console.WriteLine();
        Console.WriteLine("| reminder storm | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(F($"| store | {store} |"));
        Console.WriteLine(F($"| dossiers / reminders due | {options.StormDossiers} / {due.Count} |"));
        Console.WriteLine(F($"| sink limits | {conversationRps}/s per conversation, {appRps}/s per app (429 + Retry-After above) |"));
        Console.WriteLine(F($"| arrived (distinct task ids) | {arrived} of {due.Count}{(arrived < due.Count ? " — NOT ALL" : string.Empty)} |"));
        Console.WriteLine(F($"| time until all arrived | {elapsed.TotalSeconds:F1} s ({arrived / elapsed.TotalSeconds:F1} per second) |"));
        Console.WriteLine(F($"| duplicates | {duplicates.Count} task ids ({duplicates.Sum(d => d.Value - 1)} extra cards) |"));
        Console.WriteLine(F($"| other task cards | {unexpected} |"));
        Console.WriteLine(F($"| 429 answered by the sink | {counters.Throttled} |"));
        Console.WriteLine(F($"| host peak memory (VmHWM) | {peak / 1048576.0:F0} MB (after start-up {baseline / 1048576.0:F0} MB; target < 512 MB) |"));
        Console.WriteLine(F($"| store seeding (not part of the storm) | {seeding.Elapsed.TotalSeconds:F0} s |"));
        _ = trigger.ContinueWith(t => t.Exception, TaskScheduler.Default);
        return arrived == due.Count ? 0 : 1;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
