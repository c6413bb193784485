using VerzuimBot.Domain.Calendar;

namespace VerzuimBot.Domain.Language;

/// <summary>A typed first day of absence: the day, or why not with the nearest school day that would do.</summary>
/// <param name="Nearest">The school day closest to what was typed that is allowed; null when no day is (e.g. nothing allowed yet).</param>
public sealed record StartOfAbsence(DateOnly? Date, string? Problem = null, DateOnly? Nearest = null);

/// <summary>An earliest allowed first day and why ("het begin van het schooljaar").</summary>
public sealed record EarliestDay(DateOnly Day, string Why);

/// <summary>
/// Dates typed in chat, held against the school's calendar. The answer names the date as the problem and offers the
/// nearest school day, so "ziek Daan vanaf 31-02" is never read as a name nor silently moved (issue 21 items 1 and 2).
/// </summary>
public static class SchoolDayAnswers
{
    /// <summary>
    /// The first day of an absence ("19-10-2026", "maandag", "gisteren", or any other word <see cref="PastDates"/> reads): a
    /// school day from the latest of <paramref name="earliest"/> up to <paramref name="today"/>. A day that cannot be, lies
    /// outside that range, or has no school (weekend, vakantie, feestdag, studiedag) gives a problem and the nearest allowed school day.
    /// </summary>
    public static StartOfAbsence StartOf(string text, DateOnly today, SchoolCalendar calendar, IEnumerable<EarliestDay> earliest)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var from = earliest.Append(new EarliestDay(calendar.KnownFrom, "het begin van wat de schoolkalender kent")).MaxBy(e => e.Day)!;
        var parsed = PastDates.Parse(text, today);
        if (parsed.Kind != DateAnswerKind.Date || parsed.Date is not { } date)
        {
            var nearest = parsed.Closest is { } closest ? Nearest(closest, today, calendar, from.Day) : Nearest(today, today, calendar, from.Day);
            return new StartOfAbsence(null, $"De datum \"{text.Trim()}\" klopt niet: {Lower(parsed.Problem ?? "die begrijp ik niet.")}", nearest);
        }

        if (date > today)
        {
            return new StartOfAbsence(null, $"{Capital(DutchDates.LongDate(date))} ligt in de toekomst; een ziekmelding begint vandaag of eerder.", Nearest(today, today, calendar, from.Day));
        }

        if (date < from.Day)
        {
            return new StartOfAbsence(null, $"{Capital(DutchDates.LongDate(date))} ligt te ver terug: de eerste dag kan niet vóór {from.Why} liggen ({DutchDates.LongDate(from.Day)}).", Nearest(from.Day, today, calendar, from.Day));
        }

        return calendar.NoSchoolReason(date) is { } reason
            ? new StartOfAbsence(null, $"{Capital(DutchDates.LongDate(date))} valt {reason}: dan is er geen school.", Nearest(date, today, calendar, from.Day))
            : new StartOfAbsence(date);
    }

    /// <summary>
    /// A remark when an expected return date has no school: "dat valt in de kerstvakantie; de eerste schooldag daarna is maandag
    /// 4 januari 2027". Null on a school day or outside the known calendar: the date is accepted either way.
    /// </summary>
    public static string? ReturnRemark(DateOnly back, SchoolCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!calendar.Knows(back) || calendar.NoSchoolReason(back) is not { } reason)
        {
            return null;
        }

        var next = NextKnownSchoolDay(back, calendar);
        return next is { } day ? $"dat valt {reason}; de eerste schooldag daarna is {DutchDates.LongDate(day)}" : $"dat valt {reason}";
    }

    /// <summary>The school day in [<paramref name="from"/>, <paramref name="today"/>] closest to <paramref name="date"/>; on a tie the later one (the first day missed).</summary>
    private static DateOnly? Nearest(DateOnly date, DateOnly today, SchoolCalendar calendar, DateOnly from)
    {
        var target = date < from ? from : date > today ? today : date;
        DateOnly? after = null, before = null;
        for (var day = target; day <= today && calendar.Knows(day); day = day.AddDays(1))
        {
            if (calendar.IsSchoolDay(day))
            {
                after = day;
                break;
            }
        }

        for (var day = target; day >= from && calendar.Knows(day); day = day.AddDays(-1))
        {
            if (calendar.IsSchoolDay(day))
            {
                before = day;
                break;
            }
        }

        return (before, after) switch
        {
            ({ } b, { } a) => target.DayNumber - b.DayNumber < a.DayNumber - target.DayNumber ? b : a,
            _ => after ?? before,
        };
    }

    private static DateOnly? NextKnownSchoolDay(DateOnly date, SchoolCalendar calendar)
    {
        for (var day = date; calendar.Knows(day); day = day.AddDays(1))
        {
            if (calendar.IsSchoolDay(day))
            {
                return day;
            }
        }

        return null;
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
