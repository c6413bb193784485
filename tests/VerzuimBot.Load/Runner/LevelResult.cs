using System.Diagnostics;

namespace VerzuimBot.Load.Runner;

/// <summary>What one level (one target, scenario and concurrency) measured.</summary>
internal sealed record LevelResult(
    string Target,
    string Store,
    string Scenario,
    int Concurrency,
    TimeSpan Elapsed,
    long[] LatencyTicks,
    IReadOnlyDictionary<string, long> Failures,
    long SinkActivities,
    long SinkThrottled,
    int ExpectedProactive)
{
    public long Succeeded => LatencyTicks.Length;

    public long Failed => Failures.Values.Sum();

    public double TurnsPerSecond => Succeeded / Elapsed.TotalSeconds;

    /// <summary>Exact percentile (nearest rank) over every recorded turn, in milliseconds; NaN without samples.</summary>
    public double Percentile(double p)
    {
        if (LatencyTicks.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * LatencyTicks.Length);
        return LatencyTicks[Math.Clamp(rank - 1, 0, LatencyTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>Post → the mentor's card at the sink, for scenarios that wait for it.</summary>
    public long[] NotificationTicks { get; init; } = [];

    public double NotificationPercentile(double p)
    {
        if (NotificationTicks.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * NotificationTicks.Length);
        return NotificationTicks[Math.Clamp(rank - 1, 0, NotificationTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    public double MaxMs => LatencyTicks.Length == 0 ? double.NaN : LatencyTicks[^1] * 1000.0 / Stopwatch.Frequency;
}
