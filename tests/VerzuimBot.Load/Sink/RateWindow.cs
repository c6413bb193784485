namespace VerzuimBot.Load.Sink;

/// <summary>
/// At most N calls in any one-second window (Teams states its limits per window, e.g. 7 per second per
/// conversation and 50 per second per app). Thread-safe; N = 0 means unlimited.
/// </summary>
internal sealed class RateWindow(int perSecond, TimeProvider time)
{
    private readonly Queue<long> _calls = new();

    /// <returns>Null when the call is allowed, otherwise the seconds to wait (for Retry-After).</returns>
    public int? TryTake()
    {
        if (perSecond <= 0)
        {
            return null;
        }

        var now = time.GetTimestamp();
        var window = time.TimestampFrequency;
        lock (_calls)
        {
            while (_calls.Count > 0 && now - _calls.Peek() >= window)
            {
                _calls.Dequeue();
            }

            if (_calls.Count >= perSecond)
            {
                // Whole seconds, as the header carries them; at least one.
                return Math.Max(1, (int)Math.Ceiling((double)(_calls.Peek() + window - now) / window));
            }

            _calls.Enqueue(now);
            return null;
        }
    }
}
