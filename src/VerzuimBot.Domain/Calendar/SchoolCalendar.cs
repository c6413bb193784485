namespace VerzuimBot.Domain.Calendar;

/// <summary>
/// School days of one school: weekdays that are not a holiday of its region, not a national day
/// off and not one of its study days. Dates are local dates in Europe/Amsterdam. Outside the
/// known range every operation throws <see cref="OutsideKnownCalendarException"/>. Immutable and thread-safe.
/// </summary>
public sealed class SchoolCalendar
{
    private readonly HashSet<DateOnly> _daysOff;
    private readonly HashSet<DateOnly> _nationalDaysOff;

    public SchoolCalendar(
        HolidayRegion region,
        IEnumerable<SchoolHoliday> holidays,
        IEnumerable<SchoolHoliday> nationalDaysOff,
        IEnumerable<DateOnly> studyDays,
        DateOnly knownFrom,
        DateOnly knownUntil)
    {
        Region = region;
        KnownFrom = knownFrom;
        KnownUntil = knownUntil;
        Holidays = holidays.OrderBy(h => h.First).ToList();
        _nationalDaysOff = nationalDaysOff.SelectMany(Days).ToHashSet();
        _daysOff = Holidays.SelectMany(Days).Concat(_nationalDaysOff).Concat(studyDays).ToHashSet();
    }

    public HolidayRegion Region { get; }

    public DateOnly KnownFrom { get; }

    public DateOnly KnownUntil { get; }

    public IReadOnlyList<SchoolHoliday> Holidays { get; }

    /// <summary>The calendar of a region from the embedded Rijksoverheid data, plus the school's own study days.</summary>
    public static SchoolCalendar ForRegion(HolidayRegion region, IEnumerable<DateOnly>? studyDays = null) =>
        SchoolHolidayData.Default.CalendarFor(region, studyDays ?? []);

    public bool IsSchoolDay(DateOnly date)
    {
        EnsureKnown(date);
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_daysOff.Contains(date);
    }

    /// <summary>A weekday that is not a national day off (for deadlines in "werkdagen", e.g. doorzettingsmacht).</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        EnsureKnown(date);
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_nationalDaysOff.Contains(date);
    }

    /// <summary>The first school day on or after <paramref name="date"/>.</summary>
    public DateOnly NextSchoolDayOnOrAfter(DateOnly date)
    {
        var day = date;
        while (!IsSchoolDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>
    /// The <paramref name="schoolDays"/>-th school day after <paramref name="date"/> (the date itself
    /// not counted). Zero gives the first school day on or after the date.
    /// </summary>
    public DateOnly AddSchoolDays(DateOnly date, int schoolDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(schoolDays);
        if (schoolDays == 0)
        {
            return NextSchoolDayOnOrAfter(date);
        }

        var day = date;
        for (var counted = 0; counted < schoolDays;)
        {
            day = day.AddDays(1);
            if (IsSchoolDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>The <paramref name="workingDays"/>-th working day after <paramref name="date"/> (the date itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = date;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>School days from <paramref name="first"/> to <paramref name="last"/>, both included; 0 when last is before first.</summary>
    public int CountSchoolDays(DateOnly first, DateOnly last)
    {
        if (last < first)
        {
            return 0;
        }

        EnsureKnown(first);
        EnsureKnown(last);
        var count = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (IsSchoolDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The first day of the window of the last <paramref name="schoolDays"/> school days that ends on
    /// <paramref name="end"/> (included when it is a school day). "Een maand" in the protocols is such a
    /// window of 20 school days, so holidays do not eat into it.
    /// </summary>
    public DateOnly WindowStart(DateOnly end, int schoolDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(schoolDays, 1);
        var day = end;
        var counted = IsSchoolDay(day) ? 1 : 0;
        while (counted < schoolDays)
        {
            day = day.AddDays(-1);
            if (IsSchoolDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    private void EnsureKnown(DateOnly date)
    {
        if (date < KnownFrom || date > KnownUntil)
        {
            throw new OutsideKnownCalendarException(date, KnownFrom, KnownUntil);
        }
    }

    private static IEnumerable<DateOnly> Days(SchoolHoliday holiday)
    {
        for (var day = holiday.First; day <= holiday.Last; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
