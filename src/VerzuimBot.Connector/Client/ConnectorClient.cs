using ActivityStatusCode = System.Diagnostics.ActivityStatusCode;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using VerzuimBot.Connector.Schema;

namespace VerzuimBot.Connector.Client;

/// <summary>
/// Outbound Bot Connector REST calls: send, reply, update (replace a card in place), delete and
/// create a conversation. 429 honours Retry-After; 5xx and timeouts are retried with backoff; after
/// that a <see cref="ConnectorException"/> reaches the caller. Only trusted serviceUrls are called.
/// </summary>
public sealed class ConnectorClient
{
    private readonly HttpClient _http;
    private readonly IConnectorTokenProvider _tokens;
    private readonly TrustedServiceUrls _trusted;
    private readonly ILogger<ConnectorClient> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public ConnectorClient(HttpClient http, IConnectorTokenProvider tokens, TrustedServiceUrls trusted, TimeProvider time, ILogger<ConnectorClient> logger, ConnectorRetryOptions? retry = null)
    {
        _http = http;
        _tokens = tokens;
        _trusted = trusted;
        _logger = logger;
        _pipeline = BuildPipeline(retry ?? new ConnectorRetryOptions(), time);
    }

    public Task<string?> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        PostForIdAsync("send", serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, cancellationToken);

    public Task<string?> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default) =>
        PostForIdAsync("reply", serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity with { ReplyToId = replyToId }, cancellationToken);

    public async Task UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        using var response = await CallAsync("update", HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity with { Id = activityId }, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        using var response = await CallAsync("delete", HttpMethod.Delete, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One member of a conversation as Teams knows them (GET .../members/{id}): the UPN and e-mail the
    /// activity itself does not carry. Null when the connector does not know the member (404).
    /// </summary>
    public async Task<TeamsMember?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await CallAsync("member", HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}", null, cancellationToken).ConfigureAwait(false);
            using var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            return json?.RootElement is { ValueKind: JsonValueKind.Object } member ? ToMember(member) : null;
        }
        catch (ConnectorException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>All members of a group chat or team (GET .../members), with their UPNs, to link them when the bot is added.</summary>
    public async Task<IReadOnlyList<TeamsMember>> GetMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken = default)
    {
        using var response = await CallAsync("members", HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members", null, cancellationToken).ConfigureAwait(false);
        using var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        if (json?.RootElement is not { ValueKind: JsonValueKind.Array } members)
        {
            return [];
        }

        return members.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.Object).Select(ToMember).ToList();
    }

    /// <summary>Creates (or finds) the 1:1 conversation with a Teams user; returns its id.</summary>
    public async Task<string> CreatePersonalConversationAsync(string serviceUrl, string botId, string userId, string tenantId, CancellationToken cancellationToken = default)
    {
        var body = new
        {
            bot = new { id = botId },
            members = new[] { new { id = userId } },
            isGroup = false,
            tenantId,
            channelData = new { tenant = new { id = tenantId } },
        };
        return (await CreateConversationAsync(serviceUrl, body, cancellationToken).ConfigureAwait(false)).Id;
    }

    /// <summary>Posts a new thread in a team channel; returns the thread's conversation id and activity id.</summary>
    public Task<(string Id, string? ActivityId)> PostToChannelAsync(string serviceUrl, string botId, string channelId, string tenantId, Activity activity, CancellationToken cancellationToken = default)
    {
        var body = new
        {
            bot = new { id = botId },
            isGroup = true,
            tenantId,
            channelData = new { channel = new { id = channelId }, tenant = new { id = tenantId } },
            activity,
        };
        return CreateConversationAsync(serviceUrl, body, cancellationToken);
    }

    private static TeamsMember ToMember(JsonElement member)
    {
        string? Read(string name) => member.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new TeamsMember(Read("id"), Read("aadObjectId") ?? Read("objectId"), Read("userPrincipalName"), Read("email"), Read("name"));
    }

    private async Task<(string Id, string? ActivityId)> CreateConversationAsync(string serviceUrl, object body, CancellationToken cancellationToken)
    {
        using var response = await CallAsync("create-conversation", HttpMethod.Post, serviceUrl, "v3/conversations", body, cancellationToken).ConfigureAwait(false);
        using var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        var id = json?.RootElement.TryGetProperty("id", out var idValue) == true ? idValue.GetString() : null;
        var activityId = json?.RootElement.TryGetProperty("activityId", out var a) == true ? a.GetString() : null;
        return (id ?? throw new ConnectorException("De connector gaf geen gesprek-id terug.", (int)response.StatusCode), activityId);
    }

    private async Task<string?> PostForIdAsync(string operation, string serviceUrl, string path, Activity activity, CancellationToken cancellationToken)
    {
        using var response = await CallAsync(operation, HttpMethod.Post, serviceUrl, path, activity, cancellationToken).ConfigureAwait(false);
        using var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return json?.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
    }

    private async Task<HttpResponseMessage> CallAsync(string operation, HttpMethod method, string serviceUrl, string path, object? body, CancellationToken cancellationToken)
    {
        using var span = ConnectorTelemetry.Start(operation);
        if (!_trusted.IsTrusted(serviceUrl))
        {
            span?.SetStatus(ActivityStatusCode.Error, "untrusted serviceUrl");
            throw new ConnectorException("Deze serviceUrl is niet vertrouwd; er is niets verstuurd.");
        }

        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var uri = new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async ct =>
                {
                    using var request = new HttpRequestMessage(method, uri);
                    if (body is not null)
                    {
                        request.Content = JsonContent.Create(body, body.GetType(), options: ConnectorJson.Options);
                    }

                    if (token is not null)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }

                    return await _http.SendAsync(request, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Connector call {Method} failed after retries: {Error}", method.Method, ex.GetType().Name);
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw new ConnectorException("De Teams-connector is niet bereikbaar.", null, ex);
        }

        span?.SetTag(ConnectorTelemetry.StatusTag, (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            span?.SetStatus(ActivityStatusCode.Error);
            response.Dispose();
            _logger.LogWarning("Connector call {Method} answered {Status}", method.Method, status);
            throw new ConnectorException($"De Teams-connector antwoordde {status}.", status);
        }

        return response;
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(ConnectorRetryOptions options, TimeProvider time) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                DelayGenerator = args =>
                {
                    // Teams' 429 carries Retry-After: wait exactly that long, never less.
                    var retryAfter = args.Outcome.Result?.Headers.RetryAfter;
                    var delay = retryAfter?.Delta ?? (retryAfter?.Date - time.GetUtcNow());
                    return ValueTask.FromResult(delay is { } d && d > TimeSpan.Zero ? (TimeSpan?)TimeSpan.FromTicks(Math.Min(d.Ticks, options.MaxRetryAfter.Ticks)) : null);
                },
                OnRetry = args =>
                {
                    ConnectorTelemetry.Retrying(args.AttemptNumber);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
}

/// <summary>Retry settings of <see cref="ConnectorClient"/>.</summary>
/// <summary>A conversation member with the directory fields Teams adds (TeamsChannelAccount).</summary>
public sealed record TeamsMember(string? Id, string? AadObjectId, string? UserPrincipalName, string? Email, string? Name);

public sealed class ConnectorRetryOptions
{
    public int MaxRetries { get; set; } = 3;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A Retry-After longer than this is cut (the caller reschedules instead of blocking a turn).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
