using System.Net;
using VerzuimBot.Tests.SickRoute;

namespace VerzuimBot.Tests.Telemetry;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    // Alone: our sources and meters are process-wide, so another test's host must not add to (or hide in) what is recorded.
    public const string Name = "Telemetry";
}

// issue 18 item 3 / domain.md §8: a whole ziekmelding through the real host, with everything the OpenTelemetry pipeline would
// export caught in memory: no name, leerlingnummer, note or student id anywhere, and the spans and metrics ops need are there.
[Collection(TelemetryCollection.Name)]
public sealed class NoChildrensDataInTelemetryTests
{
    private const string ExportToken = "exporttoken-9f8e7d6c5b4a";

    [Fact]
    public async Task AWholeZiekmelding_ExportsTurnsSendsAndSweeps_WithoutNameNumberNoteOrStudentId()
    {
        var telemetry = new TelemetryRecorder();
        await using (var route = new RouteHarness(services: telemetry.AddTo))
        {
            await WholeZiekmelding.WalkAsync(route);

            // A download link that does not exist, with a query: neither the token nor the query may be recorded.
            using var export = await route.App.CreateClient().GetAsync($"/api/overzicht/export/{ExportToken}?leerling=Daan");
            Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);

            // Another channel: refused before processing, and counted.
            using var webchat = await route.App.PostActivityAsync(new
            {
                type = "message", id = "webchat-1", serviceUrl = Infrastructure.BotApp.ServiceUrl, channelId = "webchat",
                from = new { id = "29:rita", name = "Rita Receptie" }, conversation = new { id = "a:personal-rita", tenantId = RouteHarness.Tenant }, text = "ziek Daan de Vries",
            });
            Assert.Equal(HttpStatusCode.Forbidden, webchat.StatusCode);
            telemetry.Flush(route.App.Services);
        }

        var all = telemetry.AllText().ToList();
        foreach (var secret in WholeZiekmelding.Secrets.Concat([ExportToken, "leerling="]))
        {
            var leaks = all.Where(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaks.Count == 0, $"\"{secret}\" is in the telemetry:\n" + string.Join("\n", leaks));
        }

        AssertTheExpectedTelemetryIsThere(telemetry, all);
    }

    /// <summary>Not vacuous: the turns, the connector sends, the sweeps, the routes and the metrics are all recorded.</summary>
    private static void AssertTheExpectedTelemetryIsThere(TelemetryRecorder telemetry, List<string> all)
    {
        List<System.Diagnostics.Activity> spans;
        lock (telemetry.Spans)
        {
            spans = [.. telemetry.Spans];
        }

        string? Tag(System.Diagnostics.Activity span, string key) => span.GetTagItem(key)?.ToString();
        var turns = spans.Where(s => s.Source.Name == "VerzuimBot" && s.OperationName == "turn").ToList();
        Assert.Contains(turns, t => Tag(t, "verzuimbot.activity.type") == "message" && Tag(t, "verzuimbot.command.kind") == "ziek" && Tag(t, "verzuimbot.outcome") == "ok");
        Assert.Contains(turns, t => Tag(t, "verzuimbot.activity.type") == "invoke" && Tag(t, "verzuimbot.command.kind") == "mentorcontact.opslaan");
        Assert.Contains(turns, t => Tag(t, "verzuimbot.command.kind") == "other"); // "weet ik niet": an answer, not a command
        Assert.Contains(turns, t => Tag(t, "verzuimbot.outcome") == "refused-channel");
        Assert.Contains(spans, s => s.Source.Name == "VerzuimBot" && s.OperationName == "reminder-sweep");
        Assert.Contains(spans, s => s.Source.Name == "VerzuimBot.Connector" && Tag(s, "verzuimbot.connector.operation") == "reply" && Tag(s, "http.response.status_code") == "201");
        Assert.Contains(spans, s => s.Source.Name == "VerzuimBot.Connector" && Tag(s, "verzuimbot.connector.operation") == "create-conversation" || Tag(s, "verzuimbot.connector.operation") == "send");
        Assert.Contains(spans, s => Tag(s, "http.route") == "/api/messages" && Tag(s, "url.path") == "/api/messages");
        Assert.Contains(spans, s => Tag(s, "http.route") == "/api/overzicht/export/{token}" && Tag(s, "url.path") == "/api/overzicht/export/{token}" && Tag(s, "url.query") is null);

        Assert.Contains(all, l => l.StartsWith("metric verzuimbot.turn.duration ", StringComparison.Ordinal) && l.Contains("verzuimbot.activity.type=invoke", StringComparison.Ordinal));
        Assert.Contains(all, l => l.StartsWith("metric verzuimbot.reminders.due", StringComparison.Ordinal));
        Assert.Contains(all, l => l.StartsWith("metric verzuimbot.reminders.sent", StringComparison.Ordinal));
        Assert.Contains(all, l => l == "metric verzuimbot.refusals verzuimbot.refusal.reason=channel");

        // The stranger's refusal is logged with the student's pseudonymous id locally; what is exported has it redacted.
        Assert.Contains(all, l => l.StartsWith("log ", StringComparison.Ordinal) && l.Contains("StudentId=[redacted]", StringComparison.Ordinal));
    }
}
