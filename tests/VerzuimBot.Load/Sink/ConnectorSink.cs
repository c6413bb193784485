using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VerzuimBot.Load.Sink;

/// <summary>
/// A local Bot Connector: Kestrel on 127.0.0.1 answering the endpoints a bot calls as the connector does
/// (send, reply, update, create conversation), optionally with 429 + Retry-After above per-conversation and
/// per-app rates. It counts what arrives and wakes the turn that waits for a reply in its conversation.
/// </summary>
internal sealed class ConnectorSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Inbox> _inboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateWindow> _conversationRates = new(StringComparer.Ordinal);
    private readonly RateWindow _appRate;
    private readonly int _conversationRps;
    private long _ids;

    private ConnectorSink(WebApplication app, int conversationRps, int appRps)
    {
        _app = app;
        _conversationRps = conversationRps;
        _appRate = new RateWindow(appRps, TimeProvider.System);
    }

    /// <summary>The serviceUrl to put in activities (with the trailing slash the connector uses).</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    public SinkCounters Counters { get; } = new();

    public static async Task<ConnectorSink> StartAsync(int conversationRps, int appRps)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new ConnectorSink(app, conversationRps, appRps);
        app.MapPost("/v3/conversations", (Func<HttpContext, Task<IResult>>)sink.CreateConversationAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext http, string conversationId) => sink.ActivityAsync(http, conversationId, null));
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (HttpContext http, string conversationId, string replyToId) => sink.ActivityAsync(http, conversationId, replyToId));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext http, string conversationId, string activityId) => sink.ActivityAsync(http, conversationId, activityId));
        app.MapDelete("/v3/conversations/{conversationId}/activities/{activityId}", () => Results.Ok());
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        sink.ServiceUrl = address.TrimEnd('/') + "/";
        return sink;
    }

    /// <summary>Waits until <paramref name="count"/> more activities arrived in the conversation since <see cref="Drain"/>.</summary>
    public async Task<bool> WaitForAsync(string conversationId, int count, TimeSpan timeout)
    {
        var inbox = _inboxes.GetOrAdd(conversationId, _ => new Inbox());
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            for (var i = 0; i < count; i++)
            {
                await inbox.Arrived.WaitAsync(cancel.Token).ConfigureAwait(false);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Forgets activities a previous turn did not wait for, so they cannot finish the next one.</summary>
    public void Drain(string conversationId)
    {
        var inbox = _inboxes.GetOrAdd(conversationId, _ => new Inbox());
        while (inbox.Arrived.Wait(0))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IResult> ActivityAsync(HttpContext http, string conversationId, string? activityId)
    {
        if (Throttled(conversationId) is { } retryAfter)
        {
            return retryAfter;
        }

        // Read (and so pay for) the body as the real connector would; its content is not kept.
        using var body = await JsonDocument.ParseAsync(http.Request.Body).ConfigureAwait(false);
        if (http.Request.Method == HttpMethods.Put)
        {
            Interlocked.Increment(ref Counters.Updates);
        }
        else
        {
            Interlocked.Increment(ref Counters.Activities);
        }

        _inboxes.GetOrAdd(conversationId, _ => new Inbox()).Arrived.Release();
        var id = activityId is not null && http.Request.Method == HttpMethods.Put ? activityId : NextId();
        return http.Request.Method == HttpMethods.Put ? Results.Ok(new { id }) : Results.Json(new { id }, statusCode: StatusCodes.Status201Created);
    }

    private async Task<IResult> CreateConversationAsync(HttpContext http)
    {
        if (Throttled(null) is { } retryAfter)
        {
            return retryAfter;
        }

        using var body = await JsonDocument.ParseAsync(http.Request.Body).ConfigureAwait(false);
        Interlocked.Increment(ref Counters.ConversationsCreated);

        // A 1:1 conversation keeps its id per member (Teams answers the existing chat); a channel post gets a new thread.
        var member = body.RootElement.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array && members.GetArrayLength() > 0
            && members[0].TryGetProperty("id", out var memberId) ? memberId.GetString() : null;
        var id = member is not null ? "a:sink-" + member : "19:sink-thread@thread.tacv2;messageid=" + NextId();
        string? firstActivity = null;
        if (body.RootElement.TryGetProperty("activity", out var activity) && activity.ValueKind == JsonValueKind.Object)
        {
            Interlocked.Increment(ref Counters.Activities);
            firstActivity = NextId();
        }

        return Results.Json(new { id, activityId = firstActivity }, statusCode: StatusCodes.Status201Created);
    }

    private IResult? Throttled(string? conversationId)
    {
        var wait = _appRate.TryTake()
            ?? (conversationId is null || _conversationRps <= 0 ? null : _conversationRates.GetOrAdd(conversationId, _ => new RateWindow(_conversationRps, TimeProvider.System)).TryTake());
        if (wait is null)
        {
            return null;
        }

        Interlocked.Increment(ref Counters.Throttled);
        return new ThrottledResult(wait.Value);
    }

    private string NextId() => Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);

    private sealed class Inbox
    {
        public SemaphoreSlim Arrived { get; } = new(0);
    }

    private sealed class ThrottledResult(int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }
    }
}

/// <summary>What the sink received; fields so they can be incremented atomically.</summary>
internal sealed class SinkCounters
{
    public long Activities;
    public long Updates;
    public long ConversationsCreated;
    public long Throttled;

    public SinkCounters Snapshot() => new()
    {
        Activities = Interlocked.Read(ref Activities),
        Updates = Interlocked.Read(ref Updates),
        ConversationsCreated = Interlocked.Read(ref ConversationsCreated),
        Throttled = Interlocked.Read(ref Throttled),
    };
}
