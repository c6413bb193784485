using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// Seed 002, Bijlage 1 "Stappenplan" (M@ZL), profile utrecht-west-vo, holiday region midden, 2026-2027.
public class SickRouteScenarioTests : ScenarioBase
{
    [Fact] // 002 Bijlage 1, stap 1: the mentor is told at once.
    public void Stap1_Ziekmelding_MentorIsToldAtOnce()
    {
        var z = Dossier.Ziek(D(2026, 11, 2), At(D(2026, 11, 2), 7, 50));
        var task = Single(TasksAt(z.RecordedAt), TaskKind.MentorNotification);
        Assert.Equal(Role.Mentor, task.Assignee);
        Assert.Equal(z.RecordedAt, task.DueAt);
    }

    [Fact] // 002 Bijlage 1, stap 2 + domain.md §2: reminders fall on school days, never in a holiday.
    public void Stap2_ZiekOnFridayBeforeHerfstvakantieMidden_ReminderOnThirdSchoolDayAfterTheHoliday()
    {
        Dossier.Ziek(D(2026, 10, 16));
        var task = Single(TasksAt(At(D(2026, 10, 16), 9)), TaskKind.MentorContactReminder);
        // Friday 16 Oct is day 1, Monday 26 Oct day 2 (17-25 Oct herfstvakantie midden), Tuesday 27 Oct day 3.
        Assert.Equal(AtHalfNine(D(2026, 10, 27)), task.DueAt);
        Assert.Equal(TimeSpan.FromHours(1), task.DueAt.Offset);
    }

