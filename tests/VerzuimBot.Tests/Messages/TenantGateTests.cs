using System.Net;
using System.Text.Json;
using VerzuimBot.Tests.Infrastructure;
using VerzuimBot.Tests.SickRoute;

namespace VerzuimBot.Tests.Messages;

// issue 19 item 7: a card pressed in a tenant no organisation is configured for is refused as politely as a message: the
// invoke response Teams shows the presser (status 200 with a "message" body, bot-connector-protocol §7.3; a 403 would show
// only a generic error), logged, and nothing of it is read, stored, processed or sent.
public sealed class TenantGateTests
{
    private const string OtherTenant = "00000000-0000-0000-0000-0000000000ff";

    [Fact]
    public async Task CardPress_FromAnUnconfiguredTenant_GetsThePoliteDutchRefusal_AsItsInvokeResponse_AndNothingIsProcessed()
    {
        var logs = new CapturingLoggerProvider();
        await using var route = new RouteHarness(services: logs.AddTo);
        var before = StoreSnapshot.Take(route.App);
        var calls = route.App.Connector.Calls.Count;

        using var response = await route.App.PostActivityAsync(new
        {
            type = "invoke",
            name = "adaptiveCard/action",
            id = "inv-other-tenant",
            serviceUrl = BotApp.ServiceUrl,
            channelId = "msteams",
            from = new { id = "29:elders", aadObjectId = "aad-elders" },
            recipient = new { id = "28:bot" },
            conversation = new { id = "a:personal-elders", conversationType = "personal", tenantId = OtherTenant },
            channelData = new { tenant = new { id = OtherTenant } },
            value = new { action = new { type = "Action.Execute", verb = "gesprek.opslaan", data = new { school = "99DE00", leerling = route.StudentIdOf("123456").Value, uitkomst = "monitoring" } } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.StartsWith("Sorry, VerzuimBot is niet beschikbaar voor jouw organisatie.", body.GetProperty("value").GetString(), StringComparison.Ordinal);

        Assert.Empty(StoreSnapshot.Take(route.App).ChangedSince(before, ignoreBookkeeping: false));
        Assert.Equal(calls, route.App.Connector.Calls.Count);
        Assert.Contains(logs.Lines, l => l.Contains($"Refused a invoke activity from tenant {OtherTenant}: tenant-not-allowed", StringComparison.Ordinal));
    }
}
