using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// Issue 20 item 5: the leerplicht/DUO route and the thuiszitter judgement are for leerplichtigen and kwalificatieplichtigen
// (002 §1.1 "Leerplicht (5 tot 16 jaar)", §1.2 "Kwalificatieplicht (tot 18 jaar)"; 004's thuiszitter definition "5 tot 16 jaar
// ... of 16 of 17 jaar"); past them the profile sends it to the RMC contact or stops; a 5-year-old's hours at home are no verzuim.
public class LeerplichtAgeScenarioTests : ScenarioBase
{
    [Theory] // 002 §1.1: from the first school day of the month after the 5th birthday (14 Mar 2021 → 1 Apr 2026) to the end of the school year of the 16th.
    [InlineData(2021, 3, 14, 2026, 3, 31, LeerplichtPhase.NotYet)]
    [InlineData(2021, 3, 14, 2026, 4, 1, LeerplichtPhase.Leerplichtig)]
    [InlineData(2010, 9, 20, 2027, 7, 31, LeerplichtPhase.Leerplichtig)]         // 16 on 20 Sep 2026: leerplichtig to 31 Jul 2027
    [InlineData(2010, 9, 20, 2027, 8, 1, LeerplichtPhase.Kwalificatieplichtig)]  // 002 §1.2: then kwalificatieplicht
    [InlineData(2010, 9, 20, 2028, 9, 19, LeerplichtPhase.Kwalificatieplichtig)]
    [InlineData(2010, 9, 20, 2028, 9, 20, LeerplichtPhase.Past)]                 // "tot de dag dat de jongere 18 jaar wordt"
    public void Phase_FollowsTheBirthDate(int by, int bm, int bd, int y, int m, int d, LeerplichtPhase phase) =>
        Assert.Equal(phase, LeerplichtAge.PhaseOn(new StudentFacts(D(by, bm, bd), null), D(y, m, d)));

    [Fact] // 002 §1.2: a startkwalificatie (HAVO, VWO, MBO 2) ends the kwalificatieplicht; no birth date means unknown.
    public void Phase_StartkwalificatieEndsIt_UnknownWithoutBirthDate()
    {
        Assert.Equal(LeerplichtPhase.Past, LeerplichtAge.PhaseOn(new StudentFacts(D(2010, 9, 20), true), D(2027, 8, 1)));
        Assert.Equal(LeerplichtPhase.Unknown, LeerplichtAge.PhaseOn(StudentFacts.Unknown, D(2027, 8, 1)));
        Assert.True(LeerplichtAge.RouteApplies(LeerplichtPhase.Unknown));
    }

    [Fact] // Born 3 Sep 2008, 18 on 3 Sep 2026: 16 hours in 4 lesweken in Nov 2026 go to the RMC contact (utrecht-west-vo: "rmc"), no DUO ladder.
    public void EighteenPlus_SixteenHours_GoToTheRmc_NoLadder()
    {
        Dossier.Hours(D(2026, 11, 2), 4).Hours(D(2026, 11, 9), 4).Hours(D(2026, 11, 16), 4).Hours(D(2026, 11, 23), 4);
        var tasks = Engine().Evaluate(Dossier.View.WithFacts(new StudentFacts(D(2008, 9, 3), false)), At(D(2026, 11, 23), 11));
        None(tasks, TaskKind.SignaalverzuimMelding);
        None(tasks, TaskKind.LadderRung);
        var rmc = Single(tasks, TaskKind.RmcMelding, Role.Verzuimcoordinator);
        Assert.Equal(("SignaalverzuimMelding/2026-11-23", AtHalfNine(D(2026, 11, 23))), (rmc.Anchor, rmc.DueAt));
        Assert.StartsWith("16 uur binnen 4 lesweken", rmc.Detail, StringComparison.Ordinal);
    }

    [Fact] // 004 Werkwijzer: leerplicht judges "thuiszitter volgens de definitie?" only within the definition (5-16, or 16-17 kwalificatieplichtig).
    public void FourWeeksAway_EighteenPlus_NoJudgement_SeventeenYearOldStillJudged()
    {
        Dossier.Ziek(D(2026, 11, 2));
        var adult = Engine().Evaluate(Dossier.View.WithFacts(new StudentFacts(D(2008, 9, 3), false)), At(D(2026, 11, 2), 9));
        None(adult, TaskKind.LeerplichtJudgement);
        None(adult, TaskKind.RmcMelding); // an adult's illness stays on the MAZL route: nothing goes to the RMC

        var seventeen = Engine().Evaluate(Dossier.View.WithFacts(new StudentFacts(D(2009, 6, 1), false)), At(D(2026, 11, 2), 9));
        Assert.Equal(AtHalfNine(D(2026, 11, 30)), Single(seventeen, TaskKind.LeerplichtJudgement).DueAt);

        // Unknown age: the route behaves as before.
        Single(TasksAt(At(D(2026, 11, 2), 9)), TaskKind.LeerplichtJudgement);
    }

