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
/// Task cards are counted by the task ids they carry ("taak"; a morning overview carries several), so a storm or a fault run can say exactly
/// which reminders arrived and how often; and the students a card names are noted per chat with when they first arrived, so a load run
/// can check that each mentor got the card about their student. A fault mode answers 429, 500 or nothing at all for a while.
/// </summary>
internal sealed class ConnectorSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Inbox> _inboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateWindow> _conversationRates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Conversation, string Student), long> _studentsSeen = new();
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

    /// <summary>How often each task id arrived on a card (only accepted sends count).</summary>
    public IReadOnlyDictionary<string, int> TaskDeliveries => _tasks;

    /// <summary>
    /// When (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) a card naming <paramref name="student"/> first reached
    /// <paramref name="conversationId"/>, sent or updated: the student by label in a "Leerling" fact (a task card, also inside a
    /// morning overview) or by student id (a task reference, an overview's list). Null while none has.
    /// </summary>
    public long? StudentFirstSeen(string conversationId, string student) =>
        _studentsSeen.TryGetValue((conversationId, student), out var at) ? at : null;

    /// <summary>Forgets which students were seen (a new host on a fresh store may name the same students again).</summary>
    public void ForgetStudents() => _studentsSeen.Clear();

    /// <summary>What the sink answers to sends right now (fault runs switch it on and off).</summary>
    public SinkFault Fault { get; set; }

    /// <summary>The member lookup of first contact: the UPN Teams would give for a load user.</summary>
    public static string? UpnOf(string memberId) => memberId switch
    {
        "29:rita" => "rita.receptie@demoschool.example.nl",
        _ when memberId.StartsWith("29:load-user-", StringComparison.Ordinal) => memberId["29:".Length..] + "@demoschool.example.nl",
        _ => null,
    };
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
        app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", (string conversationId, string memberId) =>
            UpnOf(memberId) is { } upn ? Results.Json(new { id = memberId, name = upn, userPrincipalName = upn, email = upn }) : Results.NotFound());
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

        switch (Fault)
        {
            case SinkFault.Throttle:
                Interlocked.Increment(ref Counters.Throttled);
                return new ThrottledResult(1);
            case SinkFault.ServerError:
                Interlocked.Increment(ref Counters.Failed);
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            case SinkFault.Hang:
                // Longer than the bot's attempt timeout: the send times out on its side.
                Interlocked.Increment(ref Counters.Failed);
                await Task.Delay(TimeSpan.FromSeconds(20), http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        }

        // Read (and so pay for) the body as the real connector would; only the task ids and the students a card names are kept.
        using var body = await JsonDocument.ParseAsync(http.Request.Body).ConfigureAwait(false);
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        var found = new CardContents();
        Collect(body.RootElement, found);
        foreach (var taskId in found.TaskIds)
        {
            _tasks.AddOrUpdate(taskId, 1, (_, n) => n + 1);
        }

        foreach (var student in found.Students)
        {
            _studentsSeen.TryAdd((conversationId, student), arrived);
        }

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

    /// <summary>
    /// The "taak" of each task on the card, wherever the card puts it: one on a task card, several on a morning overview
    /// (issue 21), each counted once per activity. And the students the card names: the value of a "Leerling" fact (the
    /// student's label), the student part of a task id, a "leerlingId", and the students of an overview's list
    /// ("overzicht": school|student|task, joined by ~).
    /// </summary>
    private static void Collect(JsonElement element, CardContents found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String && title.ValueEquals("Leerling")
                    && element.TryGetProperty("value", out var label) && label.GetString() is { Length: > 0 } named)
                {
                    found.Students.Add(named);
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        Collect(property.Value, found);
                    }
                    else if (property.Value.GetString() is { Length: > 0 } text)
                    {
                        found.Note(property.Name, text);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found);
                }

                break;
        }
    }

    private string NextId() => Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);

    /// <summary>What one activity's card carries that the sink keeps.</summary>
    private sealed class CardContents
    {
        public HashSet<string> TaskIds { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Students { get; } = new(StringComparer.Ordinal);

        public void Note(string field, string text)
        {
            switch (field)
            {
                case "taak":
                    TaskIds.Add(text);
                    Students.Add(text.Split('/')[0]);
                    break;
                case "leerlingId":
                    Students.Add(text);
                    break;
                case "overzicht":
                    foreach (var entry in text.Split('~'))
                    {
                        if (entry.Split('|') is [_, var student, _])
                        {
                            Students.Add(student);
                        }
                    }

                    break;
            }
        }
    }

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
    public long Failed;

    public SinkCounters Snapshot() => new()
    {
        Failed = Interlocked.Read(ref Failed),
        Activities = Interlocked.Read(ref Activities),
        Updates = Interlocked.Read(ref Updates),
        ConversationsCreated = Interlocked.Read(ref ConversationsCreated),
        Throttled = Interlocked.Read(ref Throttled),
    };
}

/// <summary>How the sink misbehaves for a fault run: every send throttled (429, Retry-After 1), failed (500), or left hanging.</summary>
internal enum SinkFault
{
    None,
    Throttle,
    ServerError,
    Hang,
}
