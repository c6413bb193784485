using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using VerzuimBot.Load.Fixtures;
using VerzuimBot.Load.Scenarios;
using VerzuimBot.Load.Sink;
using VerzuimBot.Load.Targets;

namespace VerzuimBot.Load.Runner;

/// <summary>
/// N conversations, each a loop of turns: post the scenario's activity to /api/messages, then wait for
/// the replies the scenario expects at the sink. A turn's latency runs from the post until both are done.
/// With --rate (open loop) each conversation posts on a fixed schedule instead, still one turn at a time: a turn whose
/// intended time passed while the previous one ran goes out when that one is done, and its latency runs from the
/// intended time, so the wait behind a slow turn counts (no coordinated omission, as wrk2).
/// A non-2xx answer, an invoke answer with an error statusCode, or a reply that never came is a failure.
/// For a scenario with "mentorCard", each measured turn also expects a card about its student in that student's
/// mentor's chat; the turn does not wait for it (the sweep sends it), the level does after its measured time.
/// </summary>
internal sealed class LoadRunner(HttpClient http, ConnectorSink sink, LoadOptions options)
{
    private static long _runs;
    private readonly Dictionary<Scenario, ConcurrentQueue<long>> _pools = [];

    /// <summary>
    /// A fresh store holds the whole pool again (call after each host start). Each student is taken by one turn only,
    /// whatever the level, so a card about a student can only be that turn's.
    /// </summary>
    public void ResetPool(Scenario scenario)
    {
        sink.ForgetStudents();
        if (scenario.Students is { } pool)
        {
            _pools[scenario] = new ConcurrentQueue<long>(Enumerable.Range(0, PoolSize(scenario)).Select(i => pool.From + i));
        }
    }

    public int PoolSize(Scenario scenario) => options.Pool ?? scenario.Students?.Count ?? 0;

    public async Task<LevelResult> RunAsync(BotTarget target, Scenario scenario, int concurrency)
    {
        var run = Interlocked.Increment(ref _runs);
        var failures = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var samples = new List<long>[concurrency];
        var cards = new List<ExpectedCard>[concurrency];
        var pool = _pools.GetValueOrDefault(scenario);
        var turns = 0L;
        var start = Stopwatch.GetTimestamp();
        var counters = Task.Delay(options.Warmup).ContinueWith(_ => sink.Counters.Snapshot(), TaskScheduler.Default);
        var warmupEnd = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var end = warmupEnd + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);

