using System.Globalization;
using VerzuimBot.Domain.Calendar;

namespace VerzuimBot.Domain.Language;

/// <summary>How dates and moments are written for the users: Dutch words, school-local time.</summary>
public static class DutchDates
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>"vrijdag 9 oktober 2026".</summary>
    public static string LongDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", Dutch);

    /// <summary>"09-10-2026".</summary>
    public static string ShortDate(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    /// <summary>"2026-10-09": what Input.Date sends and dialog state keeps.</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"09-10-2026 08:30" in Europe/Amsterdam.</summary>
    public static string Moment(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, SchoolClock.Zone).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);
}
