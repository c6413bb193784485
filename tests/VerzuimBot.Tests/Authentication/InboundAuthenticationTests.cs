using System.Net;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.Authentication;

// issue 4 item 2 / bot-connector-protocol §3.2: a valid Bot Connector token → 200; every other → 401 and nothing processed.
public sealed class InboundAuthenticationTests : IDisposable
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private readonly LocalTokenIssuer _issuer = new();
    private readonly BotApp _app;

    public InboundAuthenticationTests()
    {
        _app = new BotApp(
            "Production",
            remote: IPAddress.Parse("198.51.100.10"),
            settings: BotApp.ProductionSettings(AppId, new() { ["Bot:OpenIdMetadataUrl"] = LocalTokenIssuer.MetadataUrl }),
            metadata: _issuer);
    }

    private static object Help => Activities.Message("help", serviceUrl: BotApp.ProductionServiceUrl);

    [Fact]
    public async Task ValidToken_Is200_AndTheTurnRuns()
    {
        var response = await _app.PostActivityAsync(Help, _issuer.Sign(AppId, BotApp.ProductionServiceUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_app.Connector.Calls, c => c.Method == HttpMethod.Post);
        Assert.Equal("Bearer test-outbound-token", reply.Authorization);

        // First contact from an allowed tenant: the member (UPN) is looked up to link the staff identity, with the token too.
        var lookup = Assert.Single(_app.Connector.Calls, c => c.Method == HttpMethod.Get);
        Assert.Contains("/members/29:user-1", lookup.Path, StringComparison.Ordinal);
        Assert.Equal("Bearer test-outbound-token", lookup.Authorization);
        Assert.StartsWith("/emea/v3/conversations/", reply.Path);
    }

    [Fact]
    public async Task OtherTenant_IsRefusedPolitely_AndNothingIsProcessed()
    {
        var activity = Activities.Message("help", serviceUrl: BotApp.ProductionServiceUrl, tenant: "tenant-van-een-ander");
        var response = await _app.PostActivityAsync(activity, _issuer.Sign(AppId, BotApp.ProductionServiceUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_app.Connector.SentTexts);
        Assert.DoesNotContain("Wat kan VerzuimBot", reply);
        Assert.Empty(_app.Connector.SentCardTexts);
        Assert.StartsWith("Sorry, VerzuimBot is niet beschikbaar voor jouw organisatie.", reply);
    }

    [Fact]
    public async Task AllowedTenant_GetsTheHelpCard()
    {
        await _app.PostActivityAsync(Help, _issuer.Sign(AppId, BotApp.ProductionServiceUrl));
        Assert.Contains("Wat kan ik voor je doen", Assert.Single(_app.Connector.SentCardTexts));
    }

    public static TheoryData<string> RejectedCases() => ["missing", "expired", "audience", "issuer", "signature", "serviceUrl", "garbage"];

    [Theory]
    [MemberData(nameof(RejectedCases))]
    public async Task InvalidToken_Is401_AndNothingIsProcessed(string problem)
    {
        var token = problem switch
        {
            "missing" => null,
            "expired" => _issuer.Sign(AppId, BotApp.ProductionServiceUrl, expires: DateTime.UtcNow.AddMinutes(-10)),
            "audience" => _issuer.Sign("99999999-0000-0000-0000-000000000000", BotApp.ProductionServiceUrl),
            "issuer" => _issuer.Sign(AppId, BotApp.ProductionServiceUrl, issuer: "https://evil.example"),
            "signature" => _issuer.Sign(AppId, BotApp.ProductionServiceUrl, key: LocalTokenIssuer.OtherKey()),
            "serviceUrl" => _issuer.Sign(AppId, "https://other.example/"),
            _ => "not.a.jwt",
        };

        var response = await _app.PostActivityAsync(Help, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_app.Connector.Calls);
        Assert.False(File.Exists(Path.Combine(_app.DataDirectory, "verzuimbot.db")) && new FileInfo(Path.Combine(_app.DataDirectory, "verzuimbot.db")).Length > 0 && HasProcessedRows());
    }

    private bool HasProcessedRows()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "verzuimbot.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        // The reminder scheduler may create its own (empty) tables at start-up; what counts is that nothing of the turn was stored.
        command.CommandText = "SELECT name FROM sqlite_master WHERE type='table' AND name IN ('t_processedactivities', 't_conversationreferences', 't_dialogstates')";
        var tables = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            command.CommandText = $"SELECT count(*) FROM \"{table}\"";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _app.Dispose();
}