        async Task ConversationAsync(int index)
        {
            samples[index] = new List<long>(4096);
            cards[index] = new List<ExpectedCard>(scenario.MentorCard ? 4096 : 0);
            var conversationId = $"a:load-{run}-{index}";
            var user = index.ToString("D12", CultureInfo.InvariantCulture);
            for (long turn = 0; ; turn++)
            {
                var due = Intended(start, concurrency, index, turn);
                if (due >= end)
                {
                    return;
                }

                var now = await WaitUntilAsync(due).ConfigureAwait(false);
                // Open loop: a turn counts by its intended time, and its latency runs from then (from the post when the
                // timer woke up to half a millisecond early).
                var scheduled = options.Rate > 0 ? due : now;
                var sent = Math.Min(scheduled, now);
                var counted = scheduled >= warmupEnd;
                if (now >= end || (counted && Interlocked.Read(ref turns) >= options.MaxTurns))
                {
                    return;
                }

                var global = Interlocked.Increment(ref turns);
                long? leerling = null;
                if (pool is not null)
                {
                    if (!pool.TryDequeue(out var taken))
                    {
                        // Never reuse a student: this conversation stops, and the level says why.
                        failures.AddOrUpdate($"student pool exhausted (conversations that ran out; raise --pool above {PoolSize(scenario)})", 1, (_, n) => n + 1);
                        return;
                    }

                    leerling = taken;
                }

                var context = new TurnContext(index, turn, global, $"load-{run}-{index}-{turn}", conversationId, sink.ServiceUrl, $"29:load-user-{index}", $"00000000-0000-4000-8000-{user}", "00000000-0000-0000-0000-00000000d0e0", leerling);
                var (ok, failure, answered) = await TurnAsync(target, scenario, context).ConfigureAwait(false);
                if (!counted)
                {
                    continue;
                }

                if (!ok)
                {
                    failures.AddOrUpdate(failure!, 1, (_, n) => n + 1);
                    continue;
                }

                samples[index].Add(answered - sent);
                if (scenario.MentorCard && leerling is { } student)
                {
                    cards[index].Add(new ExpectedCard(student, sent));
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
        var levelEnd = Math.Max(finished, end);
        var elapsedMeasured = TimeSpan.FromSeconds((double)(levelEnd - warmupEnd) / Stopwatch.Frequency);
        return new LevelResult(target.Name, target.Store, scenario.Name, concurrency, elapsedMeasured, latencies, failures.ToDictionary(), after.Activities - before.Activities, after.Throttled - before.Throttled)
        {
            OfferedPerSecond = options.Rate,
            Cards = scenario.MentorCard ? await AwaitMentorCardsAsync(scenario.Fixture, cards.SelectMany(c => c).ToList(), levelEnd).ConfigureAwait(false) : null,
        };
    }

    /// <summary>
    /// The open loop's schedule (Stopwatch timestamp): each conversation posts every concurrency / rate seconds, conversation
    /// i first at i / rate, so the level's posts are evenly spread. The closed loop has none (posts at once).
    /// </summary>
    private long Intended(long start, int concurrency, int index, long turn) =>
        options.Rate > 0 ? start + (long)((index + (double)turn * concurrency) / options.Rate * Stopwatch.Frequency) : 0;

    /// <returns>The time after waiting until about <paramref name="due"/>, to the timer's nearest millisecond (Stopwatch
    /// timestamp); at once when that has passed.</returns>
    private static async ValueTask<long> WaitUntilAsync(long due)
    {
        var wait = Math.Round((due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency);
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait)).ConfigureAwait(false);
        }

        return Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Waits, at most --card-drain from the level's end, until every expected card is in its mentor's chat at the sink;
    /// what has not come by then is missing. Arrival times are the sink's, so the polling does not blur post → card.
    /// </summary>
    private async Task<MentorCards> AwaitMentorCardsAsync(FixtureSpec fixture, List<ExpectedCard> expected, long levelEnd)
    {
        var pending = expected.Select(card => (card.Posted, Chat: StoreSeeder.MentorConversation(StoreSeeder.MentorOf(card.Leerling, fixture.Mentors)),
            Label: StoreSeeder.StudentLabel(card.Leerling, fixture.Klas, fixture.Mentors, fixture.KlasPerMentor), Id: StoreSeeder.StudentIdOf(card.Leerling).Value)).ToList();
        var latencies = new List<long>(pending.Count);
        var lastArrival = levelEnd;
        var deadline = levelEnd + (long)(options.CardDrain.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            pending.RemoveAll(card =>
            {
                // Named by label (the card itself) or by id (an overview's list), whichever came first after the post.
                var arrived = new[] { sink.StudentFirstSeen(card.Chat, card.Label), sink.StudentFirstSeen(card.Chat, card.Id) }.Where(at => at >= card.Posted).Min();
                if (arrived is not { } at)
                {
                    return false;
                }

                latencies.Add(at - card.Posted);
                lastArrival = Math.Max(lastArrival, at);
                return true;
            });
            if (pending.Count == 0 || Stopwatch.GetTimestamp() >= deadline)
            {
                break;
            }

            await Task.Delay(250).ConfigureAwait(false);
        }

        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        var drainedAt = pending.Count == 0 ? lastArrival : Stopwatch.GetTimestamp();
        return new MentorCards(expected.Count, sorted, TimeSpan.FromSeconds((double)(drainedAt - levelEnd) / Stopwatch.Frequency), options.CardDrain);
    }

    /// <returns>Whether the turn succeeded, why not, and when it was done.</returns>
    private async Task<(bool Ok, string? Failure, long Answered)> TurnAsync(BotTarget target, Scenario scenario, TurnContext context)
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
                return (false, $"HTTP {(int)response.StatusCode}", Stopwatch.GetTimestamp());
            }

            if (body is not null && InvokeError(body) is { } invokeStatus)
            {
                return (false, $"invoke statusCode {invokeStatus}", Stopwatch.GetTimestamp());
            }

            if (scenario.Expect is { } expected && (body is null || !body.Contains(expected, StringComparison.Ordinal)))
            {
                return (false, $"answer without \"{expected}\"", Stopwatch.GetTimestamp());
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return (false, ex is OperationCanceledException ? "timeout" : "connection error", Stopwatch.GetTimestamp());
        }

        if (scenario.SinkRepliesPerTurn > 0 && !await sink.WaitForAsync(context.ConversationId, scenario.SinkRepliesPerTurn, options.TurnTimeout).ConfigureAwait(false))
        {
            return (false, "no reply at the sink", Stopwatch.GetTimestamp());
        }

        return (true, null, Stopwatch.GetTimestamp());
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

/// <summary>A measured turn's student, and when its post went out, or was due to in the open loop (Stopwatch timestamp).</summary>
internal sealed record ExpectedCard(long Leerling, long Posted);
