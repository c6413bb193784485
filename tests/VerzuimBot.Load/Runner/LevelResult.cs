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
    long SinkThrottled)
{
    public long Succeeded => LatencyTicks.Length;

    public long Failed => Failures.Values.Sum();

    public double TurnsPerSecond => Succeeded / Elapsed.TotalSeconds;

    /// <summary>Turns per second offered (--rate, open loop); 0 for the closed loop.</summary>
    public double OfferedPerSecond { get; init; }

    /// <summary>
    /// False when an open loop achieved less than 95 % of its offered rate: the bot could not keep up, the
    /// conversations mostly waited on it, and the figures are those of a closed loop.
    /// </summary>
    public bool RateSustained => OfferedPerSecond <= 0 || TurnsPerSecond >= 0.95 * OfferedPerSecond;

    /// <summary>Exact percentile (nearest rank) over every recorded turn, in milliseconds; NaN without samples.</summary>
    public double Percentile(double p) => Percentiles.Of(LatencyTicks, p);

    public double MaxMs => LatencyTicks.Length == 0 ? double.NaN : LatencyTicks[^1] * 1000.0 / Stopwatch.Frequency;

    /// <summary>The mentors' cards of the level's measured turns, for scenarios that check them.</summary>
    public MentorCards? Cards { get; init; }
}

/// <summary>
/// The mentors' cards of one level's measured turns: how many were expected (one per measured turn), how many reached
/// the right mentor's chat by the end of the drain, post → card for those, and how long after the level the last one came.
/// </summary>
/// <param name="DrainTime">From the level's end to the last card's arrival (zero when all came during the level); the
/// whole wait when some never came.</param>
/// <param name="DrainLimit">How long the tool waited at most (--card-drain).</param>
internal sealed record MentorCards(int Expected, long[] LatencyTicks, TimeSpan DrainTime, TimeSpan DrainLimit)
{
    public int Arrived => LatencyTicks.Length;

    public int Missing => Expected - Arrived;

    public double Percentile(double p) => Percentiles.Of(LatencyTicks, p);
}

internal static class Percentiles
{
    /// <summary>Exact percentile (nearest rank) of sorted Stopwatch ticks, in milliseconds; NaN without samples.</summary>
    public static double Of(long[] sortedTicks, double p)
    {
        if (sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sortedTicks.Length);
        return sortedTicks[Math.Clamp(rank - 1, 0, sortedTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
