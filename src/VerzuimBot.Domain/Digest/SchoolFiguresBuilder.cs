using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;

namespace VerzuimBot.Domain.Digest;

/// <summary>Adds up the figures of one school, dossier by dossier; <see cref="Merge"/> makes the SWV total.</summary>
internal sealed class SchoolFiguresBuilder
{
    private readonly int[] _types = new int[8];
    private readonly Dictionary<ThuiszitterCode, int> _codes = Enum.GetValues<ThuiszitterCode>().ToDictionary(c => c, _ => 0);
    private readonly Dictionary<OverdueStep, int> _overdue = OverdueSteps.All.ToDictionary(s => s, _ => 0);
    private readonly BandCounts[] _trend;
    private BandCounts _absent = BandCounts.Zero;
    private int _dreigend;
    private int _openCases;
    private int _reported;
    private int _new;
    private int _returned;
    private int _vrijstellingenNew;
    private int _vrijstellingenInForce;

    public SchoolFiguresBuilder(int trendPoints)
    {
        _trend = Enumerable.Repeat(BandCounts.Zero, trendPoints).ToArray();
    }

    public List<DoorloopCase> Cases { get; } = [];

    public void Add(DossierView dossier, DigestContext context, SchoolContext school, List<ThuiszitterListEntry> list)
    {
        var calendar = school.Calendar;
        var rules = school.Profile.Thuiszitter;
        var spells = AwaySpells.Of(dossier, calendar, school.Profile.Unauthorised);
        var current = spells.LastOrDefault(s => s.Covers(context.AsOf));
        var days = current?.SchoolDaysAway(calendar, context.AsOf) ?? 0;
        if (dossier.LeftSchoolOn(context.AsOf) is not null)
        {
            // Type 7 (002 §2.2, VSV): left without a startkwalificatie; no colour code.
            _types[7]++;
        }
        else if (current is not null && days > 0)
        {
            var band = DurationBands.Of(days, rules);
            _absent = _absent.Add(band);
            var type = dossier.ThuiszitterType(current, DurationBands.Code(band), rules, context.AsOf);
            _types[type]++;
            if (DossierView.CodeOf(type) is { } code)
            {
                _codes[code]++;
            }

            if (days <= rules.LeerplichtAfterSchoolDays && Zorgwekkend(dossier, calendar, school.Profile.Sick, context.AsOf, days))
            {
                _dreigend++;
            }
        }

        var tasks = school.Engine.Evaluate(dossier, context.Now);
        foreach (var step in tasks.Where(t => t.DueAt < context.Now).Select(t => OverdueSteps.Of(t.Kind)).OfType<OverdueStep>().Distinct())
        {
            _overdue[step]++;
        }

        if (dossier.OpenThuiszitterCase(rules) is { } openCase)
        {
            _openCases++;
            if (SwvReporting.IsReportedToSwv(openCase) && current is not null)
            {
                _reported++;
                list.Add(Entry(dossier, school, current, days, openCase, tasks, context));
            }
        }

        _new += dossier.Of<LeerplichtJudgementRecorded>().Count(j => j.IsThuiszitter && context.SinceLastDigest(j.RecordedAt));
        // A case ends at "terug op school", "passend aanbod gestart", or a beter-melding / "weer aanwezig" that left nothing open.
        var endedCases = dossier.EndedThuiszitterCases();
        _returned += endedCases.Count(c => context.SinceLastDigest(c.EndedAt));
        var granted = dossier.Of<VrijstellingStepRecorded>().Where(v => v.Step == VrijstellingStep.VrijstellingVerleend).ToList();
        _vrijstellingenNew += granted.Any(v => context.SinceLastDigest(v.RecordedAt)) ? 1 : 0;
        // 002 §8.1 c: "Maximaal 5 thuiszitters die een vrijstelling (5a + 5b) hebben": who has one now, not how many were granted
        // this year. A vrijstelling for a fixed term counts until its last day; back at school since it was granted, no longer.
        _vrijstellingenInForce += dossier.VrijstellingOn(context.AsOf, rules) is { } inForce && !dossier.Of<ReturnedToSchool>().Any(r => r.RecordedAt > inForce.Granted.RecordedAt) ? 1 : 0;

        for (var i = 0; i < _trend.Length; i++)
        {
            var on = context.TrendWeeks[i].MeasuredOn;
            if (spells.LastOrDefault(s => s.Covers(on)) is { } spell && spell.SchoolDaysAway(calendar, on) is > 0 and var d)
            {
                _trend[i] = _trend[i].Add(DurationBands.Of(d, rules));
            }
        }

        foreach (var spell in spells.Where(s => s.Return is not null && s.Return.Date >= context.EarliestCaseEnd && s.Return.Date <= context.AsOf))
        {
            Cases.Add(Case(dossier, school, spell, spell.Return!.Date, spell.Return.RecordedAt));
        }

        // A thuiszitter case ended by the beter-melding or "weer aanwezig" alone: its run of days away ends on that day back.
        foreach (var ended in endedCases.Where(c => c.Return is null && c.BackOn >= context.EarliestCaseEnd && c.BackOn <= context.AsOf))
        {
            if (spells.LastOrDefault(s => s.End == ended.BackOn && s.Return is null && s.StartedAt <= ended.OpenedBy.RecordedAt) is { } spell)
            {
                Cases.Add(Case(dossier, school, spell, ended.BackOn, ended.EndedAt));
            }
        }
    }