    [Fact] // stap 2: "niet bereikt" → asked again the next school day.
    public void Stap2_NietBereikt_AskedAgainNextSchoolDay()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.MentorAnswer(D(2026, 11, 4), reached: false);
        var task = Single(TasksAt(At(D(2026, 11, 4), 13)), TaskKind.MentorContactReminder);
        Assert.Equal(AtHalfNine(D(2026, 11, 5)), task.DueAt);
    }

    [Fact] // stap 2: niet bereikt on a Friday before a holiday → next school day after it.
    public void Stap2_NietBereiktOnFridayBeforeKerst_AskedAgainOnFirstSchoolDayOfJanuary()
    {
        Dossier.Ziek(D(2026, 12, 16));
        Dossier.MentorAnswer(D(2026, 12, 18), reached: false);
        var task = Single(TasksAt(At(D(2026, 12, 18), 13)), TaskKind.MentorContactReminder);
        Assert.Equal(AtHalfNine(D(2027, 1, 4)), task.DueAt);
    }

    [Fact] // stap 2: contact gehad → no more reminders and no escalation.
    public void Stap2_ContactGehad_NoMoreReminders()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.MentorAnswer(D(2026, 11, 4), reached: true);
        var tasks = TasksAt(At(D(2026, 11, 4), 13));
        None(tasks, TaskKind.MentorContactReminder);
        None(tasks, TaskKind.MentorNoAnswerEscalation);
    }

    [Fact] // stap 2: no answer by the end of the first week (5 school days) → zorgcoördinator.
    public void Stap2_NoMentorAnswerAfterFirstWeek_ZorgcoordinatorIsTold()
    {
        Dossier.Ziek(D(2026, 11, 2));
        var task = Single(TasksAt(At(D(2026, 11, 2), 9)), TaskKind.MentorNoAnswerEscalation);
        Assert.Equal(Role.Zorgcoordinator, task.Assignee);
        Assert.Equal(AtHalfNine(D(2026, 11, 9)), task.DueAt);
    }

    [Fact] // 002 Bijlage 1: a beter-melding ends the period and cancels what no longer applies.
    public void BeterMelding_CancelsOpenReminders()
    {
        Dossier.Ziek(D(2026, 11, 2));
        var before = TasksAt(At(D(2026, 11, 2), 9));
        Assert.Contains(before, t => t.Kind == TaskKind.MentorContactReminder);

        Dossier.Beter(D(2026, 11, 4), At(D(2026, 11, 3), 18));
        var after = TasksAt(At(D(2026, 11, 3), 18));
        var cancelled = ProtocolEngine.Cancelled(before.Select(t => t.Id), after);
        Assert.Contains(before.Single(t => t.Kind == TaskKind.MentorContactReminder).Id, cancelled);
        Assert.Contains(before.Single(t => t.Kind == TaskKind.MentorNoAnswerEscalation).Id, cancelled);
        Assert.Empty(after);
    }

    [Fact] // Deterministic: the same dossier gives the same task ids, so nothing is sent twice.
    public void Evaluate_Twice_GivesTheSameIds()
    {
        Dossier.Ziek(D(2026, 11, 2));
        var now = At(D(2026, 11, 3), 12);
        Assert.Equal(TasksAt(now).Select(t => t.Id), TasksAt(now).Select(t => t.Id));
    }

    [Fact] // stap 3 ("meer dan vijf dagen"): 5 consecutive sick days are not zorgwekkend.
    public void Stap3_FiveConsecutiveDays_NotZorgwekkend()
    {
        Dossier.SickPeriod(D(2026, 11, 2), backOn: D(2026, 11, 9));
        None(TasksAt(At(D(2026, 11, 9), 12)), TaskKind.ZorgwekkendVerzuim);
    }

    [Fact] // stap 3: the 6th consecutive sick day is zorgwekkend; card to zorgcoördinator and mentor.
    public void Stap3_SixConsecutiveDays_Zorgwekkend()
    {
        Dossier.SickPeriod(D(2026, 11, 2), backOn: D(2026, 11, 10));
        var tasks = TasksAt(At(D(2026, 11, 10), 12));
        Assert.Equal(AtHalfNine(D(2026, 11, 9)), Single(tasks, TaskKind.ZorgwekkendVerzuim, Role.Zorgcoordinator).DueAt);
        Single(tasks, TaskKind.ZorgwekkendVerzuim, Role.Mentor);
    }

    [Fact] // stap 2 → 3 (002 Bijlage 1: "zo nodig … als blijkt dat er complexere problematiek speelt"): the mentor reached the parents on Wed 4 Nov and has zorgen; the gesprek card goes out that day, not on the 6th school day.
    public void Stap2_MentorHasZorgen_GesprekAtOnce_NotWaitingForTheDayCount()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Do(new MentorContactRecorded(Dossier.NextId(), At(D(2026, 11, 4), 11), new Actor(new StaffId("staff-mentor"), Role.Mentor), true, D(2026, 11, 4), ContactChannel.Telefoon, "Moeder klinkt bezorgd", null, Concerns: true));
        var task = Single(TasksAt(At(D(2026, 11, 4), 11, 5)), TaskKind.ZorgwekkendVerzuim, Role.Zorgcoordinator);
        Assert.Equal((AtHalfNine(D(2026, 11, 4)), "zorgen van de mentor"), (task.DueAt, task.Detail));

        // Without zorgen the same contact leaves stap 3 to the profile's count: the 6th school day, Mon 9 Nov.
        var calm = new DossierBuilder();
        calm.Ziek(D(2026, 11, 2));
        calm.Do(new MentorContactRecorded(calm.NextId(), At(D(2026, 11, 4), 11), new Actor(new StaffId("staff-mentor"), Role.Mentor), true, D(2026, 11, 4), ContactChannel.Telefoon, null, null, Concerns: false));
        var later = Assert.Single(Engine().Evaluate(calm.View, At(D(2026, 11, 4), 11, 5)), t => t.Kind == TaskKind.ZorgwekkendVerzuim && t.Assignee == Role.Zorgcoordinator);
        Assert.Equal((AtHalfNine(D(2026, 11, 9)), (string?)null), (later.DueAt, later.Detail));
    }

    [Fact] // stap 3: 5 incidental sick days within the last month (20 school days) are zorgwekkend.
    public void Stap3_FiveIncidentalDaysInsideTheMonthWindow_Zorgwekkend()
    {
        Dossier.SickPeriod(D(2026, 11, 2), backOn: D(2026, 11, 4));
        Dossier.SickPeriod(D(2026, 11, 16), backOn: D(2026, 11, 18));
        Dossier.SickPeriod(D(2026, 11, 27), backOn: D(2026, 11, 30));
        var task = Single(TasksAt(At(D(2026, 11, 30), 12)), TaskKind.ZorgwekkendVerzuim, Role.Zorgcoordinator);
        Assert.Equal(AtHalfNine(D(2026, 11, 27)), task.DueAt);
    }

    [Fact] // stap 3: the same 5 days, the first one just outside the 20-school-day window: not zorgwekkend.
    public void Stap3_FiveIncidentalDaysOneJustOutsideTheWindow_NotZorgwekkend()
    {
        Dossier.SickPeriod(D(2026, 11, 2), backOn: D(2026, 11, 4));
        Dossier.SickPeriod(D(2026, 11, 16), backOn: D(2026, 11, 18));
        Dossier.SickPeriod(D(2026, 11, 30), backOn: D(2026, 12, 1));
        None(TasksAt(At(D(2026, 12, 1), 12)), TaskKind.ZorgwekkendVerzuim);
    }

    [Fact] // domain.md §3 / §9 profile mazl-landelijk: the 4th ziekmelding within 12 school weeks.
    public void Stap3_Mazl_FourthZiekmeldingWithinTwelveWeeks_Zorgwekkend()
    {
        Dossier.SickPeriod(D(2026, 9, 7), backOn: D(2026, 9, 8));
        Dossier.SickPeriod(D(2026, 10, 5), backOn: D(2026, 10, 6));
        Dossier.SickPeriod(D(2026, 11, 2), backOn: D(2026, 11, 3));
        Dossier.Ziek(D(2026, 11, 23));
        var task = Single(TasksAt(At(D(2026, 11, 23), 9), ProtocolProfiles.MazlLandelijk), TaskKind.ZorgwekkendVerzuim, Role.Zorgcoordinator);
        Assert.Equal(AtHalfNine(D(2026, 11, 23)), task.DueAt);
    }

    [Fact] // mazl-landelijk: the 7th consecutive day, not the 6th.
    public void Stap3_Mazl_SixConsecutiveDays_NotYet()
    {
        Dossier.SickPeriod(D(2026, 11, 2), backOn: D(2026, 11, 10));
        None(TasksAt(At(D(2026, 11, 10), 12), ProtocolProfiles.MazlLandelijk), TaskKind.ZorgwekkendVerzuim);
    }

    [Theory] // stap 3 outcomes: monitoring / leerplicht / stap 4.
    [InlineData(GesprekOutcome.Monitoring, null)]
    [InlineData(GesprekOutcome.Ongeoorloofd, TaskKind.MeldingLeerplicht)]
    [InlineData(GesprekOutcome.AdviesJeugdarts, TaskKind.AanmeldingJeugdarts)]
    public void Stap3_GesprekOutcome_LeadsWhereTheSeedSays(GesprekOutcome outcome, TaskKind? expected)
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Gesprek(D(2026, 11, 10), outcome);
        var tasks = TasksAt(At(D(2026, 11, 10), 15));
        None(tasks, TaskKind.ZorgwekkendVerzuim);
        if (expected is { } kind)
        {
            Single(tasks, kind);
        }
        else
        {
            None(tasks, TaskKind.MeldingLeerplicht);
            None(tasks, TaskKind.AanmeldingJeugdarts);
        }
    }

    [Fact] // stap 5: no consult date within 2 schoolweken → reminder to jeugdarts and zorgcoördinator.
    public void Stap5_NoConsultWithinTwoSchoolWeeks_Reminder()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Gesprek(D(2026, 11, 9), GesprekOutcome.AdviesJeugdarts).Aanmelding(D(2026, 11, 9));
        var tasks = TasksAt(At(D(2026, 11, 9), 16));
        None(tasks, TaskKind.AanmeldingJeugdarts);
        Assert.Equal(AtHalfNine(D(2026, 11, 23)), Single(tasks, TaskKind.ConsultOverdue, Role.Jeugdarts).DueAt);
        Single(tasks, TaskKind.ConsultOverdue, Role.Zorgcoordinator);
    }

    [Fact] // stap 5: no terugkoppeling within 1 week after the consult → reminder.
    public void Stap5_NoTerugkoppelingWithinAWeek_Reminder()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Gesprek(D(2026, 11, 9), GesprekOutcome.AdviesJeugdarts).Aanmelding(D(2026, 11, 9)).Consult(D(2026, 11, 12), D(2026, 11, 20));
        var tasks = TasksAt(At(D(2026, 11, 12), 12));
        None(tasks, TaskKind.ConsultOverdue);
        Assert.Equal(AtHalfNine(D(2026, 11, 27)), Single(tasks, TaskKind.TerugkoppelingOverdue).DueAt);

        Dossier.Terugkoppeling(D(2026, 11, 24), FollowUpAdvice.Other);
        None(TasksAt(At(D(2026, 11, 24), 17)), TaskKind.TerugkoppelingOverdue);
    }

    [Fact] // stap 6 / 002 §4: evaluation 4 weeks (20 school days) after the plan, across the kerstvakantie, repeating.
    public void Stap6_PlanVanAanpak_EvaluatedEveryFourSchoolWeeks()
    {
        Dossier.Plan(D(2026, 12, 1));
        Assert.Equal(AtHalfNine(D(2027, 1, 12)), Single(TasksAt(At(D(2026, 12, 1), 14)), TaskKind.PlanEvaluation).DueAt);

        Dossier.Do(new PlanVanAanpakEvaluated(Dossier.NextId(), At(D(2027, 1, 12), 10), new Actor(new StaffId("z"), Role.Zorgcoordinator), D(2027, 1, 12), true, false));
        Assert.Equal(AtHalfNine(D(2027, 2, 9)), Single(TasksAt(At(D(2027, 1, 12), 11)), TaskKind.PlanEvaluation).DueAt);

        Dossier.Do(new PlanVanAanpakEvaluated(Dossier.NextId(), At(D(2027, 2, 9), 10), new Actor(new StaffId("z"), Role.Zorgcoordinator), D(2027, 2, 9), true, true));
        None(TasksAt(At(D(2027, 2, 9), 11)), TaskKind.PlanEvaluation);
    }

    [Fact] // advies vervolgtraject "bij eerstvolgende ziekmelding melden bij leerplicht".
    public void Advice_NextZiekmeldingToLeerplicht_NextZiekmeldingGoesToLeerplicht()
    {
        Dossier.SickPeriod(D(2026, 11, 2), backOn: D(2026, 11, 16));
        Dossier.Terugkoppeling(D(2026, 11, 26), FollowUpAdvice.NextZiekmeldingToLeerplicht);
        var z = Dossier.Ziek(D(2027, 1, 11));
        var task = Single(TasksAt(z.RecordedAt), TaskKind.MeldingLeerplicht);
        Assert.Equal(Role.Verzuimcoordinator, task.Assignee);
        Assert.Equal(z.RecordedAt, task.DueAt);
    }

    [Fact] // advies "bij eerstvolgende ziekmelding opnieuw aanmelden bij de jeugdarts" — only the first one after it.
    public void Advice_NextZiekmeldingToJeugdarts_OnlyTheFirstZiekmeldingGoesStraightToAanmelding()
    {
        Dossier.SickPeriod(D(2026, 11, 2), backOn: D(2026, 11, 16));
        Dossier.Terugkoppeling(D(2026, 11, 26), FollowUpAdvice.NextZiekmeldingToJeugdarts);
        var z = Dossier.Ziek(D(2027, 1, 11));
        Assert.Equal(z.RecordedAt, Single(TasksAt(z.RecordedAt), TaskKind.AanmeldingJeugdarts).DueAt);

        Dossier.Beter(D(2027, 1, 12));
        var second = Dossier.Ziek(D(2027, 2, 1));
        None(TasksAt(second.RecordedAt), TaskKind.AanmeldingJeugdarts);
    }

    [Fact] // advies "opnieuw melden bij de jeugdarts bij opnieuw meer dan 5 dagen achter elkaar of 5 dagen in een maand".
    public void Advice_ReferAgainAtWorryingAbsence_ThresholdGoesStraightToAanmelding()
    {
        Dossier.SickPeriod(D(2026, 11, 2), backOn: D(2026, 11, 16));
        Dossier.Terugkoppeling(D(2026, 11, 26), FollowUpAdvice.ReferAgainAtWorryingAbsence);
        var z = Dossier.Ziek(D(2027, 1, 11));
        // Not straight away (that is the other advice), but at the threshold, if the absence goes on.
        Assert.Equal(AtHalfNine(D(2027, 1, 18)), Single(TasksAt(z.RecordedAt), TaskKind.AanmeldingJeugdarts).DueAt);
        var tasks = TasksAt(At(D(2027, 1, 18), 12));
        None(tasks, TaskKind.ZorgwekkendVerzuim);
        Assert.Equal(AtHalfNine(D(2027, 1, 18)), Single(tasks, TaskKind.AanmeldingJeugdarts).DueAt);
    }

    [Fact] // advies "anders": the normal route.
    public void Advice_Other_NormalRoute()
    {
        Dossier.SickPeriod(D(2026, 11, 2), backOn: D(2026, 11, 16));
        Dossier.Terugkoppeling(D(2026, 11, 26), FollowUpAdvice.Other);
        var z = Dossier.Ziek(D(2027, 1, 11));
        var tasks = TasksAt(z.RecordedAt);
        None(tasks, TaskKind.AanmeldingJeugdarts);
        None(tasks, TaskKind.MeldingLeerplicht);
        Single(TasksAt(At(D(2027, 1, 18), 12)), TaskKind.ZorgwekkendVerzuim, Role.Zorgcoordinator);
    }

    [Fact] // herstel: a retracted ziekmelding no longer counts.
    public void Herstel_RetractedZiekmelding_ProducesNothing()
    {
        var z = Dossier.Ziek(D(2026, 11, 2));
        Dossier.Do(new EventRetracted(Dossier.NextId(), At(D(2026, 11, 2), 9), new Actor(new StaffId("r"), Role.Receptie), z.Id, "verkeerde leerling"));
        Assert.Empty(TasksAt(At(D(2026, 11, 2), 10)));
        Assert.Null(Dossier.View.CurrentSickPeriod);
    }
}