    [Fact] // Issue 20, profile "rmc": an 18-year-old away without leave from Mon 2 Nov 2026: after four weeks (Mon 30 Nov) the RMC contact, not leerplicht.
    public void FourWeeksAwayWithoutLeave_EighteenPlus_GoesToTheRmc()
    {
        Dossier.Afwezig(D(2026, 11, 2));
        var tasks = Engine().Evaluate(Dossier.View.WithFacts(new StudentFacts(D(2008, 9, 3), false)), At(D(2026, 11, 2), 10));
        None(tasks, TaskKind.LeerplichtJudgement);
        Assert.Contains(tasks, t => t.Kind == TaskKind.RmcMelding && t.Anchor.StartsWith("LeerplichtJudgement/", StringComparison.Ordinal) && t.DueAt == AtHalfNine(D(2026, 11, 30)));
    }

    [Fact] // Profile "naLeerplicht": "stopt" (po-vo-verzuimschema): past leerplicht nothing goes to leerplicht or an RMC.
    public void EighteenPlus_ProfileStopt_NothingGoesOut()
    {
        Dossier.Hours(D(2026, 11, 2), 8).Hours(D(2026, 11, 9), 8);
        var tasks = Engine(ProtocolProfiles.PoVoVerzuimschema).Evaluate(Dossier.View.WithFacts(new StudentFacts(D(2008, 9, 3), null)), At(D(2026, 11, 9), 11));
        Assert.DoesNotContain(tasks, t => t.Kind is TaskKind.SignaalverzuimMelding or TaskKind.RmcMelding or TaskKind.LadderRung);
    }

    [Fact] // 002 §1.1 footnote 4: a 5-year-old (born 10 Oct 2021, leerplichtig from 1 Nov 2026) kept home 5 hours a week is no verzuim; the 6th hour is.
    public void FiveYearOld_FiveHoursAWeekAtHome_AreNoVerzuim()
    {
        var rules = ProtocolProfiles.Load(ProtocolProfiles.PoVoVerzuimschema).Unauthorised;
        var calendar = SchoolCalendar.ForRegion(HolidayRegion.Midden);
        Dossier.Hours(D(2026, 11, 2), 3).Hours(D(2026, 11, 4), 2).Hours(D(2026, 11, 9), 5).Hours(D(2026, 11, 16), 5).Hours(D(2026, 11, 23), 6);
        var five = Dossier.View.WithFacts(new StudentFacts(D(2021, 10, 10), null));
        Assert.Equal([(D(2026, 11, 23), 1)], AwaySpells.UnauthorisedHoursPerDay(five, calendar, rules, D(2026, 11, 1), D(2026, 11, 30)));

        // The same hours of a 6-year-old are 21 hours in 4 lesweken: signaalverzuim straight to leerplicht (PO).
        var six = Dossier.View.WithFacts(new StudentFacts(D(2020, 10, 10), null));
        Assert.Single(Engine(ProtocolProfiles.PoVoVerzuimschema).Evaluate(six, At(D(2026, 11, 23), 11)), t => t.Kind == TaskKind.SignaalverzuimMelding);
        Assert.DoesNotContain(Engine(ProtocolProfiles.PoVoVerzuimschema).Evaluate(five, At(D(2026, 11, 23), 11)), t => t.Kind == TaskKind.SignaalverzuimMelding);
    }

    [Fact] // 002 §1.1 footnote 4: "in overleg met de schooldirecteur ... maximaal 10 uur per week": from the day the directeur agreed, 5 more.
    public void FiveYearOld_DirecteurAgreedExtraHours_TenHoursAWeek()
    {
        var rules = ProtocolProfiles.Load(ProtocolProfiles.PoVoVerzuimschema).Unauthorised;
        var calendar = SchoolCalendar.ForRegion(HolidayRegion.Midden);
        Dossier.Hours(D(2026, 11, 2), 10).Hours(D(2026, 11, 9), 10);
        Dossier.Do(new FiveYearOldExtraHoursAgreed(Dossier.NextId(), At(D(2026, 11, 6), 12), new Actor(new StaffId("vc"), Role.Verzuimcoordinator), D(2026, 11, 9)));
        var five = Dossier.View.WithFacts(new StudentFacts(D(2021, 10, 10), null));
        Assert.Equal([(D(2026, 11, 2), 5)], AwaySpells.UnauthorisedHoursPerDay(five, calendar, rules, D(2026, 11, 1), D(2026, 11, 30)));
    }

