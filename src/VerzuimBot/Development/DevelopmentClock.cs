namespace VerzuimBot.Development;

/// <summary>
/// The clock of a Development host: real time plus an offset that the demo can set or move
/// forward, so reminders due "in three school days" can be seen now. Never used outside Development.
/// </summary>
internal sealed class DevelopmentClock(TimeProvider real) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    /// <summary>Sets the clock to <paramref name="now"/>; the offset is kept as time goes on.</summary>
    public void SetNow(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - real.GetUtcNow()).Ticks);
}
