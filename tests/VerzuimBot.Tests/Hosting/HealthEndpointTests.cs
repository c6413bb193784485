using System.Net;
using System.Text.Json;
using VerzuimBot.Tests.Authentication;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.Hosting;

// issue 18 item 4: /healthz says the process answers (no I/O); /healthz/ready that the store answers and the signing keys are loaded.
public sealed class HealthEndpointTests : IDisposable
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private readonly string _notADirectory = Path.GetTempFileName();

    [Fact]
    public async Task Alive_IsOk_EvenWhenTheStoreIsBroken_ButReady_IsNot()
    {
        // The data "directory" is a file: the embedded store cannot open, so readiness fails, liveness does not look.
        using var app = new BotApp(dataDirectory: _notADirectory);
        var client = app.CreateClient();

        using var alive = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("ok", Body(await alive.Content.ReadAsStringAsync()).GetProperty("status").GetString());

        using var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = Body(await ready.Content.ReadAsStringAsync()).GetProperty("checks");
        Assert.Equal("unhealthy", checks.GetProperty("store").GetProperty("status").GetString());
        Assert.DoesNotContain(_notADirectory, checks.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("healthy", checks.GetProperty("signing-keys").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_WithAnAppId_WhenTheStoreAnswers_AndTheSigningKeysLoad()
    {
        using var app = Production(new LocalTokenIssuer());
        using var ready = await app.CreateClient().GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = Body(await ready.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(["signing-keys", "store"], body.GetProperty("checks").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task NotReady_WhenTheSigningKeysCannotBeLoaded()
    {
        using var app = Production(new NoMetadata());
        using var ready = await app.CreateClient().GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = Body(await ready.Content.ReadAsStringAsync()).GetProperty("checks");
        Assert.Equal("unhealthy", checks.GetProperty("signing-keys").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("store").GetProperty("status").GetString());
    }

    public void Dispose() => File.Delete(_notADirectory);

    private static BotApp Production(HttpMessageHandler metadata) =>
        new("Production", settings: BotApp.ProductionSettings(AppId, new() { ["Bot:OpenIdMetadataUrl"] = LocalTokenIssuer.MetadataUrl }), metadata: metadata);

    private static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>The metadata address answers 404, as a wrong Bot:OpenIdMetadataUrl or an outage would.</summary>
    private sealed class NoMetadata : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
