namespace VerzuimBot.Domain.Calendar;

/// <summary>
/// School days of one school: weekdays that are not a holiday of its region, not a national day
/// off and not one of its study days. Dates are local dates in Europe/Amsterdam. Outside the
/// known range every operation throws <see cref="OutsideKnownCalendarException"/>. Immutable and thread-safe.
/// </summary>
public sealed class SchoolCalendar
{
    private readonly HashSet<DateOnly> _daysOff;
    private readonly Dictionary<DateOnly, string> _nationalDaysOff;

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
        _nationalDaysOff = nationalDaysOff.SelectMany(h => Days(h).Select(d => (Day: d, h.Name))).DistinctBy(d => d.Day).ToDictionary(d => d.Day, d => d.Name);
        _daysOff = Holidays.SelectMany(Days).Concat(_nationalDaysOff.Keys).Concat(studyDays).ToHashSet();
    }

    public HolidayRegion Region { get; }

    public DateOnly KnownFrom { get; }

    public DateOnly KnownUntil { get; }

    public IReadOnlyList<SchoolHoliday> Holidays { get; }

    /// <summary>
    /// The calendar of a school in <paramref name="region"/> from the embedded OCW data, plus its own study days and its own
    /// advisory holiday weeks in place of the region's (<see cref="OwnHolidays"/>; a Dutch <see cref="ArgumentException"/> for a mandatory one).
    /// </summary>
    public static SchoolCalendar ForRegion(HolidayRegion region, IEnumerable<DateOnly>? studyDays = null, IEnumerable<SchoolHoliday>? ownHolidays = null) =>
        SchoolHolidayData.Default.CalendarFor(region, studyDays ?? [], ownHolidays ?? []);

    public bool IsSchoolDay(DateOnly date)
    {
        EnsureKnown(date);
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_daysOff.Contains(date);
    }

    /// <summary>A weekday that is not a national day off (for deadlines in "werkdagen", e.g. doorzettingsmacht).</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        EnsureKnown(date);
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_nationalDaysOff.ContainsKey(date);
    }

    /// <summary>Whether <paramref name="date"/> lies in the range this calendar knows (every other member throws outside it).</summary>
    public bool Knows(DateOnly date) => date >= KnownFrom && date <= KnownUntil;

    /// <summary>
    /// Why there is no school on <paramref name="date"/>, as the end of a Dutch sentence ("… valt in de kerstvakantie",
    /// "… valt in het weekend", "… valt op Koningsdag", "… valt op een studiedag"); null on a school day.
    /// A holiday wins over the weekend it contains, so a Saturday in the kerstvakantie is named by the vakantie.
    /// </summary>
    public string? NoSchoolReason(DateOnly date)
    {
        if (IsSchoolDay(date))
        {
            return null;
        }

        if (Holidays.FirstOrDefault(h => h.Contains(date)) is { } holiday)
        {
            return $"in de {holiday.Name.ToLowerInvariant()}";
        }

        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return "in het weekend";
        }

        return _nationalDaysOff.TryGetValue(date, out var feestdag) ? $"op {feestdag}" : "op een studiedag van de school";
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

    /// <summary>The last school day on or before <paramref name="date"/> (so a warning is sent before a deadline, not after it).</summary>
    public DateOnly LastSchoolDayOnOrBefore(DateOnly date)
    {
        var day = date;
        while (!IsSchoolDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>
    /// A lesweek: the Monday-to-Friday week of <paramref name="date"/> has no day of a school holiday. A feestdag or study
    /// day does not stop a week from being a lesweek (domain.md §4: the 4-week window counts school weeks, holidays do not count).
    /// </summary>
    public bool IsLesweek(DateOnly date)
    {
        var monday = Monday(date);
        EnsureKnown(monday);
        EnsureKnown(monday.AddDays(4));
        return !Enumerable.Range(0, 5).Any(i => Holidays.Any(h => h.Contains(monday.AddDays(i))));
    }

    /// <summary>
    /// The Monday that starts a window of <paramref name="lesweken"/> lesweken ending with the week of <paramref name="end"/>:
    /// weeks with a holiday are skipped (they neither count nor break the window), and the week of <paramref name="end"/>
    /// counts when it is a lesweek. Stops at the start of the known calendar.
    /// </summary>
    public DateOnly LeswekenWindowStart(DateOnly end, int lesweken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lesweken, 1);
        var monday = Monday(end);
        var counted = IsLesweek(monday) ? 1 : 0;
        while (counted < lesweken && monday.AddDays(-7) >= KnownFrom)
        {
            monday = monday.AddDays(-7);
            if (IsLesweek(monday))
            {
                counted++;
            }
        }

        return monday;
    }

    /// <summary>The Friday of the <paramref name="lesweken"/>-th lesweek that starts at the week of <paramref name="start"/> (that week counted when it is a lesweek).</summary>
    public DateOnly LeswekenWindowEnd(DateOnly start, int lesweken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lesweken, 1);
        var monday = Monday(start);
        var counted = IsLesweek(monday) ? 1 : 0;
        while (counted < lesweken && monday.AddDays(11) <= KnownUntil)
        {
            monday = monday.AddDays(7);
            if (IsLesweek(monday))
            {
                counted++;
            }
        }

        return monday.AddDays(4);
    }

    /// <summary>The first school day of the school year (after the region's zomervakantie).</summary>
    public DateOnly FirstSchoolDay(SchoolYear year) => NextSchoolDayOnOrAfter(year.First < KnownFrom ? KnownFrom : year.First);

    /// <summary>The Monday of the calendar week of <paramref name="date"/> (the date itself when it is a Monday).</summary>
    internal static DateOnly Monday(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

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