    [Fact] // 002 §1.1 voetnoot 4: a 5-year-old's hours at home within the week's allowance are no verzuim, so a full day of them is no day away.
    public void FiveYearOld_FullDayWithinTheWeeksAllowance_IsNoDayAway()
    {
        // po-vo-verzuimschema: 5 lesuren a day, 5 hours a week allowed. Born 10 Oct 2021, five in the week of Mon 30 Nov 2026.
        var rules = ProtocolProfiles.Load(ProtocolProfiles.PoVoVerzuimschema).Unauthorised;
        var calendar = SchoolCalendar.ForRegion(HolidayRegion.Midden);
        Dossier.Hours(D(2026, 11, 30), 5); // kept home all Monday: the whole allowance of the week
        Dossier.Ziek(D(2026, 12, 1));
        Dossier.Beter(D(2026, 12, 3));
        var five = Dossier.View.WithFacts(new StudentFacts(D(2021, 10, 10), null));

        // The Monday neither starts a run nor makes the sick days that follow ongeoorloofd.
        Assert.Null(AwaySpells.Current(five, calendar, rules, D(2026, 11, 30)));
        var sick = AwaySpells.Current(five, calendar, rules, D(2026, 12, 1))!;
        Assert.Equal((D(2026, 12, 1), true, false), (sick.FirstDay, sick.Sick, sick.Unauthorised));

        // Next week the allowance goes to Monday's hours; Tuesday's full day is left over, so it stays a day away without leave.
        Dossier.Hours(D(2026, 12, 7), 5).Hours(D(2026, 12, 8), 5);
        five = Dossier.View.WithFacts(new StudentFacts(D(2021, 10, 10), null));
        Assert.Null(AwaySpells.Current(five, calendar, rules, D(2026, 12, 7)));
        var away = AwaySpells.Current(five, calendar, rules, D(2026, 12, 8))!;
        Assert.Equal((D(2026, 12, 8), false, true), (away.FirstDay, away.Sick, away.Unauthorised));
    }

    [Fact] // 002 §1.1 voetnoot 4: the allowance is per week and goes to its earliest hours, so a window from Wed 2 Dec 2026 gets only what Monday left of it.
    public void FiveYearOld_WindowFromMidWeek_GetsWhatIsLeftOfTheWeeksAllowance()
    {
        var rules = ProtocolProfiles.Load(ProtocolProfiles.PoVoVerzuimschema).Unauthorised;
        var calendar = SchoolCalendar.ForRegion(HolidayRegion.Midden);
        Dossier.Hours(D(2026, 11, 30), 3).Hours(D(2026, 12, 2), 4).Hours(D(2026, 12, 3), 1);
        var five = Dossier.View.WithFacts(new StudentFacts(D(2021, 10, 10), null));

        // Monday takes 3 of the 5 hours, Wednesday the last 2: 2 hours on Wednesday and Thursday's hour count, whatever the window.
        Assert.Equal([(D(2026, 12, 2), 2), (D(2026, 12, 3), 1)], AwaySpells.UnauthorisedHoursPerDay(five, calendar, rules, D(2026, 11, 30), D(2026, 12, 4)));
        Assert.Equal([(D(2026, 12, 2), 2), (D(2026, 12, 3), 1)], AwaySpells.UnauthorisedHoursPerDay(five, calendar, rules, D(2026, 12, 2), D(2026, 12, 4)));
    }

    [Fact] // Issue 20: the cards say where the student stands, and that the age is unknown without a birth date.
    public void Status_InDutch()
    {
        Assert.Equal("leerplichtig tot en met 31-07-2027", LeerplichtTexts.Status(new StudentFacts(D(2010, 9, 20), null), D(2026, 11, 2)));
        Assert.Equal("kwalificatieplichtig (geen startkwalificatie) tot 20-09-2028", LeerplichtTexts.Status(new StudentFacts(D(2010, 9, 20), false), D(2027, 9, 1)));
        Assert.StartsWith("leeftijd onbekend", LeerplichtTexts.Status(StudentFacts.Unknown, D(2026, 11, 2)), StringComparison.Ordinal);
    }

    [Fact] // 002 §1.1: leerplicht begins on the first school day of the month after the fifth birthday. Born 20 Sep 2021: from Thu 1 Oct 2026.
           // 4 uur on each of Mon 7 - Thu 10 Sep 2026, while she was four, are no verzuim; on 1 Oct they do not suddenly count (po-vo-verzuimschema).
    public void HoursBeforeLeerplichtBegan_NeverCount()
    {
        for (var day = D(2026, 9, 7); day <= D(2026, 9, 10); day = day.AddDays(1))
        {
            Dossier.Hours(day, 4);
        }

        Dossier.Hours(D(2026, 10, 1), 6);
        var profile = ProtocolProfiles.Load(ProtocolProfiles.PoVoVerzuimschema);
        var view = DossierView.From(Student, Dossier.Events, new StudentFacts(D(2021, 9, 20), null));
        var tasks = Engine(ProtocolProfiles.PoVoVerzuimschema).Evaluate(view, At(D(2026, 10, 1), 11));

        // 6 uur on 1 Oct, less the five-year-old's 5 hours at home that week (002 §1.1 footnote 4): 1 uur.
        Assert.Equal(1, view.UnauthorisedHoursInSchoolYear(SchoolCalendar.ForRegion(HolidayRegion.Midden), profile.Unauthorised, D(2026, 10, 1)));
        None(tasks, TaskKind.SignaalverzuimMelding);
        None(tasks, TaskKind.LadderRung);
    }
}
