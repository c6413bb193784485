using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Dossier;

/// <summary>
/// The pure projection of a student's dossier: retracted events are left out, everything else
/// is read in the order it was recorded. All counts are in school days of the given calendar.
/// </summary>
public sealed class DossierView
{
    private DossierView(StudentId student, IReadOnlyList<DossierEvent> events, StudentFacts facts)
    {
        Student = student;
        Events = events;
        Facts = facts;
        SickPeriods = BuildSickPeriods(events);
        UnauthorisedPeriods = BuildUnauthorisedPeriods(events);
        AllBackMoments = MomentsNobodyAway(events);
        AllBackAt = AllBackMoments.Count > 0 ? AllBackMoments[^1].Event.RecordedAt : DateTimeOffset.MinValue;
    }

    public StudentId Student { get; }

    /// <summary>The roster's facts the leerplicht route needs (birth date, startkwalificatie); unknown when not given.</summary>
    public StudentFacts Facts { get; }

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

    /// <summary>Each moment a beter-melding, "weer aanwezig" or "terug op school" left no absence open, with the day back; oldest first.</summary>
    private IReadOnlyList<(DossierEvent Event, DateOnly BackOn)> AllBackMoments { get; }

    public static DossierView From(StudentId student, IEnumerable<DossierEvent> events, StudentFacts? facts = null)
    {
        var all = events.OrderBy(e => e.RecordedAt).ToList();
        var retracted = all.OfType<EventRetracted>().Select(r => r.Retracted).ToHashSet();
        var effective = all.Where(e => e is not EventRetracted && !retracted.Contains(e.Id)).ToList();
        return new DossierView(student, effective, facts ?? StudentFacts.Unknown);
    }

    /// <summary>The same dossier with other roster facts (the events stay).</summary>
    public DossierView WithFacts(StudentFacts facts) => new(Student, Events, facts);

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

    /// <summary>Hours in the window of 4 lesweken, counted only since the last signaalverzuim melding (a melding starts a new window).</summary>
    public int UnauthorisedHoursInWindow(SchoolCalendar calendar, UnauthorisedAbsenceRules rules, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var start = SignalWindowStart(calendar, asOf, rules.SignalWindowLesweken);
        return AwaySpells.UnauthorisedHoursPerDay(this, calendar, rules, start, asOf).Sum(h => h.Hours);
    }

    /// <summary>Times late in the window of <paramref name="lesweken"/> lesweken, since the last signaalverzuim melding (days that are no verzuim left out).</summary>
    public int LateArrivalsInWindow(SchoolCalendar calendar, DateOnly asOf, int lesweken)
    {
        var start = SignalWindowStart(calendar, asOf, lesweken);
        return AwaySpells.LateArrivals(this, start, asOf).Count;
    }

    /// <summary>The advice of the last terugkoppeling (002 Bijlage 1), which changes what the next ziekmelding triggers.</summary>
    public TerugkoppelingReceived? LastTerugkoppeling => Of<TerugkoppelingReceived>().LastOrDefault();

    /// <summary>
    /// The vrijstelling in force on <paramref name="asOf"/>, if any: one voor onbepaalde tijd (type 2) never lapses; one voor
    /// bepaalde tijd (type 1) lapses after its last day, by default the profile's term after it was granted ("in principe voor
    /// één jaar", 002 §7). Null when none was granted or it lapsed.
    /// </summary>
    public VrijstellingInForce? VrijstellingOn(DateOnly asOf, ThuiszitterRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (Of<VrijstellingStepRecorded>().LastOrDefault(v => v.Step == VrijstellingStep.VrijstellingVerleend && SchoolClock.LocalDate(v.RecordedAt) <= asOf) is not { } granted)
        {
            return null;
        }

        var indefinite = granted.Indefinite ?? false;
        var until = indefinite ? (DateOnly?)null : granted.Until ?? SchoolClock.LocalDate(granted.RecordedAt).AddMonths(rules.VrijstellingTermMonths).AddDays(-1);
        return until is { } last && asOf > last ? null : new VrijstellingInForce(granted, indefinite, until);
    }

    /// <summary>
    /// Thuiszitter type and code (002 §2.2) on <paramref name="asOf"/>: 7 after leaving school without a startkwalificatie (VSV);
    /// otherwise, while the student is away for any reason (004 Werkwijzer punt 2), 1/2 vrijstelling (bepaalde/onbepaalde tijd,
    /// while in force), 3 ongeoorloofd over a longer period, 4/5/6 geoorloofd by duration. Only types 4-6 have a colour code
    /// (geel, oranje, rood): the seed gives the others none. Null when not away.
    /// </summary>
    public (int Type, ThuiszitterCode? Code)? ThuiszitterStatus(SchoolCalendar calendar, ProtocolProfile profile, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (LeftSchoolOn(asOf) is not null)
        {
            return (7, null);
        }

        if (AwaySpells.Current(this, calendar, profile.Unauthorised, asOf) is not { } spell)
        {
            return null;
        }

        var type = ThuiszitterType(spell, DurationCode(spell.SchoolDaysAway(calendar, asOf), profile.Thuiszitter), profile.Thuiszitter, asOf);
        return (type, CodeOf(type));
    }

    /// <summary>The colour code of a type: geel, oranje and rood belong to types 4, 5 and 6 only (002 §2.2).</summary>
    public static ThuiszitterCode? CodeOf(int type) => type switch
    {
        4 => ThuiszitterCode.Geel,
        5 => ThuiszitterCode.Oranje,
        6 => ThuiszitterCode.Rood,
        _ => null,
    };