    public void Merge(SchoolFiguresBuilder other)
    {
        for (var t = 0; t < _types.Length; t++)
        {
            _types[t] += other._types[t];
        }

        foreach (var (code, count) in other._codes)
        {
            _codes[code] += count;
        }

        foreach (var (step, count) in other._overdue)
        {
            _overdue[step] += count;
        }

        for (var i = 0; i < _trend.Length; i++)
        {
            _trend[i] = _trend[i].Plus(other._trend[i]);
        }

        _absent = _absent.Plus(other._absent);
        _dreigend += other._dreigend;
        _openCases += other._openCases;
        _reported += other._reported;
        _new += other._new;
        _returned += other._returned;
        _vrijstellingenNew += other._vrijstellingenNew;
        _vrijstellingenInForce += other._vrijstellingenInForce;
        Cases.AddRange(other.Cases);
    }

    public SchoolFigures Build(SchoolId? school, DoorloopPeriods periods) => new(
        school,
        _absent,
        Enumerable.Range(1, 7).ToDictionary(t => t, t => _types[t]),
        new Dictionary<ThuiszitterCode, int>(_codes),
        _dreigend,
        _openCases,
        _reported,
        _new,
        _returned,
        _vrijstellingenNew,
        _vrijstellingenInForce,
        new Dictionary<OverdueStep, int>(_overdue),
        DoorloopCase.Figures(Cases, periods),
        _trend.ToList());

    /// <summary>Stap 3 (002 Bijlage 1) with the profile's numbers, on the digest's date: the same criteria the engine uses.</summary>
    private static bool Zorgwekkend(DossierView dossier, SchoolCalendar calendar, SickAbsenceRules sick, DateOnly asOf, int consecutive)
    {
        return consecutive > sick.WorryingConsecutiveMoreThan
            || (sick is { WorryingIncidentalDays: { } incidental, WorryingIncidentalWindowSchoolDays: { } window }
                && dossier.SickPeriodsInWindow(calendar, asOf, window) >= 2 && dossier.SickSchoolDaysInWindow(calendar, asOf, window) >= incidental)
            || (sick.WorryingZiekmeldingCount is { } count && sick.WorryingZiekmeldingWindowSchoolDays is { } countWindow
                && dossier.ZiekmeldingenInWindow(calendar, asOf, countWindow) >= count);
    }

