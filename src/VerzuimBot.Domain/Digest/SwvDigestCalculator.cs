using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Domain.Digest;

/// <summary>
/// Computes the SWV digest (domain.md §7, issue 9) from the schools' dossiers. Pure: the moment and the previous
/// digest are passed in, so the same input gives the same digest. Definitions: <see cref="DigestTexts.Definitions"/>.
/// </summary>
public static class SwvDigestCalculator
{
    public static SwvDigest Compute(DigestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.TrendWeeks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.DoorloopPeriodWeeks, 1);
        var now = TimeZoneInfo.ConvertTime(request.Now, SchoolClock.Zone);
        var asOf = SchoolClock.LocalDate(now);
        var since = TimeZoneInfo.ConvertTime(request.PreviousDigestAt ?? SchoolClock.At(SchoolYear.Of(asOf).First, TimeOnly.MinValue), SchoolClock.Zone);

        var weeks = SchoolWeeks(request.Schools, asOf, Math.Max(request.TrendWeeks, 2 * request.DoorloopPeriodWeeks));
        var periods = Periods(weeks, asOf, request.DoorloopPeriodWeeks);
        var trendWeeks = weeks.Take(request.TrendWeeks).Reverse().ToList();
        var context = new DigestContext(now, asOf, since, trendWeeks, periods.PreviousFrom ?? periods.CurrentFrom);

        var total = new SchoolFiguresBuilder(trendWeeks.Count);
        var schools = new List<SchoolFigures>(request.Schools.Count);
        var list = new List<ThuiszitterListEntry>();
        foreach (var school in request.Schools.OrderBy(s => s.School.Value, StringComparer.Ordinal))
        {
            var schoolContext = new SchoolContext(school.School, school.Profile, school.Calendar);
            var builder = new SchoolFiguresBuilder(trendWeeks.Count);
            foreach (var dossier in school.Dossiers)
            {
                builder.Add(dossier, context, schoolContext, list);
            }

            schools.Add(builder.Build(school.School, periods));
            total.Merge(builder);
        }

        // The SWV's goal; when schools' profiles differ, the strictest one.
        var goal = request.Schools.Count == 0 ? 0 : request.Schools.Min(s => s.Profile.Digest.VrijstellingGoal);
        var ordered = list.OrderBy(e => e.School.Value, StringComparer.Ordinal).ThenByDescending(e => e.SchoolDaysAbsent).ThenBy(e => e.Student.Value, StringComparer.Ordinal).ToList();
        return new SwvDigest(now, asOf, since, goal, periods, trendWeeks, schools, total.Build(null, periods), ordered);
    }

    /// <summary>
    /// School weeks back from <paramref name="asOf"/>, newest first: Monday-to-Friday weeks in which at least one of the
    /// schools has a school day (a week all schools are on holiday gives no data point). Stops at the known calendar.
    /// </summary>
    private static List<SchoolWeek> SchoolWeeks(IReadOnlyList<DigestSchool> schools, DateOnly asOf, int count)
    {
        var weeks = new List<SchoolWeek>(count);
        if (schools.Count == 0)
        {
            return weeks;
        }

        var knownFrom = schools.Max(s => s.Calendar.KnownFrom);
        var monday = asOf.AddDays(-(((int)asOf.DayOfWeek + 6) % 7));
        for (; weeks.Count < count && monday >= knownFrom; monday = monday.AddDays(-7))
        {
            var friday = monday.AddDays(4);
            var hasSchoolDay = Enumerable.Range(0, 5).Select(i => monday.AddDays(i))
                .Any(day => schools.Any(s => day <= s.Calendar.KnownUntil && s.Calendar.IsSchoolDay(day)));
            if (hasSchoolDay)
            {
                weeks.Add(new SchoolWeek(monday, friday < asOf ? friday : asOf));
            }
        }

        return weeks;
    }

    private static DoorloopPeriods Periods(List<SchoolWeek> weeks, DateOnly asOf, int periodWeeks)
    {
        if (weeks.Count == 0)
        {
            return new DoorloopPeriods(asOf, asOf, null, null);
        }

        var current = weeks.Take(periodWeeks).ToList();
        var previous = weeks.Skip(periodWeeks).Take(periodWeeks).ToList();
        var currentFrom = current[^1].Monday;
        return previous.Count == 0
            ? new DoorloopPeriods(currentFrom, asOf, null, null)
            : new DoorloopPeriods(currentFrom, asOf, previous[^1].Monday, currentFrom.AddDays(-1));
    }
}
