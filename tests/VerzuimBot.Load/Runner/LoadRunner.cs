using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using VerzuimBot.Load.Scenarios;
using VerzuimBot.Load.Sink;
using VerzuimBot.Load.Targets;

namespace VerzuimBot.Load.Runner;

/// <summary>
/// N conversations, each a loop of turns: post the scenario's activity to /api/messages, then wait for
/// the replies the scenario expects at the sink. A turn's latency runs from the post until both are done.
/// A non-2xx answer, an invoke answer with an error statusCode, or a reply that never came is a failure.
/// </summary>
internal sealed class LoadRunner(HttpClient http, ConnectorSink sink, LoadOptions options)
{
    private static long _runs;
    private readonly Dictionary<Scenario, ConcurrentQueue<long>[]> _pools = [];

    /// <summary>
    /// A fresh store holds the whole pool again (call after each host start). When the turn waits for the
    /// mentor's card, conversation i only takes students of mentor i (leerlingnummer mod mentors), so the
    /// card that arrives in mentor i's chat is this turn's.
    /// </summary>
    public void ResetPool(Scenario scenario)
    {
        if (scenario.Students is { } pool)
        {
            var partitions = scenario.Notification ? scenario.Fixture.Mentors : 1;
            _pools[scenario] = Enumerable.Range(0, partitions)
                .Select(p => new ConcurrentQueue<long>(Enumerable.Range(0, PoolSize(scenario)).Select(i => pool.From + i).Where(n => n % partitions == p)))
                .ToArray();
        }
    }

    public int PoolSize(Scenario scenario) => options.Pool ?? scenario.Students?.Count ?? 0;

    public async Task<LevelResult> RunAsync(BotTarget target, Scenario scenario, int concurrency)
    {
        var run = Interlocked.Increment(ref _runs);
        var failures = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var samples = new List<long>[concurrency];
        var notified = new List<long>[concurrency];
        var pools = _pools.GetValueOrDefault(scenario);
        if (pools is not null && scenario.Notification && concurrency > pools.Length)
        {
            throw new InvalidOperationException($"{scenario.Name} waits for the mentor's card: at most {pools.Length} conversations (one per mentor)");
        }

        var turns = 0L;
        var start = Stopwatch.GetTimestamp();
        var counters = Task.Delay(options.Warmup).ContinueWith(_ => sink.Counters.Snapshot(), TaskScheduler.Default);
        var warmupEnd = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var end = warmupEnd + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);

        async Task ConversationAsync(int index)
        {
            var pool = pools?[index % pools.Length];
            samples[index] = new List<long>(4096);
            notified[index] = new List<long>(4096);
            var conversationId = $"a:load-{run}-{index}";
            var user = index.ToString("D12", CultureInfo.InvariantCulture);
            for (long turn = 0; ; turn++)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= end || (now >= warmupEnd && Interlocked.Read(ref turns) >= options.MaxTurns))
                {
                    return;
                }

                var counted = now >= warmupEnd;
                var global = Interlocked.Increment(ref turns);
                long? leerling = null;
                if (pool is not null)
                {
                    if (!pool.TryDequeue(out var taken))
                    {
                        failures.AddOrUpdate("student pool exhausted", 1, (_, n) => n + 1);
                        await Task.Delay(50).ConfigureAwait(false);
                        continue;
                    }

                    leerling = taken;
                }

                var context = new TurnContext(index, turn, global, $"load-{run}-{index}-{turn}", conversationId, sink.ServiceUrl, $"29:load-user-{index}", $"00000000-0000-4000-8000-{user}", "00000000-0000-0000-0000-00000000d0e0", leerling);
                var (ok, failure, notifiedAfter, answered) = await TurnAsync(target, scenario, context, now).ConfigureAwait(false);
                var elapsed = answered - now;
                if (ok && scenario.HasAfter)
                {
                    failure = await AfterAsync(target, scenario, context).ConfigureAwait(false);
                    ok = failure is null;
                }

                if (leerling is { } used && scenario.Students!.Reuse && ok)
                {
                    pool!.Enqueue(used);
                }

                if (!counted)
                {
                    continue;
                }

