namespace VerzuimBot.Domain.Calendar;

/// <summary>
/// Converts between instants and school-local time (Europe/Amsterdam). A local time that does not
/// exist (the spring-forward hour) moves forward by the gap; an ambiguous one (autumn) takes the
/// earlier instant — decided on purpose, so "08:30 on the day the clocks change" is well defined.
/// </summary>
public static class SchoolClock
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateOnly Today(TimeProvider time) => LocalDate(time.GetUtcNow());

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = Zone.IsAmbiguousTime(local)
            ? Zone.GetAmbiguousTimeOffsets(local).Max()
            : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
