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
    }

    public StudentId Student { get; }

    /// <summary>The events that count (retractions applied), oldest first.</summary>
    public IReadOnlyList<DossierEvent> Events { get; }

    public IReadOnlyList<AbsencePeriod> SickPeriods { get; }

    public AbsencePeriod? CurrentSickPeriod => SickPeriods.Count > 0 && SickPeriods[^1].IsOpen ? SickPeriods[^1] : null;

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

    public int UnauthorisedHoursInSchoolYear(DateOnly asOf)
    {
        var year = SchoolYear.Of(asOf);
        return Of<UnauthorisedHoursRecorded>().Where(h => h.Date >= year.First && h.Date <= asOf).Sum(h => h.Hours);
    }

    /// <summary>Hours in the 4-school-week window, counted only since the last signaalverzuim melding (a melding starts a new window).</summary>
    public int UnauthorisedHoursInWindow(SchoolCalendar calendar, DateOnly asOf, int windowSchoolDays)
    {
        var start = SignalWindowStart(calendar, asOf, windowSchoolDays);
        return Of<UnauthorisedHoursRecorded>().Where(h => h.Date >= start && h.Date <= asOf).Sum(h => h.Hours);
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
    /// Thuiszitter type (002 §2.2) while the student is away: 1/2 vrijstelling (bepaalde/onbepaalde tijd),
    /// 3 ongeoorloofd over a longer period, 4/5/6 geoorloofd by duration. Null when not away.
    /// Type 7 (after secondary school, VSV) is outside what a school's dossier records.
    /// </summary>
    public (int Type, ThuiszitterCode Code)? ThuiszitterStatus(SchoolCalendar calendar, ThuiszitterRules rules, DateOnly asOf)
    {
        var days = ConsecutiveSickSchoolDays(calendar, asOf);
        if (days == 0)
        {
            return null;
        }

        var code = days <= rules.OranjeAfterSchoolDays ? ThuiszitterCode.Geel
            : days <= rules.RoodAfterSchoolDays ? ThuiszitterCode.Oranje
            : ThuiszitterCode.Rood;
        if (VrijstellingGranted(out var indefinite))
        {
            return (indefinite ? 2 : 1, code);
        }

        var periodStart = CurrentSickPeriod!.Ziekmelding.RecordedAt;
        if (Of<GesprekRecorded>().Any(g => g.RecordedAt >= periodStart && g.Outcome == GesprekOutcome.Ongeoorloofd))
        {
            return (3, code);
        }

        return (code switch { ThuiszitterCode.Geel => 4, ThuiszitterCode.Oranje => 5, _ => 6 }, code);
    }

    /// <summary>The open thuiszitter case: leerplicht judged "ja" for the current period and the student is not back.</summary>
    public ThuiszitterCase? OpenThuiszitterCase(ThuiszitterRules rules)
    {
        if (CurrentSickPeriod is not { } period)
        {
            return null;
        }

        var judgement = Of<LeerplichtJudgementRecorded>().LastOrDefault(j => j.RecordedAt >= period.Ziekmelding.RecordedAt);
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

    private static List<AbsencePeriod> BuildSickPeriods(IReadOnlyList<DossierEvent> events)
    {
        var periods = new List<AbsencePeriod>();
        ZiekmeldingRecorded? open = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case ZiekmeldingRecorded z when open is null:
                    open = z;
                    break;
                case BeterMeldingRecorded b when open is not null:
                    periods.Add(new AbsencePeriod(open, b.BackOn));
                    open = null;
                    break;
            }
        }

        if (open is not null)
        {
            periods.Add(new AbsencePeriod(open, null));
        }

        return periods;
    }
}

/// <summary>An open thuiszitter case with its checklist (004 "Werkwijzer voor de school" and "voor de leerplichtambtenaar").</summary>
public sealed record ThuiszitterCase(LeerplichtJudgementRecorded OpenedBy, IReadOnlyList<string> OpenItems, IReadOnlyList<string> CompletedItems);