    /// <summary>School days away in the current run of whole days away (sick or not) up to <paramref name="asOf"/>; 0 when not away.</summary>
    public int SchoolDaysAway(SchoolCalendar calendar, UnauthorisedAbsenceRules rules, DateOnly asOf) =>
        AwaySpells.Current(this, calendar, rules, asOf)?.SchoolDaysAway(calendar, asOf) ?? 0;

    /// <summary>002 §2.2 for one run of days away: vrijstelling in force first, then ongeoorloofd (as the absence is now), else geoorloofd by its duration code.</summary>
    public int ThuiszitterType(AwaySpell spell, ThuiszitterCode durationCode, ThuiszitterRules rules, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(spell);
        if (VrijstellingOn(asOf, rules) is { } vrijstelling)
        {
            return vrijstelling.Indefinite ? 2 : 1;
        }

        if (spell.LatestUnauthorised || Of<GesprekRecorded>().Any(g => g.RecordedAt >= spell.StartedAt && g.Outcome == GesprekOutcome.Ongeoorloofd))
        {
            return 3;
        }

        return durationCode switch { ThuiszitterCode.Geel => 4, ThuiszitterCode.Oranje => 5, _ => 6 };
    }

    /// <summary>The VSV fact (type 7) in force on <paramref name="asOf"/>: left without a startkwalificatie, and not back at school since.</summary>
    public LeftWithoutStartkwalificatie? LeftSchoolOn(DateOnly asOf) =>
        Of<LeftWithoutStartkwalificatie>().LastOrDefault(l => l.LeftOn <= asOf) is { } left && !Of<ReturnedToSchool>().Any(r => r.RecordedAt > left.RecordedAt && r.Date <= asOf)
            ? left
            : null;

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

    /// <summary>
    /// The thuiszitter cases that ended, oldest first: each opened by leerplicht's "ja" and ended by whatever came first after
    /// it, "terug op school" / "passend aanbod gestart", or the moment nothing was open any more (a beter-melding or "weer
    /// aanwezig" means the student is back at school: the case ends that day, 003 "de gemiddelde tijd dat een kind thuiszit").
    /// A later "nee" closes a case without a return; a case still open is not listed.
    /// </summary>
    public IReadOnlyList<EndedThuiszitterCase> EndedThuiszitterCases()
    {
        var ends = Of<ReturnedToSchool>().Select(r => (Event: (DossierEvent)r, BackOn: r.Date))
            .Concat(AllBackMoments)
            .OrderBy(e => e.Event.RecordedAt)
            .ToList();
        var ended = new List<EndedThuiszitterCase>();
        LeerplichtJudgementRecorded? open = null;
        var next = 0;
        foreach (var judgement in Of<LeerplichtJudgementRecorded>())
        {
            EndUpTo(judgement.RecordedAt);
            open = judgement.IsThuiszitter ? open ?? judgement : null;
        }

        EndUpTo(DateTimeOffset.MaxValue);
        return ended;

        void EndUpTo(DateTimeOffset before)
        {
            for (; next < ends.Count && ends[next].Event.RecordedAt < before; next++)
            {
                if (open is not null)
                {
                    ended.Add(new EndedThuiszitterCase(open, ends[next].BackOn, ends[next].Event));
                    open = null;
                }
            }
        }
    }

    private DateOnly SignalWindowStart(SchoolCalendar calendar, DateOnly asOf, int lesweken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var start = calendar.LeswekenWindowStart(asOf, lesweken);
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
    /// The moments a beter-melding, "weer aanwezig" or "terug op school" left no absence open, with the day back. A new
    /// absence that starts on or before that day back continues it (beter, but away without leave from the same Monday),
    /// so that moment does not count.
    /// </summary>
    private static List<(DossierEvent Event, DateOnly BackOn)> MomentsNobodyAway(IReadOnlyList<DossierEvent> events)
    {
        bool sick = false, unauthorised = false;
        var moments = new List<(DossierEvent Event, DateOnly BackOn)>();
        var lastMayContinue = false;
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
                moments.Add((e, day));
                lastMayContinue = true;
            }
        }

        return moments;

        void Continues(DateOnly firstDay)
        {
            if (lastMayContinue && firstDay <= moments[^1].BackOn)
            {
                moments.RemoveAt(moments.Count - 1);
            }

            lastMayContinue = false;
        }
    }
}

/// <summary>A vrijstelling in force: the leerplicht's decision, whether it is voor onbepaalde tijd, and its last day (null: none).</summary>
public sealed record VrijstellingInForce(VrijstellingStepRecorded Granted, bool Indefinite, DateOnly? Until);

/// <summary>A thuiszitter case that ended: the "ja" that opened it, the day back, and the fact that ended it ("terug op school", "passend aanbod gestart", a beter-melding or "weer aanwezig").</summary>
public sealed record EndedThuiszitterCase(LeerplichtJudgementRecorded OpenedBy, DateOnly BackOn, DossierEvent EndedBy)
{
    public DateTimeOffset EndedAt => EndedBy.RecordedAt;

    /// <summary>The "terug op school" / "passend aanbod gestart" that ended it; null when a beter-melding or "weer aanwezig" did.</summary>
    public ReturnedToSchool? Return => EndedBy as ReturnedToSchool;
}

/// <summary>An open thuiszitter case with its checklist (004 "Werkwijzer voor de school" and "voor de leerplichtambtenaar").</summary>
public sealed record ThuiszitterCase(LeerplichtJudgementRecorded OpenedBy, IReadOnlyList<string> OpenItems, IReadOnlyList<string> CompletedItems);
