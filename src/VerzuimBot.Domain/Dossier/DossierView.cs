using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Dossier;

/// <summary>
/// The pure projection of a student's dossier: retracted events are left out, everything else
/// is read in the order it was recorded. All counts are in school days of the given calendar.
/// </summary>
public sealed class DossierView
{
    private DossierView(StudentId student, IReadOnlyList<DossierEvent> events)
    {
        Student = student;
        Events = events;
        SickPeriods = BuildSickPeriods(events);
        UnauthorisedPeriods = BuildUnauthorisedPeriods(events);
        AllBackAt = LastMomentNobodyAway(events);
    }

    public StudentId Student { get; }

    /// <summary>The events that count (retractions applied), oldest first.</summary>
    public IReadOnlyList<DossierEvent> Events { get; }

    public IReadOnlyList<AbsencePeriod> SickPeriods { get; }

    public AbsencePeriod? CurrentSickPeriod => SickPeriods.Count > 0 && SickPeriods[^1].IsOpen ? SickPeriods[^1] : null;

    /// <summary>The periods of "ongeoorloofd afwezig" (whole days away without leave), oldest first.</summary>
    public IReadOnlyList<UnauthorisedPeriod> UnauthorisedPeriods { get; }

    public UnauthorisedPeriod? CurrentUnauthorisedPeriod => UnauthorisedPeriods.Count > 0 && UnauthorisedPeriods[^1].IsOpen ? UnauthorisedPeriods[^1] : null;

    /// <summary>True while a sick period or a period of ongeoorloofd afwezig is open.</summary>
    public bool IsAwayOpenEnded => CurrentSickPeriod is not null || CurrentUnauthorisedPeriod is not null;

    /// <summary>When the last open absence (sick or ongeoorloofd) was closed; a thuiszitter judgement before it is history.</summary>
    private DateTimeOffset AllBackAt { get; }

    public static DossierView From(StudentId student, IEnumerable<DossierEvent> events)
    {
        var all = events.OrderBy(e => e.RecordedAt).ToList();
        var retracted = all.OfType<EventRetracted>().Select(r => r.Retracted).ToHashSet();
        var effective = all.Where(e => e is not EventRetracted && !retracted.Contains(e.Id)).ToList();
        return new DossierView(student, effective);
    }

    public IEnumerable<T> Of<T>() where T : DossierEvent => Events.OfType<T>();

    /// <summary>School days absent in the current open period up to and including <paramref name="asOf"/>.</summary>
    public int ConsecutiveSickSchoolDays(SchoolCalendar calendar, DateOnly asOf) =>
        CurrentSickPeriod is { } open && open.FirstDay <= asOf ? calendar.CountSchoolDays(open.FirstDay, asOf) : 0;

