using System.Net;
using System.Text.Json.Nodes;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.Authentication;

// issue 18 item 5 / bot-connector-protocol §3.2 step 8: only Teams activities, signed with a key endorsed for msteams, are processed;
// everything else gets 403 and a log line, and nothing of it is read, stored or answered.
public sealed class TeamsChannelOnlyTests
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";

    private static BotApp Production(LocalTokenIssuer issuer, CapturingLoggerProvider logs) => new(
        "Production",
        remote: IPAddress.Parse("198.51.100.10"),
        settings: BotApp.ProductionSettings(AppId, new() { ["Bot:OpenIdMetadataUrl"] = LocalTokenIssuer.MetadataUrl }),
        metadata: issuer,
        services: logs.AddTo);

    private static object HelpFrom(string channelId, string serviceUrl = BotApp.ProductionServiceUrl)
    {
        var activity = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Activities.Message("help", serviceUrl: serviceUrl)))!;
        activity["channelId"] = channelId;
        return activity;
    }

    [Theory]
    [InlineData("webchat,directline", "msteams", "channel msteams, key endorsed: False")] // a valid token whose key Teams did not endorse
    [InlineData("msteams,webchat", "webchat", "channel webchat, key endorsed: True")] // a key fit for Teams, an activity from elsewhere
    public async Task ValidToken_ButNotTeams_Is403_Logged_AndNothingIsProcessed(string endorsements, string channel, string logged)
    {
        var issuer = new LocalTokenIssuer(endorsements.Split(','));
        var logs = new CapturingLoggerProvider();
        using var app = Production(issuer, logs);

        var response = await app.PostActivityAsync(HelpFrom(channel), issuer.Sign(AppId, BotApp.ProductionServiceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(app.Connector.Calls);
        Assert.Contains(logs.Lines, l => l.Contains($"serves Microsoft Teams only ({logged})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSameToken_FromTeams_IsProcessed()
    {
        var issuer = new LocalTokenIssuer("msteams", "webchat");
        using var app = Production(issuer, new CapturingLoggerProvider());

        var response = await app.PostActivityAsync(HelpFrom("msteams"), issuer.Sign(AppId, BotApp.ProductionServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wat kan ik voor je doen", Assert.Single(app.Connector.SentCardTexts));
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("emulator")]
    public async Task DevelopmentBypass_AcceptsTeamsOnly_Too(string channel)
    {
        var logs = new CapturingLoggerProvider();
        using var app = new BotApp(services: logs.AddTo);

        var refused = await app.PostActivityAsync(HelpFrom(channel, BotApp.ServiceUrl));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(app.Connector.Calls);
        Assert.Contains(logs.Lines, l => l.Contains($"(channel {channel},", StringComparison.Ordinal));

        // The Agents Playground sends msteams (started with -c msteams): that is what the local tools use.
        var accepted = await app.PostActivityAsync(HelpFrom("msteams", BotApp.ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Development_NoAppId_Loopback_WithoutTheOptInFlag_Is401()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new BotApp(settings: new() { ["Bot:AllowUnauthenticatedLoopback"] = "false" }, services: logs.AddTo);

        var response = await app.PostActivityAsync(Activities.Message("help"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.Connector.Calls);
        Assert.Contains(logs.Lines, l => l.Contains("Bot:AllowUnauthenticatedLoopback is not set", StringComparison.Ordinal));
    }
}
