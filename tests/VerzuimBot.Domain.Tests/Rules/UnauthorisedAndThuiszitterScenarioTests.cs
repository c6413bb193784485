using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// Seed 004 "Verzuimschema PO en VO-scholen" and "Werkwijzer", 002 §2.2, §3 and Bijlage 2; domain.md §4-§6.
public class UnauthorisedAndThuiszitterScenarioTests : ScenarioBase
{
    private static readonly Actor Coordinator = new(new StaffId("vc"), Role.Verzuimcoordinator);

    [Fact] // 004 Verzuimschema VO: 8 hours reach the 3 and 6 rungs, not the 9-hour DUO melding.
    public void Ladder_EightHours_RungsThreeAndSixOnly()
    {
        Dossier.Hours(D(2026, 9, 7), 4).Hours(D(2026, 9, 14), 4);
        var rungs = TasksAt(At(D(2026, 9, 14), 11)).Where(t => t.Kind == TaskKind.LadderRung && !t.Anchor.Contains('/')).Select(t => t.Detail).ToList();
        Assert.Equal(["3 uur", "6 uur"], rungs);
    }

    [Fact] // 004 Verzuimschema VO: the 9th hour → DUO melding (1e) card to the verzuimcoördinator.
    public void Ladder_NineHours_DuoMeldingRung()
    {
        Dossier.Hours(D(2026, 9, 7), 4).Hours(D(2026, 9, 14), 5);
        var rung = Assert.Single(TasksAt(At(D(2026, 9, 14), 11)), t => t.Kind == TaskKind.LadderRung && t.Detail == "9 uur");
        Assert.Equal(Role.Verzuimcoordinator, rung.Assignee);
        Assert.Equal(AtHalfNine(D(2026, 9, 14)), rung.DueAt);
    }

    [Fact] // 004: a rung not ticked off is reminded on the next school day; ticking every action ends it.
    public void Ladder_RungNotTickedOff_RemindedNextSchoolDay_UntilAllActionsDone()
    {
        Dossier.Hours(D(2026, 10, 14), 3);
        var now = At(D(2026, 10, 16), 12);
        var reminder = TasksAt(now).Where(t => t.Kind == TaskKind.LadderRung && t.Anchor.Contains('/') && t.DueAt > now).MinBy(t => t.DueAt)!;
        Assert.Equal(AtHalfNine(D(2026, 10, 26)), reminder.DueAt); // Friday → after herfstvakantie midden

        var rung = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo).Unauthorised.Ladder[0];
        foreach (var action in rung.Actions)
        {
            Dossier.Do(new LadderActionCompleted(Dossier.NextId(), At(D(2026, 10, 16), 13), Coordinator, 3, action, null));
        }