    /// <summary>Sick school days (all periods) in the last <paramref name="windowSchoolDays"/> school days ending on <paramref name="asOf"/>.</summary>
    public int SickSchoolDaysInWindow(SchoolCalendar calendar, DateOnly asOf, int windowSchoolDays)
    {
        var start = calendar.WindowStart(asOf, windowSchoolDays);
        var count = 0;
        for (var day = start; day <= asOf; day = day.AddDays(1))
        {
            if (calendar.IsSchoolDay(day) && SickPeriods.Any(p => p.Covers(day)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>How many sick periods have at least one sick school day in the window ending on <paramref name="asOf"/>.</summary>
    public int SickPeriodsInWindow(SchoolCalendar calendar, DateOnly asOf, int windowSchoolDays)
    {
        var start = calendar.WindowStart(asOf, windowSchoolDays);
        return SickPeriods.Count(p => p.FirstDay <= asOf && (p.BackOn is null || p.BackOn > start));
    }

    /// <summary>Ziekmeldingen whose first day falls in the last <paramref name="windowSchoolDays"/> school days.</summary>
    public int ZiekmeldingenInWindow(SchoolCalendar calendar, DateOnly asOf, int windowSchoolDays)
    {
        var start = calendar.WindowStart(asOf, windowSchoolDays);
        return SickPeriods.Count(p => p.FirstDay >= start && p.FirstDay <= asOf);
    }

    /// <summary>Lesuren ongeoorloofd this school year up to <paramref name="asOf"/>, days of ongeoorloofd afwezig included.</summary>
    public int UnauthorisedHoursInSchoolYear(SchoolCalendar calendar, UnauthorisedAbsenceRules rules, DateOnly asOf)
    {
        var year = SchoolYear.Of(asOf);
        return AwaySpells.UnauthorisedHoursPerDay(this, calendar, rules, year.First, asOf).Sum(h => h.Hours);
    }

    /// <summary>Hours in the 4-school-week window, counted only since the last signaalverzuim melding (a melding starts a new window).</summary>
    public int UnauthorisedHoursInWindow(SchoolCalendar calendar, UnauthorisedAbsenceRules rules, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var start = SignalWindowStart(calendar, asOf, rules.SignalWindowSchoolDays);
        return AwaySpells.UnauthorisedHoursPerDay(this, calendar, rules, start, asOf).Sum(h => h.Hours);
    }

    public int LateArrivalsInWindow(SchoolCalendar calendar, DateOnly asOf, int windowSchoolDays)
    {
        var start = SignalWindowStart(calendar, asOf, windowSchoolDays);
        return Of<LateArrivalRecorded>().Count(l => l.Date >= start && l.Date <= asOf);
    }

    /// <summary>The advice of the last terugkoppeling (002 Bijlage 1), which changes what the next ziekmelding triggers.</summary>
    public TerugkoppelingReceived? LastTerugkoppeling => Of<TerugkoppelingReceived>().LastOrDefault();

    public bool VrijstellingGranted(out bool indefinite)
    {
        var granted = Of<VrijstellingStepRecorded>().LastOrDefault(v => v.Step == VrijstellingStep.VrijstellingVerleend);
        indefinite = granted?.Indefinite ?? false;
        return granted is not null;
    }

    /// <summary>
    /// Thuiszitter type (002 §2.2) while the student is away, for any reason (004 Werkwijzer punt 2): 1/2 vrijstelling
    /// (bepaalde/onbepaalde tijd), 3 ongeoorloofd over a longer period, 4/5/6 geoorloofd by duration. Null when not away.
    /// Type 7 (after secondary school, VSV) is outside what a school's dossier records.
    /// </summary>
    public (int Type, ThuiszitterCode Code)? ThuiszitterStatus(SchoolCalendar calendar, ProtocolProfile profile, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (AwaySpells.Current(this, calendar, profile.Unauthorised, asOf) is not { } spell)
        {
            return null;
        }

        var code = DurationCode(spell.SchoolDaysAway(calendar, asOf), profile.Thuiszitter);
        return (ThuiszitterType(spell, code), code);
    }

    /// <summary>School days away in the current run of whole days away (sick or not) up to <paramref name="asOf"/>; 0 when not away.</summary>
    public int SchoolDaysAway(SchoolCalendar calendar, UnauthorisedAbsenceRules rules, DateOnly asOf) =>
        AwaySpells.Current(this, calendar, rules, asOf)?.SchoolDaysAway(calendar, asOf) ?? 0;

    /// <summary>002 §2.2 for one run of days away: vrijstelling first, then ongeoorloofd (as the absence is now), else geoorloofd by its code.</summary>
    public int ThuiszitterType(AwaySpell spell, ThuiszitterCode code)
    {
        ArgumentNullException.ThrowIfNull(spell);
        if (VrijstellingGranted(out var indefinite))
        {
            return indefinite ? 2 : 1;
        }

        if (spell.LatestUnauthorised || Of<GesprekRecorded>().Any(g => g.RecordedAt >= spell.StartedAt && g.Outcome == GesprekOutcome.Ongeoorloofd))
        {
            return 3;
        }

        return code switch { ThuiszitterCode.Geel => 4, ThuiszitterCode.Oranje => 5, _ => 6 };
    }

    private static ThuiszitterCode DurationCode(int days, ThuiszitterRules rules) =>
        days <= rules.OranjeAfterSchoolDays ? ThuiszitterCode.Geel
        : days <= rules.RoodAfterSchoolDays ? ThuiszitterCode.Oranje
        : ThuiszitterCode.Rood;

    /// <summary>
    /// The open thuiszitter case: leerplicht's last judgement since everyone was last back at school is "ja", and no
    /// "terug op school" / "passend aanbod gestart" followed. A beter-melding or "weer aanwezig" that leaves nothing
    /// open ends the case; one that leaves the other kind of absence open (beter, but still away without leave) does not.
    /// </summary>
    public ThuiszitterCase? OpenThuiszitterCase(ThuiszitterRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var judgement = Of<LeerplichtJudgementRecorded>().LastOrDefault(j => j.RecordedAt > AllBackAt);
        if (judgement is not { IsThuiszitter: true } || Of<ReturnedToSchool>().Any(r => r.RecordedAt > judgement.RecordedAt))
        {
            return null;
        }

        var done = Of<ThuiszitterChecklistItemCompleted>().Where(c => c.RecordedAt >= judgement.RecordedAt).Select(c => c.Item).ToHashSet();
        var open = rules.SchoolChecklist.Concat(rules.LeerplichtChecklist).Where(item => !done.Contains(item)).ToList();
        return new ThuiszitterCase(judgement, open, done.ToList());
    }

    private DateOnly SignalWindowStart(SchoolCalendar calendar, DateOnly asOf, int windowSchoolDays)
    {
        var start = calendar.WindowStart(asOf, windowSchoolDays);
        var lastReport = Of<SignaalverzuimReported>().Where(r => r.ReportedOn <= asOf).Select(r => (DateOnly?)r.ReportedOn).Max();
        return lastReport is { } reported && reported >= start ? reported.AddDays(1) : start;
    }

    private static List<AbsencePeriod> BuildSickPeriods(IReadOnlyList<DossierEvent> events) =>
        BuildPeriods<ZiekmeldingRecorded, AbsencePeriod>(events, e => (e as BeterMeldingRecorded)?.BackOn, (z, back) => new AbsencePeriod(z, back));

    /// <summary>
    /// Periods of ongeoorloofd afwezig; "weer aanwezig", a later "terug op school", or a ziekmelding (the absence is
    /// geoorloofd from its first day on) closes the open one.
    /// </summary>
    private static List<UnauthorisedPeriod> BuildUnauthorisedPeriods(IReadOnlyList<DossierEvent> events) =>
        BuildPeriods<UnauthorisedAbsenceStarted, UnauthorisedPeriod>(
            events,
            e => e switch { UnauthorisedAbsenceEnded ended => ended.BackOn, ReturnedToSchool back => back.Date, ZiekmeldingRecorded sick => sick.FirstDay, _ => null },
            (start, back) => new UnauthorisedPeriod(start, back < start.FirstDay ? start.FirstDay : back));

    /// <summary>Periods in recording order: a start while one is open is ignored, as is an end while none is.</summary>
    private static List<TPeriod> BuildPeriods<TStart, TPeriod>(IReadOnlyList<DossierEvent> events, Func<DossierEvent, DateOnly?> endsOn, Func<TStart, DateOnly?, TPeriod> period)
        where TStart : DossierEvent
    {
        var periods = new List<TPeriod>();
        TStart? open = null;
        foreach (var e in events)
        {
            if (e is TStart start)
            {
                open ??= start;
            }
            else if (open is not null && endsOn(e) is { } back)
            {
                periods.Add(period(open, back));
                open = null;
            }
        }

        if (open is not null)
        {
            periods.Add(period(open, null));
        }

        return periods;
    }

    /// <summary>
    /// The moment a beter-melding, "weer aanwezig" or "terug op school" left no absence open (MinValue: never). A new
    /// absence that starts on or before that day back continues it (beter, but away without leave from the same Monday),
    /// so that moment does not count.
    /// </summary>
    private static DateTimeOffset LastMomentNobodyAway(IReadOnlyList<DossierEvent> events)
    {
        bool sick = false, unauthorised = false;
        var allBack = DateTimeOffset.MinValue;
        (DateTimeOffset Before, DateOnly BackOn)? lastClose = null;
        foreach (var e in events)
        {
            var wasAway = sick || unauthorised;
            DateOnly? backOn = null;
            switch (e)
            {
                case ZiekmeldingRecorded z:
                    sick = true;
                    unauthorised = false; // ends "ongeoorloofd afwezig" (see BuildUnauthorisedPeriods)
                    Continues(z.FirstDay);
                    break;
                case UnauthorisedAbsenceStarted u:
                    unauthorised = true;
                    Continues(u.FirstDay);
                    break;
                case BeterMeldingRecorded b:
                    sick = false;
                    backOn = b.BackOn;
                    break;
                case UnauthorisedAbsenceEnded ended:
                    unauthorised = false;
                    backOn = ended.BackOn;
                    break;
                case ReturnedToSchool r:
                    unauthorised = false;
                    backOn = r.Date;
                    break;
            }

            if (wasAway && !sick && !unauthorised && backOn is { } day)
            {
                lastClose = (allBack, day);
                allBack = e.RecordedAt;
            }
        }

        return allBack;

        void Continues(DateOnly firstDay)
        {
            if (lastClose is { } close && firstDay <= close.BackOn)
            {
                allBack = close.Before;
            }

            lastClose = null;
        }
    }
}

/// <summary>An open thuiszitter case with its checklist (004 "Werkwijzer voor de school" and "voor de leerplichtambtenaar").</summary>
public sealed record ThuiszitterCase(LeerplichtJudgementRecorded OpenedBy, IReadOnlyList<string> OpenItems, IReadOnlyList<string> CompletedItems);
