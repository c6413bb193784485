using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Dossier;

/// <summary>
/// A run of school days the student was away all day, for any reason: sick, ongeoorloofd afwezig, luxeverzuim, or a
/// day with a full day's lesuren logged as ongeoorloofd that count as verzuim. "Bij afwezigheid van 4 weken (ook wegens ziekte)" (004
/// Werkwijzer punt 2) counts such a run; weekends and holidays inside it neither break it nor count.
/// </summary>
/// <param name="FirstDay">The first day away.</param>
/// <param name="End">The first day back (exclusive end); null while an open period (sick or ongeoorloofd) runs on.</param>
/// <param name="FirstFact">The earliest recorded fact of the run: its id anchors tasks, its moment separates judgements.</param>
/// <param name="Sick">Some of it was a sick period.</param>
/// <param name="Unauthorised">Some of it was without a valid reason.</param>
/// <param name="LatestUnauthorised">Its latest part is without a valid reason (type 3 of 002 §2.2 goes by what the absence is now).</param>
/// <param name="Return">The "terug op school" / "passend aanbod gestart" that ended it, if that is how it ended.</param>
public sealed record AwaySpell(DateOnly FirstDay, DateOnly? End, DossierEvent FirstFact, bool Sick, bool Unauthorised, bool LatestUnauthorised, ReturnedToSchool? Return)
{
    public DateTimeOffset StartedAt => FirstFact.RecordedAt;

    public bool Covers(DateOnly date) => date >= FirstDay && (End is null || date < End);

    /// <summary>Why the student is away, in Dutch: "ziek", "ongeoorloofd" or "ziek en ongeoorloofd".</summary>
    public string Reason => (Sick, Unauthorised) switch { (true, true) => "ziek en ongeoorloofd", (true, false) => "ziek", _ => "ongeoorloofd" };

    /// <summary>School days away from the first day up to and including <paramref name="asOf"/> (0 when not away then).</summary>
    public int SchoolDaysAway(SchoolCalendar calendar, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Covers(asOf) ? CountClamped(calendar, FirstDay, asOf) : 0;
    }

    /// <summary>CountSchoolDays, clamped to the known calendar so an old first day does not throw.</summary>
    internal static int CountClamped(SchoolCalendar calendar, DateOnly first, DateOnly last) =>
        calendar.CountSchoolDays(first < calendar.KnownFrom ? calendar.KnownFrom : first, last > calendar.KnownUntil ? calendar.KnownUntil : last);
}

/// <summary>Builds the runs of days away from a dossier (pure: calendar and rules are given).</summary>
public static class AwaySpells
{
    /// <summary>All runs, oldest first.</summary>
    public static IReadOnlyList<AwaySpell> Of(DossierView dossier, SchoolCalendar calendar, UnauthorisedAbsenceRules rules)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(rules);
        var returns = dossier.Of<ReturnedToSchool>().ToList();
        var pieces = Pieces(dossier, calendar, rules)
            .Select(p => CutAtReturn(p, returns))
            .Where(p => p.End is null || p.End > p.First)
            .OrderBy(p => p.First).ThenBy(p => p.Fact.RecordedAt)
            .ToList();

        var spells = new List<AwaySpell>();
        Piece? run = null;
        foreach (var piece in pieces)
        {
            // A piece that starts before the first school day after the run joins it; a run ended by "terug op school" stays ended.
            if (run is { } current && current.Return is null && (current.End is null || piece.First <= NextSchoolDay(calendar, current.End.Value)))
            {
                run = current with
                {
                    End = current.End is null || piece.End is null ? null : Max(current.End.Value, piece.End.Value),
                    Fact = piece.Fact.RecordedAt < current.Fact.RecordedAt ? piece.Fact : current.Fact,
                    Sick = current.Sick || piece.Sick,
                    Unauthorised = current.Unauthorised || piece.Unauthorised,
                    Latest = piece.First >= current.Latest.First ? (piece.First, piece.Unauthorised || (piece.First == current.Latest.First && current.Latest.Unauthorised)) : current.Latest,
                    Return = piece.End is { } pe && current.End is { } ce && pe >= ce ? piece.Return : current.Return,
                };
                continue;
            }

            if (run is { } finished)
            {
                spells.Add(finished.ToSpell());
            }

            run = piece;
        }

        if (run is { } last)
        {
            spells.Add(last.ToSpell());
        }

