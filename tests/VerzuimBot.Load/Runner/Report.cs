using System.Globalization;

namespace VerzuimBot.Load.Runner;

/// <summary>The printed report: one Markdown table of every level, failures spelled out, and the ratios to the echo bot.</summary>
internal static class Report
{
    public static void WriteLevel(TextWriter output, LevelResult r)
    {
        var failed = r.Failed == 0 ? string.Empty : $"  FAILED: {r.Failed} non-2xx ({string.Join(", ", r.Failures.Select(f => $"{f.Key}: {f.Value}"))})";
        var notified = r.NotificationTicks.Length == 0 ? string.Empty : F($"; mentor card at the sink p50 {Ms(r.NotificationPercentile(50))} p99 {Ms(r.NotificationPercentile(99))} ms");
        output.WriteLine(F($"  {r.Target} [{r.Store}] {r.Scenario} x{r.Concurrency}: {r.Succeeded} turns, {r.TurnsPerSecond:F1}/s, p50 {Ms(r.Percentile(50))} p95 {Ms(r.Percentile(95))} p99 {Ms(r.Percentile(99))} ms{notified}{failed}"));
    }

    public static void WriteTable(TextWriter output, IReadOnlyList<LevelResult> results)
    {
        output.WriteLine();
        output.WriteLine("| target | store | scenario | conversations | turns | failed | turns/s | p50 ms | p95 ms | p99 ms | max ms | sink activities | sink 429 |");
        output.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            output.WriteLine(F($"| {r.Target} | {r.Store} | {r.Scenario} | {r.Concurrency} | {r.Succeeded} | {r.Failed} | {r.TurnsPerSecond:F1} | {Ms(r.Percentile(50))} | {Ms(r.Percentile(95))} | {Ms(r.Percentile(99))} | {Ms(r.MaxMs)} | {r.SinkActivities} | {r.SinkThrottled} |"));
        }

        if (results.Any(r => r.NotificationTicks.Length > 0))
        {
            output.WriteLine();
            output.WriteLine("| mentor notification (post → card at the sink) | store | scenario | conversations | cards | p50 ms | p95 ms | p99 ms |");
            output.WriteLine("|---|---|---|---:|---:|---:|---:|---:|");
            foreach (var r in results.Where(r => r.NotificationTicks.Length > 0))
            {
                output.WriteLine(F($"| {r.Target} | {r.Store} | {r.Scenario} | {r.Concurrency} | {r.NotificationTicks.Length} | {Ms(r.NotificationPercentile(50))} | {Ms(r.NotificationPercentile(95))} | {Ms(r.NotificationPercentile(99))} |"));
            }
        }

        foreach (var r in results.Where(r => r.Failed > 0))
        {
            output.WriteLine(F($"FAILED: {r.Failed} non-2xx — {r.Target} [{r.Store}] {r.Scenario} x{r.Concurrency}: {string.Join(", ", r.Failures.Select(f => $"{f.Key}: {f.Value}"))}"));
        }

        foreach (var r in results.Where(r => r.ExpectedProactive > 0 && r.Failed == 0 && r.SinkActivities < r.Succeeded * r.ExpectedProactive))
        {
            output.WriteLine(F($"NOTE: {r.Scenario} x{r.Concurrency} on {r.Store}: {r.SinkActivities} activities at the sink, expected at least {r.Succeeded * r.ExpectedProactive} (proactive per turn: {r.ExpectedProactive})."));
        }
    }

    /// <summary>VerzuimBot against the echo bot for the same scenario and concurrency: throughput ×, p99 ×.</summary>
    public static void WriteRatios(TextWriter output, IReadOnlyList<LevelResult> results)
    {
        var echo = results.Where(r => r.Store == "-").ToList();
        if (echo.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("| VerzuimBot vs echo bot | store | scenario | conversations | throughput ratio (higher is better) | p99 ratio (lower is better) |");
        output.WriteLine("|---|---|---|---:|---:|---:|");
        foreach (var bot in results.Where(r => r.Store != "-"))
        {
            var reference = echo.FirstOrDefault(e => e.Scenario == bot.Scenario && e.Concurrency == bot.Concurrency);
            if (reference is null || reference.Succeeded == 0)
            {
                continue;
            }

            output.WriteLine(F($"| VerzuimBot / echo | {bot.Store} | {bot.Scenario} | {bot.Concurrency} | {bot.TurnsPerSecond / reference.TurnsPerSecond:F2}× | {bot.Percentile(99) / reference.Percentile(99):F2}× |"));
        }
    }

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