    private static ThuiszitterListEntry Entry(DossierView dossier, SchoolContext school, AwaySpell spell, int days, ThuiszitterCase openCase, IReadOnlyList<DueTask> tasks, DigestContext context)
    {
        var band = days > 0 ? DurationBands.Of(days, school.Profile.Thuiszitter) : DurationBand.Tot4Weken;
        // The plan van aanpak of stap 6, or else the regie-/contactpersoon named when the checklist item was ticked (004 Werkwijzer, punt 4).
        var regie = dossier.Of<PlanVanAanpakAgreed>().LastOrDefault(p => p.RecordedAt >= spell.StartedAt)?.Regiepersoon
            ?? (dossier.Of<ThuiszitterChecklistItemCompleted>().LastOrDefault(c => c.RecordedAt >= openCase.OpenedBy.RecordedAt && c.Note is not null && c.Item.Contains("regie", StringComparison.OrdinalIgnoreCase))?.Note is { } named
                ? new StaffId(named)
                : null);
        var type = dossier.ThuiszitterType(spell, DurationBands.Code(band), school.Profile.Thuiszitter, context.AsOf);
        return new ThuiszitterListEntry(dossier.Student, school.School, type, DossierView.CodeOf(type), days, spell.FirstDay, regie, Next(tasks, openCase, context.Now));
    }

    /// <summary>The task due first (late ones first of all); without one, the first open checklist item.</summary>
    private static NextStep Next(IReadOnlyList<DueTask> tasks, ThuiszitterCase openCase, DateTimeOffset now)
    {
        var first = tasks.Where(t => t.Kind != TaskKind.MentorNotification).OrderBy(t => t.DueAt).FirstOrDefault();
        if (first is not null)
        {
            var text = first.Kind == TaskKind.ThuiszitterChecklist && openCase.OpenItems.Count > 0
                ? $"{DigestTexts.Step(first.Kind)}: {openCase.OpenItems[0]}"
                : DigestTexts.Step(first.Kind);
            // Late only for a step with a deadline the digest counts (a vrijstelling step is due at once, not late at once).
            return new NextStep(text, SchoolClock.LocalDate(first.DueAt), first.DueAt < now && OverdueSteps.Of(first.Kind) is not null);
        }

        return openCase.OpenItems.Count > 0 ? new NextStep(openCase.OpenItems[0], null, false) : new NextStep(DigestTexts.NoOpenStep, null, false);
    }

    private static DoorloopCase Case(DossierView dossier, SchoolContext school, AwaySpell spell, DateOnly backOn, DateTimeOffset endedAt)
    {
        var calendar = school.Calendar;
        var rules = school.Profile.Thuiszitter;
        var lastAway = backOn.AddDays(-1);
        var fromFirst = AwaySpell.CountClamped(calendar, spell.FirstDay, lastAway);
        int? fromThuiszitter = null;
        var started = spell.StartedAt;
        if (dossier.Of<LeerplichtJudgementRecorded>().Any(j => j.IsThuiszitter && j.RecordedAt >= started && j.RecordedAt <= endedAt))
        {
            // The case became a thuiszitter on the first school day after 4 weeks away (004: "meer dan 4 weken").
            var first = spell.FirstDay < calendar.KnownFrom ? calendar.KnownFrom : spell.FirstDay;
            var became = calendar.AddSchoolDays(calendar.NextSchoolDayOnOrAfter(first), rules.LeerplichtAfterSchoolDays);
            fromThuiszitter = AwaySpell.CountClamped(calendar, became, lastAway);
        }

        return new DoorloopCase(backOn, fromFirst, fromThuiszitter, fromFirst <= rules.RoodAfterSchoolDays);
    }
}

/// <summary>A school's protocol for the digest, with its rules engine built once.</summary>
internal sealed record SchoolContext(SchoolId School, ProtocolProfile Profile, SchoolCalendar Calendar)
{
    public ProtocolEngine Engine { get; } = new(Profile, Calendar);
}

/// <summary>The moments and weeks every school is measured against.</summary>
internal sealed record DigestContext(DateTimeOffset Now, DateOnly AsOf, DateTimeOffset Since, IReadOnlyList<SchoolWeek> TrendWeeks, DateOnly EarliestCaseEnd)
{
    public SchoolYear SchoolYear => SchoolYear.Of(AsOf);

    public bool SinceLastDigest(DateTimeOffset recordedAt) => recordedAt > Since && recordedAt <= Now;
}
