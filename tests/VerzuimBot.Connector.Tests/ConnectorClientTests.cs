using System.Net;
using System.Text;
using Azure.Core;
using Microsoft.Extensions.Logging.Abstractions;
using VerzuimBot.Connector.Client;
using VerzuimBot.Connector.Schema;

namespace VerzuimBot.Connector.Tests;

// issue 4 item 3 / bot-connector-protocol §5.4: retries, Retry-After, trusted serviceUrls, tokens.
public class ConnectorClientTests
{
    private const string ServiceUrl = "https://smba.test.example/emea/";

    [Fact]
    public async Task Throttled429_WaitsRetryAfter_ThenSucceeds()
    {
        var handler = new ScriptedHandler(Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 1), Created("7"));
        var id = await Client(handler).SendAsync(ServiceUrl, "a:1", Activity.Message("hoi"));
        Assert.Equal("7", id);
        Assert.Equal(2, handler.Requests.Count);
        Assert.True(handler.Requests[1].At - handler.Requests[0].At >= TimeSpan.FromMilliseconds(900), "Retry-After of 1 s was not honoured");
    }

    [Fact]
    public async Task ServerErrors_AreRetried_ThenTheFailureReachesTheCaller()
    {
        var handler = new ScriptedHandler(Enumerable.Range(0, 4).Select(_ => Status(HttpStatusCode.InternalServerError)).ToArray());
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client(handler).SendAsync(ServiceUrl, "a:1", Activity.Message("hoi")));
        Assert.Equal(500, error.Status);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task ClientErrors_AreNotRetried()
    {
        var handler = new ScriptedHandler(Status(HttpStatusCode.Forbidden));
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client(handler).SendAsync(ServiceUrl, "a:1", Activity.Message("hoi")));
        Assert.Equal(403, error.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task UntrustedServiceUrl_IsNeverCalled()
    {
        var handler = new ScriptedHandler(Created("1"));
        await Assert.ThrowsAsync<ConnectorException>(() => Client(handler).SendAsync("https://attacker.example/", "a:1", Activity.Message("hoi")));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Update_PutsTheActivity_WithEscapedIds_AndTheToken()
    {
        var handler = new ScriptedHandler(Created("1"));
        await Client(handler).UpdateAsync(ServiceUrl, "19:abc@thread.tacv2;messageid=5", "42", Activity.Message("afgehandeld"));
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/emea/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D5/activities/42", request.Path);
        Assert.Equal("Bearer token-1", request.Authorization);
    }

    [Fact]
    public async Task PostToChannel_CreatesAConversationWithTheChannelAndTenant()
    {
        var handler = new ScriptedHandler(new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("""{"id":"19:c@thread.tacv2;messageid=9","activityId":"9"}""", Encoding.UTF8, "application/json") });
        var (id, activityId) = await Client(handler).PostToChannelAsync(ServiceUrl, "28:bot", "19:c@thread.tacv2", "t1", Activity.Message("digest"));
        Assert.Equal("19:c@thread.tacv2;messageid=9", id);
        Assert.Equal("9", activityId);
        Assert.Contains("\"channel\":{\"id\":\"19:c@thread.tacv2\"}", handler.Requests[0].Body);
        Assert.Contains("\"isGroup\":true", handler.Requests[0].Body);
    }

    [Fact]
    public async Task Tokens_AreCachedUntilNearExpiry()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-11-02T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var credential = new CountingCredential(time);
        var provider = new ConnectorTokenProvider(credential, time);
        Assert.Equal("token-1", await provider.GetTokenAsync());
        Assert.Equal("token-1", await provider.GetTokenAsync());
        time.Now = time.Now.AddMinutes(56);
        Assert.Equal("token-2", await provider.GetTokenAsync());
        Assert.Equal(2, credential.Calls);
    }

    private static ConnectorClient Client(ScriptedHandler handler) => new(
        new HttpClient(handler),
        new StaticToken("token-1"),
        new TrustedServiceUrls([ServiceUrl], developmentMode: false),
        TimeProvider.System,
        NullLogger<ConnectorClient>.Instance,
        new ConnectorRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxRetries = 3 });

    private static HttpResponseMessage Created(string id) => new(HttpStatusCode.Created) { Content = new StringContent($$"""{"id":"{{id}}"}""", Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Status(HttpStatusCode status, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage(status);
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }

    private sealed class ScriptedHandler(params HttpResponseMessage[] responses) : HttpMessageHandler
    {
        private int _next;

        public List<(HttpMethod Method, string Path, string? Authorization, string Body, DateTimeOffset At)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method, request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString(), body, TimeProvider.System.GetUtcNow()));
            return responses[Math.Min(_next++, responses.Length - 1)];
        }
    }

    private sealed class StaticToken(string token) : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>(token);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CountingCredential(ManualTime time) : TokenCredential
    {
        public int Calls { get; private set; }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new($"token-{++Calls}", time.Now.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