        None(TasksAt(At(D(2026, 10, 16), 14)), TaskKind.LadderRung);
    }

    [Fact] // 004 Verzuimschema, last column: once the school's 9-hour melding is ticked with its reference, leerplicht records uitnodiging and waarschuwing.
    public void Ladder_AfterTheSchoolsMelding_LeerplichtRecordsItsInterventions()
    {
        Dossier.Hours(D(2026, 11, 2), 4).Hours(D(2026, 11, 3), 5);
        None(TasksAt(At(D(2026, 11, 3), 11)), TaskKind.LeerplichtInterventie); // not before the melding

        Dossier.Do(new LadderActionCompleted(Dossier.NextId(), At(D(2026, 11, 4), 10), Coordinator, 9, "Melding DUO-verzuimloket (1e melding) met referentienummer", "DUO-1"));
        var task = Single(TasksAt(At(D(2026, 11, 4), 11)), TaskKind.LeerplichtInterventie);
        Assert.Equal((Role.Leerplichtambtenaar, At(D(2026, 11, 4), 10), "2026-2027-9u", "9 uur"), (task.Assignee, task.DueAt, task.Anchor, task.Detail));

        var leerplicht = new Actor(new StaffId("lp"), Role.Leerplichtambtenaar);
        Dossier.Do(new LadderActionCompleted(Dossier.NextId(), At(D(2026, 11, 9), 10), leerplicht, 9, "Uitnodiging voor een gesprek", null));
        Single(TasksAt(At(D(2026, 11, 9), 11)), TaskKind.LeerplichtInterventie);
        Dossier.Do(new LadderActionCompleted(Dossier.NextId(), At(D(2026, 11, 16), 10), leerplicht, 9, "Officiële waarschuwing", null));
        None(TasksAt(At(D(2026, 11, 16), 11)), TaskKind.LeerplichtInterventie);
    }

    [Fact] // 004 Verzuimschema, PO column: the first melding from a PO school reaches leerplicht directly, who investigates.
    public void Ladder_Po_SixteenHourMelding_LeerplichtInvestigates()
    {
        Dossier.Hours(D(2026, 9, 7), 8).Hours(D(2026, 10, 5), 8);
        Dossier.Do(new LadderActionCompleted(Dossier.NextId(), At(D(2026, 10, 5), 12), Coordinator, 16, "Verzuim voor het eerst rechtstreeks gemeld bij de leerplichtambtenaar van de woongemeente, met kenmerk", "LP-7"));
        var task = Single(TasksAt(At(D(2026, 10, 5), 13), ProtocolProfiles.PoVoVerzuimschema), TaskKind.LeerplichtInterventie);
        Assert.Equal(["Onderzoek naar het verzuim (eerste melding uit het PO)"], ProtocolProfiles.Load(ProtocolProfiles.PoVoVerzuimschema).Unauthorised.Ladder.Single(r => r.Hours == 16).LeerplichtActions);
        Assert.Equal("2026-2027-16u", task.Anchor);
    }

    [Fact] // 004: the reminder scheduled when the hours were logged is still due when its school day comes, so it is sent.
    public void Ladder_ReminderScheduledAtLogging_IsStillProducedOnItsDay_AndEachSchoolDayAfter()
    {
        Dossier.Hours(D(2026, 10, 14), 3);
        var atLogging = TasksAt(At(D(2026, 10, 14), 11)).Where(t => t.Kind == TaskKind.LadderRung && t.Anchor.Contains('/')).Select(t => t.DueAt).ToList();
        // Thu 15, Fri 16 Oct, then Mon 26 Oct after herfstvakantie midden: a school week ahead, school days only.
        Assert.Equal([AtHalfNine(D(2026, 10, 15)), AtHalfNine(D(2026, 10, 16)), AtHalfNine(D(2026, 10, 26)), AtHalfNine(D(2026, 10, 27)), AtHalfNine(D(2026, 10, 28))], atLogging);

        var thursday = TasksAt(AtHalfNine(D(2026, 10, 15))).Single(t => t.Kind == TaskKind.LadderRung && t.DueAt == AtHalfNine(D(2026, 10, 15)));
        Assert.Equal("2026-2027-3u/2026-10-15", thursday.Anchor);
        Assert.Equal("3 uur, nog open", thursday.Detail);
    }

    [Fact] // 004 Verzuimschema, PO column at ≥16: the school reports the verzuim for the first time directly to leerplicht.
    public void Ladder_Po_SixteenHoursInTheSchoolYear_RungReportDirectlyToLeerplicht()
    {
        Dossier.Hours(D(2026, 9, 7), 5).Hours(D(2026, 10, 5), 5).Hours(D(2026, 11, 9), 5);
        Assert.DoesNotContain(TasksAt(At(D(2026, 11, 9), 11), ProtocolProfiles.PoVoVerzuimschema), t => t.Kind == TaskKind.LadderRung);
        Dossier.Hours(D(2026, 11, 10), 1);
        var rung = Single(TasksAt(At(D(2026, 11, 10), 11), ProtocolProfiles.PoVoVerzuimschema).Where(t => !t.Anchor.Contains('/')), TaskKind.LadderRung);
        Assert.Equal("16 uur", rung.Detail);
        Assert.Contains("rechtstreeks", ProtocolProfiles.Load(ProtocolProfiles.PoVoVerzuimschema).Unauthorised.Ladder.Single().Actions[0], StringComparison.Ordinal);
    }

    [Fact] // 004: 15 hours in a school year do not reach the ≥16 rung; 16 do.
    public void Ladder_FifteenVersusSixteenHours()
    {
        Dossier.Hours(D(2026, 9, 7), 5).Hours(D(2026, 10, 5), 5).Hours(D(2026, 11, 9), 5);
        Assert.DoesNotContain(TasksAt(At(D(2026, 11, 9), 11)), t => t.Detail == "16 uur");
        Dossier.Hours(D(2026, 11, 10), 1);
        Assert.Contains(TasksAt(At(D(2026, 11, 10), 11)), t => t.Kind == TaskKind.LadderRung && t.Detail == "16 uur");
    }

    [Fact] // 002 §3 signaalverzuim: 16 hours within 4 lesweken → melding; domain.md §4: 5 working days after Mon 23 Nov is Mon 30 Nov, warned on Fri 27 Nov and on the day.
    public void Signaal_SixteenHoursWithinFourSchoolWeeks_Melding()
    {
        Dossier.Hours(D(2026, 11, 2), 4).Hours(D(2026, 11, 9), 4).Hours(D(2026, 11, 16), 4).Hours(D(2026, 11, 23), 4);
        var tasks = TasksAt(At(D(2026, 11, 23), 11));
        var melding = Single(tasks, TaskKind.SignaalverzuimMelding);
        Assert.Equal(AtHalfNine(D(2026, 11, 23)), melding.DueAt);
        Assert.Contains("DUO-verzuimloket", melding.Detail);
        Assert.Equal([AtHalfNine(D(2026, 11, 27)), AtHalfNine(D(2026, 11, 30))], tasks.Where(t => t.Kind == TaskKind.SignaalverzuimDeadline).Select(t => t.DueAt));
    }

    [Fact] // domain.md §4: holidays do not count in the 4-school-week window (herfstvakantie midden inside it).
    public void Signaal_WindowSpanningHerfstvakantie_StillFourSchoolWeeks()
    {
        Dossier.Hours(D(2026, 10, 5), 4).Hours(D(2026, 10, 12), 4).Hours(D(2026, 10, 26), 4).Hours(D(2026, 11, 2), 4);
        Single(TasksAt(At(D(2026, 11, 2), 11)), TaskKind.SignaalverzuimMelding);
    }

    [Fact] // 002 §3: the same 16 hours spread over 5 school weeks are no signaalverzuim; the warning comes first.
    public void Signaal_SixteenHoursSpreadOverFiveSchoolWeeks_OnlyWarning()
    {
        Dossier.Hours(D(2026, 11, 2), 4).Hours(D(2026, 11, 9), 4).Hours(D(2026, 11, 16), 4).Hours(D(2026, 12, 1), 4);
        var tasks = TasksAt(At(D(2026, 12, 1), 11));
        None(tasks, TaskKind.SignaalverzuimMelding);
        var warning = Single(tasks, TaskKind.SignaalverzuimWarning);
        // Reached on 16 Nov, the 11th school day since the first hour on 2 Nov: 9 school days left in the window.
        Assert.Equal("12 van 16 uur, nog 9 schooldagen in dit venster", warning.Detail);
    }

    [Fact] // 002 §3: 16 times late within 4 school weeks is signaalverzuim too.
    public void Signaal_SixteenTimesLate_Melding()
    {
        var day = D(2026, 11, 2);
        var calendar = SchoolCalendar.ForRegion(HolidayRegion.Midden);
        for (var i = 0; i < 16; i++, day = calendar.AddSchoolDays(day, 1))
        {
            Dossier.Late(day);
        }

        Assert.Contains("16 keer te laat", Single(TasksAt(At(D(2026, 11, 24), 11)), TaskKind.SignaalverzuimMelding).Detail);
    }

    [Fact] // domain.md §4: after a melding a new window starts.
    public void Signaal_AfterMelding_NewWindowStarts()
    {
        Dossier.Hours(D(2026, 11, 2), 8).Hours(D(2026, 11, 9), 8);
        Dossier.Do(new SignaalverzuimReported(Dossier.NextId(), At(D(2026, 11, 10), 9), Coordinator, D(2026, 11, 10), "DUO-1"));
        Dossier.Hours(D(2026, 11, 11), 4);
        None(TasksAt(At(D(2026, 11, 11), 11)), TaskKind.SignaalverzuimMelding);
    }

    [Fact] // 004 PO column: no VO ladder; 16 hours in 4 weeks go straight to the leerplichtambtenaar.
    public void PoVersusVo_NineHours_OnlyVoHasARung_SixteenInFourWeeks_PoReportsDirectly()
    {
        Dossier.Hours(D(2026, 11, 2), 9);
        Assert.Empty(TasksAt(At(D(2026, 11, 2), 11), ProtocolProfiles.PoVoVerzuimschema));
        Assert.Contains(TasksAt(At(D(2026, 11, 2), 11)), t => t.Detail == "9 uur");

        Dossier.Hours(D(2026, 11, 9), 7);
        var melding = Single(TasksAt(At(D(2026, 11, 9), 11), ProtocolProfiles.PoVoVerzuimschema), TaskKind.SignaalverzuimMelding);
        Assert.Contains("rechtstreeks bij leerplicht", melding.Detail);
    }

    [Fact] // 002 §3: luxeverzuim, one day or more → melding.
    public void Luxeverzuim_OneDay_Melding_UntilRecorded()
    {
        var luxe = new LuxeverzuimRecorded(Dossier.NextId(), At(D(2027, 2, 12), 9), Coordinator, D(2027, 2, 12), D(2027, 2, 12));
        Dossier.Do(luxe);
        Assert.Equal("luxeverzuim", Single(TasksAt(luxe.RecordedAt), TaskKind.MeldingLeerplicht).Detail);
        Dossier.Do(new LeerplichtMeldingRecorded(Dossier.NextId(), At(D(2027, 2, 12), 10), Coordinator, LeerplichtMeldingReason.Luxeverzuim, "DUO-9"));
        None(TasksAt(At(D(2027, 2, 12), 11)), TaskKind.MeldingLeerplicht);
    }

    [Fact] // 004 Werkwijzer: after 4 weeks (20 school days) away, leerplicht judges "thuiszitter volgens de definitie?"
    public void FourWeeks_LeerplichtJudgementDue()
    {
        Dossier.Ziek(D(2026, 11, 2));
        var task = Single(TasksAt(At(D(2026, 11, 2), 9)), TaskKind.LeerplichtJudgement);
        Assert.Equal(Role.Leerplichtambtenaar, task.Assignee);
        Assert.Equal(AtHalfNine(D(2026, 11, 30)), task.DueAt);
    }

    [Fact] // 004 Werkwijzer: "ja" opens the case with its checklist; the judgement task is gone.
    public void FourWeeks_LeerplichtJa_OpensCaseWithChecklist()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Do(new LeerplichtJudgementRecorded(Dossier.NextId(), At(D(2026, 11, 30), 10), new Actor(new StaffId("lp"), Role.Leerplichtambtenaar), true, null));
        var rules = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo).Thuiszitter;
        var open = Dossier.View.OpenThuiszitterCase(rules)!;
        Assert.Equal(rules.SchoolChecklist.Count + rules.LeerplichtChecklist.Count, open.OpenItems.Count);
        var tasks = TasksAt(At(D(2026, 11, 30), 11));
        None(tasks, TaskKind.LeerplichtJudgement);
        Assert.Equal(AtHalfNine(D(2026, 12, 14)), Single(tasks, TaskKind.ThuiszitterChecklist, Role.Zorgcoordinator).DueAt);
    }

    [Theory] // 002 §2.2: geoorloofd tot 4 weken geel (type 4), 4 weken-3 maanden oranje (5), daarna rood (6).
    [InlineData(2026, 11, 27, 4, ThuiszitterCode.Geel)]
    [InlineData(2026, 11, 30, 5, ThuiszitterCode.Oranje)]
    [InlineData(2027, 2, 5, 5, ThuiszitterCode.Oranje)]
    [InlineData(2027, 2, 8, 6, ThuiszitterCode.Rood)]
    public void ThuiszitterCode_MovesByItselfAsTimePasses(int y, int m, int d, int type, ThuiszitterCode code)
    {
        Dossier.Ziek(D(2026, 11, 2));
        var profile = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo);
        Assert.Equal((type, code), Dossier.View.ThuiszitterStatus(SchoolCalendar.ForRegion(HolidayRegion.Midden), profile, D(y, m, d)));
    }

    [Fact] // 002 §2.2 types 1/2: a granted vrijstelling.
    public void ThuiszitterType_VrijstellingOnbepaaldeTijd_IsType2()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Do(new VrijstellingStepRecorded(Dossier.NextId(), At(D(2026, 12, 1), 9), new Actor(new StaffId("lp"), Role.Leerplichtambtenaar), VrijstellingStep.VrijstellingVerleend, true));
        var profile = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo);
        Assert.Equal(2, Dossier.View.ThuiszitterStatus(SchoolCalendar.ForRegion(HolidayRegion.Midden), profile, D(2026, 12, 2))!.Value.Type);
    }

    [Fact] // domain.md §6: an agreed overleg action is reminded on its due day and marked late the school day after.
    public void OverlegAction_RemindedWhenDue_AndWhenLate_UntilCompleted()
    {
        var owner = new Actor(new StaffId("z"), Role.Zorgcoordinator);
        Dossier.Do(new OverlegActionAgreed(Dossier.NextId(), At(D(2026, 12, 1), 15), owner, "act-1", "Plan van aanpak opstellen", Role.Zorgcoordinator, D(2026, 12, 11)));
        var tasks = TasksAt(At(D(2026, 12, 1), 16));
        Assert.Equal(AtHalfNine(D(2026, 12, 11)), Single(tasks, TaskKind.OverlegActionDue).DueAt);
        Assert.Equal(AtHalfNine(D(2026, 12, 14)), Single(tasks, TaskKind.OverlegActionLate).DueAt);

        Dossier.Do(new OverlegActionCompleted(Dossier.NextId(), At(D(2026, 12, 10), 9), owner, "act-1"));
        Assert.Empty(TasksAt(At(D(2026, 12, 10), 10)));
    }

    [Fact] // 002 Bijlage 2: doorzettingsmacht, access within 10 werkdagen (Christmas and New Year are no working days).
    public void Doorzettingsmacht_TenWorkingDays()
    {
        Dossier.Doorzettingsmacht(D(2026, 12, 18));
        var tasks = TasksAt(At(D(2026, 12, 18), 11));
        Assert.Equal(AtHalfNine(D(2026, 12, 31)), Single(tasks, TaskKind.DoorzettingsmachtReminder).DueAt);
        var overdue = Single(tasks, TaskKind.DoorzettingsmachtOverdue);
        Assert.Equal(AtHalfNine(D(2027, 1, 6)), overdue.DueAt);
        Assert.Equal("termijn verlopen op 05-01-2027", overdue.Detail);
        Assert.Equal(Role.Swv, overdue.Assignee);

        Dossier.Do(new DoorzettingsmachtResolved(Dossier.NextId(), At(D(2027, 1, 4), 9), new Actor(new StaffId("swv"), Role.Swv), D(2027, 1, 4)));
        Assert.Empty(TasksAt(At(D(2027, 1, 4), 10)));
    }
}
