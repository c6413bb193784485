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

    public async Task<LevelResult> RunAsync(BotTarget target, Scenario scenario, int concurrency)
    {
        var run = Interlocked.Increment(ref _runs);
        var failures = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var samples = new List<long>[concurrency];
        var turns = 0L;
        var start = Stopwatch.GetTimestamp();
        var counters = Task.Delay(options.Warmup).ContinueWith(_ => sink.Counters.Snapshot(), TaskScheduler.Default);
        var warmupEnd = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var end = warmupEnd + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);

        async Task ConversationAsync(int index)
        {
            samples[index] = new List<long>(4096);
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
                var context = new TurnContext(index, turn, global, $"load-{run}-{index}-{turn}", conversationId, sink.ServiceUrl, $"29:load-user-{index}", $"00000000-0000-4000-8000-{user}", "00000000-0000-0000-0000-00000000d0e0");
                var (ok, failure) = await TurnAsync(target, scenario, context).ConfigureAwait(false);
                var elapsed = Stopwatch.GetTimestamp() - now;
                if (!counted)
                {
                    continue;
                }

                if (ok)
                {
                    samples[index].Add(elapsed);
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

        // Turns already under way at the deadline finish after it: measure to the last one.
        var elapsedMeasured = TimeSpan.FromSeconds((double)(Math.Max(finished, end) - warmupEnd) / Stopwatch.Frequency);
        return new LevelResult(target.Name, target.Store, scenario.Name, concurrency, elapsedMeasured, latencies, failures.ToDictionary(), after.Activities - before.Activities, after.Throttled - before.Throttled, scenario.ProactivePerTurn);
    }

    private async Task<(bool Ok, string? Failure)> TurnAsync(BotTarget target, Scenario scenario, TurnContext context)
    {
        sink.Drain(context.ConversationId);
        using var content = new ByteArrayContent(scenario.Render(context));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var cancel = new CancellationTokenSource(options.TurnTimeout);
            using var response = await http.PostAsync(target.MessagesUrl, content, cancel.Token).ConfigureAwait(false);
            var body = scenario.IsInvoke ? await response.Content.ReadAsStringAsync(cancel.Token).ConfigureAwait(false) : null;
            if (!response.IsSuccessStatusCode)
            {
                return (false, $"HTTP {(int)response.StatusCode}");
            }

            if (body is not null && InvokeError(body) is { } invokeStatus)
            {
                return (false, $"invoke statusCode {invokeStatus}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return (false, ex is OperationCanceledException ? "timeout" : "connection error");
        }

        return scenario.SinkRepliesPerTurn == 0 || await sink.WaitForAsync(context.ConversationId, scenario.SinkRepliesPerTurn, options.TurnTimeout).ConfigureAwait(false)
            ? (true, null)
            : (false, "no reply at the sink");
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