        return spells;
    }

    /// <summary>The run the student is in on <paramref name="asOf"/>; null when at school (or nothing is recorded for that day).</summary>
    public static AwaySpell? Current(DossierView dossier, SchoolCalendar calendar, UnauthorisedAbsenceRules rules, DateOnly asOf) =>
        Of(dossier, calendar, rules).LastOrDefault(s => s.Covers(asOf));

    /// <summary>
    /// The lesuren ongeoorloofd per day: what was logged, and for each school day of ongeoorloofd afwezig a full day
    /// (the larger of the two), from the first day up to <paramref name="until"/>. An open period runs on to that day.
    /// Days that are no verzuim do not count: a schorsing (formally vrijgesteld), granted extra verlof and other geoorloofd
    /// verzuim of whole days (002 §1.3.1); a day before leerplicht began (002 §1.1); and a 5-year-old's hours at home up to the
    /// allowance of the week (002 §1.1 footnote 4).
    /// A window from mid-week gets only what the days before it left of that week's allowance.
    /// </summary>
    public static IReadOnlyList<(DateOnly Date, int Hours)> UnauthorisedHoursPerDay(
        DossierView dossier, SchoolCalendar calendar, UnauthorisedAbsenceRules rules, DateOnly from, DateOnly until)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(rules);
        // The allowance goes to the earliest hours of a week, inside the window or not: count from that week's Monday, drop those days at the end.
        var weekStart = SchoolCalendar.Monday(from);
        var perDay = dossier.Of<UnauthorisedHoursRecorded>().Where(h => h.Date >= weekStart && h.Date <= until)
            .GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.Sum(h => h.Hours));
        foreach (var period in dossier.UnauthorisedPeriods)
        {
            var first = Max(Max(period.FirstDay, weekStart), calendar.KnownFrom);
            var last = period.BackOn is { } back ? Min(back.AddDays(-1), until) : until;
            for (var day = first; day <= last && day <= calendar.KnownUntil; day = day.AddDays(1))
            {
                if (calendar.IsSchoolDay(day))
                {
                    perDay[day] = Math.Max(perDay.GetValueOrDefault(day), rules.LessonHoursPerSchoolDay);
                }
            }
        }

        var counts = CountsAsVerzuim(dossier);
        var hours = perDay.Where(d => counts(d.Key)).OrderBy(d => d.Key).Select(d => (d.Key, d.Value)).ToList();
        return FiveYearOldAllowance(dossier, rules, hours).Where(h => h.Date >= from).ToList();
    }

    /// <summary>
    /// What climbs the hours ladder per day (004 Verzuimschema: "uren ongeoorloofd verzuim en/of te laat komen"): the hours, plus
    /// one hour on the day of every <see cref="LateArrivalRules.PerHour"/>-th late arrival counted from <paramref name="from"/>.
    /// With an own late-arrival ladder the late arrivals climb that one instead.
    /// </summary>
    public static IReadOnlyList<(DateOnly Date, int Hours)> LadderUnitsPerDay(
        DossierView dossier, SchoolCalendar calendar, UnauthorisedAbsenceRules rules, DateOnly from, DateOnly until)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var hours = UnauthorisedHoursPerDay(dossier, calendar, rules, from, until);
        if (rules.LateArrivals.PerHour is not { } perHour)
        {
            return hours;
        }

        var lateHours = LateArrivals(dossier, from, until).Where((_, i) => (i + 1) % perHour == 0).GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        return hours.Select(h => h.Date).Concat(lateHours.Keys).Distinct().Order()
            .Select(d => (d, hours.Where(h => h.Date == d).Sum(h => h.Hours) + lateHours.GetValueOrDefault(d)))
            .ToList();
    }

    /// <summary>The days of the late arrivals from <paramref name="from"/> to <paramref name="until"/>, in order (a day on which no verzuim counts is left out).</summary>
    public static IReadOnlyList<DateOnly> LateArrivals(DossierView dossier, DateOnly from, DateOnly until)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var counts = CountsAsVerzuim(dossier);
        return dossier.Of<LateArrivalRecorded>().Select(l => l.Date).Where(d => d >= from && d <= until && counts(d)).Order().ToList();
    }

    /// <summary>
    /// Whether what is logged on a day can be verzuim: not on a day of <see cref="NoVerzuimDays"/>, nor before leerplicht began
    /// (002 §1.1: the first school day of the month after the fifth birthday; an unknown birth date takes nothing off).
    /// </summary>
    private static Func<DateOnly, bool> CountsAsVerzuim(DossierView dossier)
    {
        var notVerzuim = NoVerzuimDays(dossier);
        return day => !notVerzuim.Contains(day) && LeerplichtAge.PhaseOn(dossier.Facts, day) != LeerplichtPhase.NotYet;
    }

    /// <summary>Days that are no verzuim whatever is logged: schorsing, granted extra verlof, and whole days of other geoorloofd verzuim (002 §1.3.1).</summary>
    public static HashSet<DateOnly> NoVerzuimDays(DossierView dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var granted = dossier.Of<ExtraVerlofDecided>().Where(d => d.Granted).Select(d => d.Request).ToHashSet();
        var ranges = dossier.Of<SchorsingRecorded>().Select(s => (s.First, s.Last))
            .Concat(dossier.Of<ExtraVerlofRequested>().Where(r => granted.Contains(r.Id)).Select(r => (r.First, r.Last)))
            .Concat(dossier.Of<AuthorisedAbsenceRecorded>().Where(a => a.Hours is null).Select(a => (a.First, a.Last)));
        var days = new HashSet<DateOnly>();
        foreach (var (first, last) in ranges)
        {
            for (var day = first; day <= last && day <= first.AddDays(366); day = day.AddDays(1))
            {
                days.Add(day);
            }
        }

        return days;
    }

    /// <summary>
    /// 002 §1.1 footnote 4: parents may keep a 5-year-old at home some hours a week (more once the directeur agreed); those
    /// hours, the first of each week, are no verzuim. Needs the birth date from the roster; unknown, nothing is taken off.
    /// </summary>
    private static List<(DateOnly Date, int Hours)> FiveYearOldAllowance(DossierView dossier, UnauthorisedAbsenceRules rules, List<(DateOnly Date, int Hours)> hours)
    {
        var left = new Dictionary<DateOnly, int>();
        var result = new List<(DateOnly, int)>(hours.Count);
        foreach (var (date, count) in hours)
        {
            if (FiveYearOldAllowanceOn(dossier, rules, date) is not { } week)
            {
                result.Add((date, count));
                continue;
            }

            var monday = SchoolCalendar.Monday(date);
            var allowance = left.TryGetValue(monday, out var rest) ? rest : week.HoursPerWeek;
            var taken = Math.Min(allowance, count);
            left[monday] = allowance - taken;
            if (count > taken)
            {
                result.Add((date, count - taken));
            }
        }

        return result;
    }

    /// <summary>
    /// 002 §1.1 footnote 4: the hours a week a five-year-old may be kept at home on <paramref name="date"/> without it being
    /// verzuim, and whether the directeur's consent raised them; null when the student is not five then or the birth date is unknown.
    /// </summary>
    public static (int HoursPerWeek, bool DirecteurAgreed)? FiveYearOldAllowanceOn(DossierView dossier, UnauthorisedAbsenceRules rules, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(rules);
        if (!LeerplichtAge.IsFiveOn(dossier.Facts, date))
        {
            return null;
        }

        var agreed = dossier.Of<FiveYearOldExtraHoursAgreed>().Any(a => a.From <= date);
        return (rules.FiveYearOldHoursPerWeek + (agreed ? rules.FiveYearOldExtraHoursPerWeek : 0), agreed);
    }

    private static IEnumerable<Piece> Pieces(DossierView dossier, SchoolCalendar calendar, UnauthorisedAbsenceRules rules)
    {
        foreach (var sick in dossier.SickPeriods)
        {
            yield return new Piece(sick.FirstDay, sick.BackOn, sick.Ziekmelding, true, false, null);
        }

        foreach (var period in dossier.UnauthorisedPeriods)
        {
            yield return new Piece(period.FirstDay, period.BackOn, period.Started, false, true, null);
        }

        // Days with a known last day are away until the next school day, so a Friday runs on over the weekend.
        foreach (var luxe in dossier.Of<LuxeverzuimRecorded>())
        {
            yield return new Piece(luxe.First, NextSchoolDay(calendar, luxe.Last.AddDays(1)), luxe, false, true, null);
        }

        // A full day of logged hours is a day away only if a full day of them is verzuim: not on a day that is no verzuim
        // (002 §1.3.1), nor when a 5-year-old's allowance of the week covers part of it (002 §1.1 footnote 4).
        var fullDaysLogged = dossier.Of<UnauthorisedHoursRecorded>().GroupBy(h => h.Date).Where(g => g.Sum(h => h.Hours) >= rules.LessonHoursPerSchoolDay).ToList();
        if (fullDaysLogged.Count == 0)
        {
            yield break;
        }

        var counted = UnauthorisedHoursPerDay(dossier, calendar, rules, fullDaysLogged.Min(g => g.Key), fullDaysLogged.Max(g => g.Key)).ToDictionary(d => d.Date, d => d.Hours);
        foreach (var day in fullDaysLogged.Where(g => counted.GetValueOrDefault(g.Key) >= rules.LessonHoursPerSchoolDay))
        {
            yield return new Piece(day.Key, NextSchoolDay(calendar, day.Key.AddDays(1)), day.MinBy(h => h.RecordedAt)!, false, true, null);
        }
    }

    /// <summary>A "terug op school" recorded after the fact, from its first day up to its end, ends it there.</summary>
    private static Piece CutAtReturn(Piece piece, List<ReturnedToSchool> returns)
    {
        var back = returns.FirstOrDefault(r => r.RecordedAt >= piece.Fact.RecordedAt && r.Date >= piece.First && (piece.End is null || r.Date <= piece.End));
        return back is null ? piece : piece with { End = back.Date, Return = back };
    }

    /// <summary>The first school day on or after the date; outside the known calendar the date itself.</summary>
    private static DateOnly NextSchoolDay(SchoolCalendar calendar, DateOnly date) =>
        date < calendar.KnownFrom || date > calendar.KnownUntil ? date : calendar.NextSchoolDayOnOrAfter(date);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private sealed record Piece(DateOnly First, DateOnly? End, DossierEvent Fact, bool Sick, bool Unauthorised, ReturnedToSchool? Return)
    {
        /// <summary>The part that started last, and whether it is without a valid reason.</summary>
        public (DateOnly First, bool Unauthorised) Latest { get; init; } = (First, Unauthorised);

        public AwaySpell ToSpell() => new(First, End, Fact, Sick, Unauthorised, Latest.Unauthorised, Return);
    }
}
