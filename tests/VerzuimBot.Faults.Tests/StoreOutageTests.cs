using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using VerzuimBot.Load.Fixtures;
using VerzuimBot.Load.Sink;
using VerzuimBot.Load.Targets;
using Xunit.Abstractions;

namespace VerzuimBot.Faults.Tests;

/// <summary>
/// Issue 10 item 4, the store: Azurite unreachable for 30 seconds (a <see cref="TcpGate"/> cut in front of it) while receptie keeps saving ziekmeldingen (the form
/// card's Action.Execute, 8 at a time). Users get the Dutch "probeer het zo opnieuw", never a 5xx; every ziekmelding
/// the bot confirmed is in the store afterwards; and the bot recovers by itself when Azurite is back.
/// </summary>
public sealed class StoreOutageTests(ITestOutputHelper output)
{
    private const string Tenant = "00000000-0000-0000-0000-00000000d0e0";

    [Fact]
    public async Task Azurite_unreachable_for_30_seconds_under_load_users_hear_dutch_retry_nothing_confirmed_is_lost_and_the_bot_recovers()
    {
        await using var sink = await ConnectorSink.StartAsync(0, 0);
        var work = Directory.CreateTempSubdirectory("verzuimbot-outage-").FullName;
        await using var azurite = await Azurite.StartAsync(work);
        await using var gate = TcpGate.To(azurite.Port);
        var connection = azurite.ConnectionString.Replace($":{azurite.Port}/", $":{gate.Port}/", StringComparison.Ordinal);
        await using (var seeder = StoreSeeder.Open(connection, null))
        {
            await seeder.AddStudentsAsync(100_000, 3_000, "L", 16, CancellationToken.None);
            await seeder.AssignMentorRolesAsync(16, "L", CancellationToken.None);
            await seeder.AddMentorChatsAsync(16, sink.ServiceUrl, CancellationToken.None);
        }

        await using var host = await BotTarget.StartVerzuimBotAsync(null, "Warning", "azurite", connection, work, work, "host", new Dictionary<string, string>
        {
            ["Development__Now"] = "2026-11-23T07:50:00+01:00",
            ["Reminders__SweepSeconds"] = "1",
        });

        var confirmed = new ConcurrentDictionary<long, string>();
        var retryAnswers = new ConcurrentBag<long>();
        var serverErrors = new ConcurrentBag<string>();
        var other = new ConcurrentBag<string>();
        var next = 100_000L - 1;
        var phase = "voor";
        var confirmedAfterRestart = 0;
        var restored = new System.Diagnostics.Stopwatch();
        TimeSpan? firstAfterRestore = null;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var stop = new CancellationTokenSource();

        async Task WorkerAsync(int worker)
        {
            while (!stop.IsCancellationRequested)
            {
                var leerling = Interlocked.Increment(ref next);
                using var response = await http.PostAsync(host.MessagesUrl, new StringContent(Ziekmelding(worker, leerling, sink.ServiceUrl), Encoding.UTF8, "application/json"));
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500)
                {
                    serverErrors.Add($"{(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
                }
                else if (body.Contains("Ziekmelding opgeslagen", StringComparison.Ordinal))
                {
                    confirmed[leerling] = Volatile.Read(ref phase);
                    if (Volatile.Read(ref phase) == "na" && Interlocked.Increment(ref confirmedAfterRestart) == 1)
                    {
                        firstAfterRestore = restored.Elapsed;
                    }
                }
                else if (body.Contains("Probeer het zo opnieuw", StringComparison.OrdinalIgnoreCase) || body.Contains("probeer het", StringComparison.OrdinalIgnoreCase))
                {
                    retryAnswers.Add(leerling);
                }
                else
                {
                    other.Add($"{(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
                }
            }
        }

        var workers = Enumerable.Range(0, 8).Select(WorkerAsync).ToList();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var beforeOutage = confirmed.Count;
        gate.Cut();
        Volatile.Write(ref phase, "tijdens");
        await Task.Delay(TimeSpan.FromSeconds(30));
        gate.Restore();
        restored.Start();
        Volatile.Write(ref phase, "na");
        var recovered = await WaitUntilAsync(() => Volatile.Read(ref confirmedAfterRestart) >= 20, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        output.WriteLine($"confirmed {confirmed.Count} ({beforeOutage} before the outage, {confirmedAfterRestart} after the restart, the first {firstAfterRestore?.TotalSeconds:0.0} s after it); 'probeer het zo opnieuw' {retryAnswers.Count}; 5xx {serverErrors.Count}; other {other.Count}; host alive {!host.Process.HasExited}");
        Assert.Empty(serverErrors);
        Assert.True(other.IsEmpty, "unexpected answers: " + string.Join(" | ", other.Take(5)));
        Assert.True(beforeOutage > 0, "nothing was saved before the outage");
        Assert.NotEmpty(retryAnswers);
        Assert.True(recovered, $"the bot did not recover within 60 s of Azurite's return ({confirmedAfterRestart} saved since)");
        Assert.False(host.Process.HasExited);

        await using var reader = StoreSeeder.Open(connection, null);
        var stored = await reader.WithZiekmeldingAsync(confirmed.Keys, CancellationToken.None);
        var lost = confirmed.Where(c => !stored.Contains(c.Key)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} confirmed ziekmeldingen are not in the store (confirmed {string.Join(", ", lost.GroupBy(l => l.Value).Select(g => $"{g.Count()} {g.Key} de storing"))})");
    }

    private static string Ziekmelding(int worker, long leerling, string serviceUrl) => System.Text.Json.JsonSerializer.Serialize(new
    {
        type = "invoke",
        name = "adaptiveCard/action",
        id = Guid.NewGuid().ToString("N"),
        serviceUrl,
        channelId = "msteams",
        from = new { id = "29:rita", name = "Rita Receptie", aadObjectId = "00000000-0000-0000-0000-000000000001" },
        recipient = new { id = "28:verzuimbot-demo", name = "VerzuimBot" },
        conversation = new { id = $"a:outage-{worker.ToString(CultureInfo.InvariantCulture)}", conversationType = "personal", tenantId = Tenant },
        value = new
        {
            action = new
            {
                type = "Action.Execute",
                verb = "ziekmelding.opslaan",
                data = new { school = "99DE00", leerling = leerling.ToString(CultureInfo.InvariantCulture), eersteDag = "2026-11-23", terug = string.Empty, ouderBeltMentor = "ja" },
            },
            trigger = "manual",
        },
        channelData = new { tenant = new { id = Tenant } },
    });

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !condition())
        {
            await Task.Delay(100);
        }

        return condition();
    }
}
