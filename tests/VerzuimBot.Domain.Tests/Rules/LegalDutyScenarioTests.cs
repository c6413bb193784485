using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// Issue 20 items 2 and 3: the melding is "wettelijk verplicht" only for 16 hours within 4 consecutive lesweken (002 §3
// "16 lesuren ... in een periode van 4 aaneengesloten schoolweken", 004 "Bij verzuim vanaf 16 uur binnen 4 weken is het
// wettelijk verplicht te melden"), due within 5 working days after the day of the 16th hour (domain.md §4).
public class LegalDutyScenarioTests : ScenarioBase
{
    [Fact] // domain.md §4: Hemelvaartsdag (Thu 6 May 2027) does not stretch the window: 20 school days back from Fri 28 May reach Thu 22 Apr, 4 lesweken only Mon 3 May.
    public void Feestdag_DoesNotStretchTheWindowPastFourLesweken()
    {
        Dossier.Hours(D(2027, 4, 22), 4).Hours(D(2027, 5, 3), 4).Hours(D(2027, 5, 10), 4).Hours(D(2027, 5, 28), 4);
        var tasks = TasksAt(At(D(2027, 5, 28), 11));
        None(tasks, TaskKind.SignaalverzuimMelding);
        Assert.Equal(12, Dossier.View.UnauthorisedHoursInWindow(SchoolCalendar.ForRegion(HolidayRegion.Midden), ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo).Unauthorised, D(2027, 5, 28)));
        // The per-year rung of 16 hours is the school's own schema, not the legal duty.
        var rung = Single(tasks.Where(t => !t.Anchor.Contains('/') && t.Detail == "16 uur"), TaskKind.LadderRung);
        Assert.Equal("2026-2027-16u", rung.Anchor);
    }

    [Fact] // domain.md §4: a study day (Wed 18 Nov 2026) does not stretch it either: 2-27 Nov are 4 lesweken with 19 school days.
    public void StudyDay_DoesNotStretchTheWindow()
    {
        var engine = new ProtocolEngine(ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo), SchoolCalendar.ForRegion(HolidayRegion.Midden, [D(2026, 11, 18)]));
        Dossier.Hours(D(2026, 10, 30), 4).Hours(D(2026, 11, 2), 4).Hours(D(2026, 11, 9), 4).Hours(D(2026, 11, 27), 4);
        Assert.DoesNotContain(engine.Evaluate(Dossier.View, At(D(2026, 11, 27), 11)), t => t.Kind == TaskKind.SignaalverzuimMelding);

        Dossier.Hours(D(2026, 11, 23), 4); // now 16 within the lesweken of 2, 9, 16 and 23 Nov
        var melding = Assert.Single(engine.Evaluate(Dossier.View, At(D(2026, 11, 27), 12)), t => t.Kind == TaskKind.SignaalverzuimMelding);
        Assert.StartsWith("16 uur binnen 4 lesweken", melding.Detail, StringComparison.Ordinal);
    }

    [Theory] // 004 Verzuimschema, row ≥16: no shipped profile calls the per-school-year melding "wettelijk verplicht".
    [InlineData(ProtocolProfiles.UtrechtWestVo)]
    [InlineData(ProtocolProfiles.VeluweZeeluwe)]
    [InlineData(ProtocolProfiles.MazlLandelijk)]
    public void SixteenHourRung_IsWordedAsTheSchoolsOwnSchema(string profile)
    {
        var rung = ProtocolProfiles.Load(profile).Unauthorised.Ladder.Single(r => r.Hours == 16);
        Assert.DoesNotContain(rung.Actions, a => a.Contains("wettelijk", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rung.Actions, a => a.Contains("volgens het verzuimschema", StringComparison.Ordinal));
    }

    [Fact] // domain.md §4: the 16th hour on Thu 17 Dec 2026; 5 working days after it is Thu 24 Dec (in the kerstvakantie), so the warning comes Fri 18 Dec, the last school day before.
    public void Deadline_FallsInTheKerstvakantie_WarnedOnTheLastSchoolDayBefore()
    {
        Dossier.Hours(D(2026, 11, 26), 4).Hours(D(2026, 12, 3), 4).Hours(D(2026, 12, 10), 4).Hours(D(2026, 12, 17), 4);
        var tasks = TasksAt(At(D(2026, 12, 17), 11));
        Assert.Equal(AtHalfNine(D(2026, 12, 17)), Single(tasks, TaskKind.SignaalverzuimMelding).DueAt);
        var warning = Single(tasks, TaskKind.SignaalverzuimDeadline);
        Assert.Equal((AtHalfNine(D(2026, 12, 18)), "uiterlijk 24-12-2026"), (warning.DueAt, warning.Detail));
        Assert.Equal(D(2026, 12, 24), ProtocolEngine.SignaalverzuimDeadline(SchoolCalendar.ForRegion(HolidayRegion.Midden), D(2026, 12, 17), 5));
    }

    [Fact] // domain.md §4: Mon 23 Nov 2026 is not day 1: the line is Mon 30 Nov; warned Fri 27 Nov (before the last day) and on Mon 30 Nov itself.
    public void Deadline_FiveWorkingDaysAfter_WarnedBeforeAndOnTheLastDay()
    {
        Dossier.Hours(D(2026, 11, 2), 4).Hours(D(2026, 11, 9), 4).Hours(D(2026, 11, 16), 4).Hours(D(2026, 11, 23), 4);
        var deadlines = TasksAt(At(D(2026, 11, 23), 11)).Where(t => t.Kind == TaskKind.SignaalverzuimDeadline).ToList();
        Assert.Equal(
            [(AtHalfNine(D(2026, 11, 27)), "2026-11-23", "uiterlijk 30-11-2026"), (AtHalfNine(D(2026, 11, 30)), "2026-11-23/laatste-dag", "uiterlijk 30-11-2026: vandaag de laatste dag")],
            deadlines.Select(t => (t.DueAt, t.Anchor, t.Detail!)));
    }
}
