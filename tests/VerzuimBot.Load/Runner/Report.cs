using System.Globalization;

namespace VerzuimBot.Load.Runner;

/// <summary>The printed report: one Markdown table of every level, the mentors' cards, failures spelled out, and the ratios to the echo bot.</summary>
internal static class Report
{
    public static void WriteLevel(TextWriter output, LevelResult r)
    {
        var failed = r.Failed == 0 ? string.Empty : $"  FAILED: {r.Failed} ({string.Join(", ", r.Failures.Select(f => $"{f.Key}: {f.Value}"))})";
        var cards = r.Cards is not { } c ? string.Empty
            : F($"; mentor cards {c.Arrived} of {c.Expected} arrived, post → card p50 {Ms(c.Percentile(50))} p99 {Ms(c.Percentile(99))} ms, {Drain(c)} s after the level{(c.Missing > 0 ? $"  FAILED: {c.Missing} mentor cards never arrived" : string.Empty)}");
        output.WriteLine(F($"  {r.Target} [{r.Store}] {r.Scenario} x{r.Concurrency}{Offered(r)}: {r.Succeeded} turns, {r.TurnsPerSecond:F1}/s{Sustained(r)}, p50 {Ms(r.Percentile(50))} p95 {Ms(r.Percentile(95))} p99 {Ms(r.Percentile(99))} ms{failed}{cards}"));
    }

    public static void WriteTable(TextWriter output, IReadOnlyList<LevelResult> results)
    {
        output.WriteLine();
        output.WriteLine("| target | store | scenario | conversations | offered/s | turns | failed | turns/s | p50 ms | p95 ms | p99 ms | max ms | sink activities | sink 429 |");
        output.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var offered = r.OfferedPerSecond > 0 ? F($"{r.OfferedPerSecond:0.#}") : "–";
            output.WriteLine(F($"| {r.Target} | {r.Store} | {r.Scenario} | {r.Concurrency} | {offered} | {r.Succeeded} | {r.Failed} | {r.TurnsPerSecond:F1}{Sustained(r)} | {Ms(r.Percentile(50))} | {Ms(r.Percentile(95))} | {Ms(r.Percentile(99))} | {Ms(r.MaxMs)} | {r.SinkActivities} | {r.SinkThrottled} |"));
        }

        var checkedCards = results.Where(r => r.Cards is not null).ToList();
        if (checkedCards.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("| mentor's card per measured turn (post → card in the mentor's chat at the sink) | store | scenario | conversations | expected | arrived | p50 ms | p95 ms | p99 ms | last card, s after the level |");
            output.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in checkedCards)
            {
                var c = r.Cards!;
                output.WriteLine(F($"| {r.Target} | {r.Store} | {r.Scenario} | {r.Concurrency} | {c.Expected} | {c.Arrived} | {Ms(c.Percentile(50))} | {Ms(c.Percentile(95))} | {Ms(c.Percentile(99))} | {Drain(c)} |"));
            }
        }

        foreach (var r in results.Where(r => r.Failed > 0))
        {
            output.WriteLine(F($"FAILED: {r.Failed} — {r.Target} [{r.Store}] {r.Scenario} x{r.Concurrency}: {string.Join(", ", r.Failures.Select(f => $"{f.Key}: {f.Value}"))}"));
        }

        foreach (var r in checkedCards.Where(r => r.Cards!.Missing > 0))
        {
            output.WriteLine(F($"FAILED: {r.Cards!.Missing} mentor cards never arrived (of {r.Cards.Expected}; waited {r.Cards.DrainLimit.TotalSeconds:0} s after the level, --card-drain) — {r.Target} [{r.Store}] {r.Scenario} x{r.Concurrency}"));
        }
    }

    /// <summary>
    /// VerzuimBot's throughput and p99 over the echo bot's at the same concurrency: against the echo's run of the same
    /// scenario, or, for a scenario an echo bot cannot answer (a ziekmelding), against each scenario the echo bot ran (its
    /// "help" turn). Throughput: higher is better; p99: lower is better, both as ×. Both sides ran at the same --rate; in an
    /// open loop the throughput ratio is 1 wherever both kept up, and the p99 ratio is the one that compares.
    /// </summary>
    public static void WriteRatios(TextWriter output, IReadOnlyList<LevelResult> results)
    {
        var echo = results.Where(r => r.Store == "-").ToList();
        if (echo.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("| VerzuimBot turn / echo bot turn | store | conversations | throughput ratio (higher is better) | p99 ratio (lower is better) |");
        output.WriteLine("|---|---|---:|---:|---:|");
        foreach (var bot in results.Where(r => r.Store != "-"))
        {
            var atLevel = echo.Where(e => e.Concurrency == bot.Concurrency && e.Succeeded > 0).ToList();
            var same = atLevel.Where(e => e.Scenario == bot.Scenario).ToList();
            foreach (var reference in same.Count > 0 ? same : atLevel)
            {
                output.WriteLine(F($"| {bot.Scenario} / echo {reference.Scenario} | {bot.Store} | {bot.Concurrency} | {bot.TurnsPerSecond / reference.TurnsPerSecond:F2}×{(bot.RateSustained && reference.RateSustained ? string.Empty : NotSustained)} | {bot.Percentile(99) / reference.Percentile(99):F2}× |"));
            }
        }
    }

    private static string Offered(LevelResult r) => r.OfferedPerSecond > 0 ? F($" at {r.OfferedPerSecond:0.#}/s offered") : string.Empty;

    private const string NotSustained = " (rate not sustained)";

    private static string Sustained(LevelResult r) => r.RateSustained ? string.Empty : NotSustained;

    /// <summary>Seconds after the level until the last card came; "&gt; limit" when some never did.</summary>
    private static string Drain(MentorCards cards) =>
        cards.Missing > 0 ? F($"> {cards.DrainLimit.TotalSeconds:0} (gave up)") : cards.DrainTime.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
