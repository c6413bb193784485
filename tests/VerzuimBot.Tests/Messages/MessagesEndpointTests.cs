using System.Net;
using System.Text.Json;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.Messages;

// issue 4 items 1, 4; issue 10 item 5: Development mode over loopback, malformed input, duplicates, invokes.
public sealed class MessagesEndpointTests : IDisposable
{
    private readonly BotApp _app = new();

    [Fact]
    public async Task Help_FromLoopbackInDevelopment_RepliesWithTheHelpCard()
    {
        var response = await _app.PostActivityAsync(Activities.Message("<at>VerzuimBot</at> Help "));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_app.Connector.Calls);
        Assert.Equal("/_connector/v3/conversations/a:personal-1/activities/act-1", call.Path);
        Assert.Null(call.Authorization);
        var card = Assert.Single(_app.Connector.SentCardTexts);
        Assert.Contains("Wat kan ik voor je doen", card);
        Assert.Contains("wie ben ik", card);
        Assert.Equal("28:bot", call.Body!.Value.GetProperty("from").GetProperty("id").GetString());
    }

    [Fact]
    public async Task UnknownText_GetsADutchHint()
    {
        await _app.PostActivityAsync(Activities.Message("banaan"));
        Assert.Equal("Dat begrijp ik niet. Typ \"help\" voor wat ik kan.", Assert.Single(_app.Connector.SentTexts));
    }

    [Fact]
    public async Task NonLoopbackCaller_WithoutAppId_IsRejected_AndNothingHappens()
    {
        using var app = new BotApp(remote: IPAddress.Parse("203.0.113.7"));
        var response = await app.PostActivityAsync(Activities.Message("help"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.Connector.Calls);
    }

    [Theory]
    [InlineData("{ dit is geen json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":\"message\"}")]
    [InlineData("{\"type\":42,\"serviceUrl\":\"x\"}")]
    [InlineData("")]
    public async Task MalformedActivity_Is400_WithoutStackTrace(string body)
    {
        var response = await _app.PostRawAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text);
        Assert.Contains("Ongeldige activiteit", text);
        Assert.Empty(_app.Connector.Calls);
    }

    [Fact]
    public async Task OversizedActivity_Is413()
    {
        var response = await _app.PostActivityAsync(Activities.Message(new string('x', 400_000)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_app.Connector.Calls);
    }

    [Fact]
    public async Task SameActivityDeliveredTwice_IsHandledOnce()
    {
        await _app.PostActivityAsync(Activities.Message("help", id: "dup-1"));
        var second = await _app.PostActivityAsync(Activities.Message("help", id: "dup-1"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(_app.Connector.Calls);
    }

    [Fact]
    public async Task Install_AnnouncedTwice_SendsOneDutchWelcomeCard()
    {
        await Task.WhenAll(
            _app.PostActivityAsync(Activities.Install("installationUpdate", "i-1")),
            _app.PostActivityAsync(Activities.Install("conversationUpdate", "c-1")));
        var card = Assert.Single(_app.Connector.SentCardTexts);
        Assert.Contains("Welkom bij VerzuimBot", card);
    }

    [Fact]
    public async Task UnknownInvoke_Is501_UnknownCardVerb_IsAnsweredInTheInvokeResponse()
    {
        var unknown = await _app.PostActivityAsync(Activities.Invoke("composeExtension/query", new { }));
        Assert.Equal(HttpStatusCode.NotImplemented, unknown.StatusCode);

        var action = await _app.PostActivityAsync(Activities.Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "bestaat.niet" } }, id: "inv-2"));
        Assert.Equal(HttpStatusCode.OK, action.StatusCode);
        using var body = JsonDocument.Parse(await action.Content.ReadAsStringAsync());
        Assert.Equal(400, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("niets veranderd", body.RootElement.GetProperty("value").GetProperty("message").GetString());
    }

    [Fact]
    public async Task OtherActivityTypes_Are200AndIgnored()
    {
        var response = await _app.PostActivityAsync(new { type = "messageReaction", id = "r1", serviceUrl = BotApp.ServiceUrl, channelId = "msteams", conversation = new { id = "a:personal-1" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_app.Connector.Calls);
    }

    [Fact]
    public async Task StoreDown_UserGetsDutchRetryMessage_NoStackTrace()
    {
        var blocker = Path.Combine(Path.GetTempPath(), "verzuimbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        await File.WriteAllTextAsync(blocker, "een bestand, geen map");
        try
        {
            await AssertStoreDownAnswersAsync(blocker);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    private static async Task AssertStoreDownAnswersAsync(string blocker)
    {
        using var app = new BotApp(dataDirectory: Path.Combine(blocker, "data"));
        var response = await app.PostActivityAsync(Activities.Message("help"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Er ging iets mis bij het opslaan. Probeer het zo opnieuw.", Assert.Single(app.Connector.SentTexts));

        // A card press while the store is down: the same sentence in the invoke response, the card stays.
        var press = await app.PostActivityAsync(Activities.Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "mentorcontact.opslaan", data = new { school = "99DE00", leerling = "s-1", taak = "s-1/MentorContactReminder/Mentor/2026-10-13" } } }, id: "inv-store-down"));
        Assert.Equal(HttpStatusCode.OK, press.StatusCode);
        var body = await press.Content.ReadAsStringAsync();
        Assert.Contains("application/vnd.microsoft.activity.message", body, StringComparison.Ordinal);
        Assert.Contains("Probeer het zo opnieuw.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProactiveDevRoute_SendsToAKnownUser_AndRefusesUnknownOnes()
    {
        await _app.PostActivityAsync(Activities.Message("help"));
        var client = _app.CreateClient();
        var ok = await client.PostAsync("/api/dev/proactive", JsonContent(new { tenantId = Activities.Tenant, userAadObjectId = "aad-user-1", text = "Herinnering" }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains(_app.Connector.Calls, c => c.Method == HttpMethod.Post && c.Path == "/_connector/v3/conversations"
            && c.Body!.Value.GetProperty("members")[0].GetProperty("id").GetString() == "29:user-1");
        Assert.Contains("Herinnering", _app.Connector.SentTexts);

        var unknown = await client.PostAsync("/api/dev/proactive", JsonContent(new { tenantId = Activities.Tenant, userAadObjectId = "niemand", text = "x" }));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task DevRoutes_DoNotExistInProduction()
    {
        using var app = new BotApp("Production", settings: BotApp.ProductionSettings());
        var response = await app.CreateClient().PostAsync("/api/dev/proactive", JsonContent(new { tenantId = "t", userAadObjectId = "u", text = "x" }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose() => _app.Dispose();

    private static StringContent JsonContent(object value) => new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