                if (ok)
                {
                    samples[index].Add(elapsed);
                    if (notifiedAfter is { } n)
                    {
                        notified[index].Add(n);
                    }
                }
                else
                {
                    failures.AddOrUpdate(failure!, 1, (_, n) => n + 1);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Task.Run(() => ConversationAsync(i)))).ConfigureAwait(false);
        var finished = Stopwatch.GetTimestamp();
        var after = sink.Counters.Snapshot();
        var before = await counters.ConfigureAwait(false);
        var latencies = samples.SelectMany(s => s).ToArray();
        Array.Sort(latencies);
        var notifications = notified.SelectMany(s => s).ToArray();
        Array.Sort(notifications);

        // Turns already under way at the deadline finish after it: measure to the last one.
        var elapsedMeasured = TimeSpan.FromSeconds((double)(Math.Max(finished, end) - warmupEnd) / Stopwatch.Frequency);
        return new LevelResult(target.Name, target.Store, scenario.Name, concurrency, elapsedMeasured, latencies, failures.ToDictionary(), after.Activities - before.Activities, after.Throttled - before.Throttled, scenario.ProactivePerTurn)
        {
            NotificationTicks = notifications,
        };
    }

    /// <returns>Whether the turn succeeded, why not, post → mentor card (if waited for), and when the turn itself was done.</returns>
    private async Task<(bool Ok, string? Failure, long? NotifiedAfter, long Answered)> TurnAsync(BotTarget target, Scenario scenario, TurnContext context, long started)
    {
        sink.Drain(context.ConversationId);
        // The mentor's chat of this turn's student (the pool gave this conversation only that mentor's students).
        var notification = scenario.Notification && context.Leerling is { } student ? Fixtures.StoreSeeder.MentorConversation((int)(student % scenario.Fixture.Mentors)) : null;
        if (notification is not null)
        {
            sink.Drain(notification);
        }

        using var content = new ByteArrayContent(scenario.Render(context));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var cancel = new CancellationTokenSource(options.TurnTimeout);
            using var response = await http.PostAsync(target.MessagesUrl, content, cancel.Token).ConfigureAwait(false);
            var body = scenario.IsInvoke ? await response.Content.ReadAsStringAsync(cancel.Token).ConfigureAwait(false) : null;
            if (!response.IsSuccessStatusCode)
            {
                return (false, $"HTTP {(int)response.StatusCode}", null, Stopwatch.GetTimestamp());
            }

            if (body is not null && InvokeError(body) is { } invokeStatus)
            {
                return (false, $"invoke statusCode {invokeStatus}", null, Stopwatch.GetTimestamp());
            }

            if (scenario.Expect is { } expected && (body is null || !body.Contains(expected, StringComparison.Ordinal)))
            {
                return (false, $"answer without \"{expected}\"", null, Stopwatch.GetTimestamp());
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return (false, ex is OperationCanceledException ? "timeout" : "connection error", null, Stopwatch.GetTimestamp());
        }

        if (scenario.SinkRepliesPerTurn > 0 && !await sink.WaitForAsync(context.ConversationId, scenario.SinkRepliesPerTurn, options.TurnTimeout).ConfigureAwait(false))
        {
            return (false, "no reply at the sink", null, Stopwatch.GetTimestamp());
        }

        var answered = Stopwatch.GetTimestamp();
        if (notification is null)
        {
            return (true, null, null, answered);
        }

        // The mentor's card comes from the scheduler, not the turn: timed from the post, counted apart.
        if (await sink.WaitForAsync(notification, 1, options.TurnTimeout).ConfigureAwait(false))
        {
            return (true, null, Stopwatch.GetTimestamp() - started, answered);
        }

        // Late or lost? Wait a minute more before calling it lost (the turn still counts as failed).
        return await sink.WaitForAsync(notification, 1, TimeSpan.FromSeconds(60)).ConfigureAwait(false)
            ? (false, $"mentor notification late (after {options.TurnTimeout.TotalSeconds:0} s, within a minute more)", null, answered)
            : (false, "no mentor notification at the sink", null, answered);
    }

    /// <summary>The unmeasured follow-up (e.g. "beter"), answered at the sink before the student is used again.</summary>
    private async Task<string?> AfterAsync(BotTarget target, Scenario scenario, TurnContext context)
    {
        sink.Drain(context.ConversationId);
        using var content = new ByteArrayContent(scenario.RenderAfter(context with { ActivityId = context.ActivityId + "-after" }));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var cancel = new CancellationTokenSource(options.TurnTimeout);
            using var response = await http.PostAsync(target.MessagesUrl, content, cancel.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return $"after: HTTP {(int)response.StatusCode}";
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return "after: " + (ex is OperationCanceledException ? "timeout" : "connection error");
        }

        return await sink.WaitForAsync(context.ConversationId, 1, options.TurnTimeout).ConfigureAwait(false) ? null : "after: no reply at the sink";
    }

    /// <summary>An adaptiveCard/action answer carries its own statusCode; 4xx/5xx there is an error reply.</summary>
    private static int? InvokeError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("statusCode", out var status)
                && status.TryGetInt32(out var code) && code >= 400 ? code : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
