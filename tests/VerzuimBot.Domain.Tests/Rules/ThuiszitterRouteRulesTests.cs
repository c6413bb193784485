using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

/// <summary>The thuiszitter route's rules added for issue 8: the two sides of the checklist, vrijstelling 5a, and the end of doorzettingsmacht.</summary>
public class ThuiszitterRouteRulesTests : ScenarioBase
{
    private static readonly Actor Leerplicht = new(new StaffId("lp"), Role.Leerplichtambtenaar);
    private static readonly Actor Zorg = new(new StaffId("zorg"), Role.Zorgcoordinator);
    private static readonly Actor Jeugdarts = new(new StaffId("ja"), Role.Jeugdarts);
    private static readonly Actor Swv = new(new StaffId("swv"), Role.Swv);

    private static ThuiszitterRules Rules => ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo).Thuiszitter;

    [Fact] // 004 "Werkwijzer voor de school" and "voor de leerplichtambtenaar": each side is followed up two school weeks after its own last progress.
    public void Checklist_EachSideHasItsOwnOwner_AndItsOwnTwoWeeks()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Do(new LeerplichtJudgementRecorded(Dossier.NextId(), At(D(2026, 11, 30), 10), Leerplicht, true, null, "RBL"));
        var opened = TasksAt(At(D(2026, 11, 30), 11));
        Assert.Equal(AtHalfNine(D(2026, 12, 14)), Single(opened, TaskKind.ThuiszitterChecklist, Role.Zorgcoordinator).DueAt);
        Assert.Equal(AtHalfNine(D(2026, 12, 14)), Single(opened, TaskKind.ThuiszitterChecklist, Role.Leerplichtambtenaar).DueAt);
        Assert.Equal($"{Rules.LeerplichtChecklist.Count} punten open", Single(opened, TaskKind.ThuiszitterChecklist, Role.Leerplichtambtenaar).Detail);

        // School progress on Fri 11 Dec moves only the school's follow-up: 10 school days on, past the kerstvakantie (19 Dec - 3 Jan).
        Dossier.Do(new ThuiszitterChecklistItemCompleted(Dossier.NextId(), At(D(2026, 12, 11), 10), Zorg, Rules.SchoolChecklist[0], "99DE00", "DUO-1"));
        var afterSchool = TasksAt(At(D(2026, 12, 11), 11));
        Assert.Equal(AtHalfNine(D(2027, 1, 8)), Single(afterSchool, TaskKind.ThuiszitterChecklist, Role.Zorgcoordinator).DueAt);
        Assert.Equal(AtHalfNine(D(2026, 12, 14)), Single(afterSchool, TaskKind.ThuiszitterChecklist, Role.Leerplichtambtenaar).DueAt);

        // Leerplicht's side done: no more leerplicht follow-up; the school's stays.
        foreach (var item in Rules.LeerplichtChecklist)
        {
            Dossier.Do(new ThuiszitterChecklistItemCompleted(Dossier.NextId(), At(D(2026, 12, 14), 10), Leerplicht, item, "RBL"));
        }

        var afterLeerplicht = TasksAt(At(D(2026, 12, 14), 11));
        Assert.DoesNotContain(afterLeerplicht, t => t.Kind == TaskKind.ThuiszitterChecklist && t.Assignee == Role.Leerplichtambtenaar);
        Single(afterLeerplicht, TaskKind.ThuiszitterChecklist, Role.Zorgcoordinator);
    }

    [Fact] // 002 §7 and 000: aanvraag bij leerplicht → onderzoek jeugdarts → SWV → advies aan leerplicht → besluit; each card to the next role, at once.
    public void Vrijstelling5a_EachStepGoesToTheRoleOfTheNextStep_UntilLeerplichtDecides()
    {
        Dossier.Ziek(D(2026, 11, 2));
        var aanvraag = new VrijstellingStepRecorded(Dossier.NextId(), At(D(2026, 12, 1), 10), Leerplicht, VrijstellingStep.AanvraagOntvangen, null, "RBL");
        Dossier.Do(aanvraag);
        var first = Single(TasksAt(At(D(2026, 12, 1), 11)), TaskKind.VrijstellingOnderzoek, Role.Jeugdarts);
        Assert.Equal(aanvraag.RecordedAt, first.DueAt);
        Assert.Equal(aanvraag.Id.Value, first.Anchor);
        Assert.True(VrijstellingProcedure.Current(Dossier.View)!.Expects(VrijstellingStep.OnderzoekJeugdarts));
        Assert.False(VrijstellingProcedure.Current(Dossier.View)!.Expects(VrijstellingStep.AdviesAanLeerplicht));

        Dossier.Do(new VrijstellingStepRecorded(Dossier.NextId(), At(D(2026, 12, 2), 10), Jeugdarts, VrijstellingStep.OnderzoekJeugdarts, null, "GGD"));
        var toSwv = TasksAt(At(D(2026, 12, 2), 11));
        Single(toSwv, TaskKind.VrijstellingSwv, Role.Swv);
        None(toSwv, TaskKind.VrijstellingOnderzoek);

        Dossier.Do(new VrijstellingStepRecorded(Dossier.NextId(), At(D(2026, 12, 3), 10), Swv, VrijstellingStep.SwvGeenPassendOnderwijs, null, "SWV", "Geen plek in het dekkende netwerk"));
        Single(TasksAt(At(D(2026, 12, 3), 11)), TaskKind.VrijstellingAdvies, Role.Jeugdarts);

        Dossier.Do(new VrijstellingStepRecorded(Dossier.NextId(), At(D(2026, 12, 4), 10), Jeugdarts, VrijstellingStep.AdviesAanLeerplicht, false, "GGD", null, true));
        Single(TasksAt(At(D(2026, 12, 4), 11)), TaskKind.VrijstellingBeschikking, Role.Leerplichtambtenaar);

        Dossier.Do(new VrijstellingStepRecorded(Dossier.NextId(), At(D(2026, 12, 7), 10), Leerplicht, VrijstellingStep.VrijstellingVerleend, false, "RBL"));
        var done = TasksAt(At(D(2026, 12, 7), 11));
        Assert.DoesNotContain(done, t => t.Kind is TaskKind.VrijstellingOnderzoek or TaskKind.VrijstellingSwv or TaskKind.VrijstellingAdvies or TaskKind.VrijstellingBeschikking);
        Assert.True(VrijstellingProcedure.Current(Dossier.View)!.IsFinished);

        // 002 §2.2: a vrijstelling voor bepaalde tijd makes the student type 1.
        Assert.Equal(1, Dossier.View.ThuiszitterStatus(SchoolCalendar.ForRegion(HolidayRegion.Midden), ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo), D(2026, 12, 8))!.Value.Type);
    }

    [Fact] // 004 Werkwijzer punt 4 and domain.md §7: the regie-/contactpersoon named on the checklist is the one the SWV's list shows.
    public void Digest_ShowsTheRegiepersoonNamedOnTheChecklist()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Do(new LeerplichtJudgementRecorded(Dossier.NextId(), At(D(2026, 11, 30), 10), Leerplicht, true, null, "RBL"));
        Dossier.Do(new ThuiszitterChecklistItemCompleted(Dossier.NextId(), At(D(2026, 12, 1), 10), Zorg, "Leerling gemeld bij het samenwerkingsverband als thuiszitter", "99DE00"));
        Dossier.Do(new ThuiszitterChecklistItemCompleted(Dossier.NextId(), At(D(2026, 12, 2), 10), Zorg, "Plan van aanpak met regie-/contactpersoon vastgesteld", "99DE00", "Zora Zorg"));
        var profile = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo);
        var digest = SwvDigestCalculator.Compute(new DigestRequest([new DigestSchool(new SchoolId("99DE00"), profile, SchoolCalendar.ForRegion(HolidayRegion.Midden), [Dossier.View])], At(D(2026, 12, 7), 10), null));
        Assert.Equal(new StaffId("Zora Zorg"), Assert.Single(digest.Thuiszitters).Regiepersoon);
    }

    [Fact] // 002 Bijlage 2: the escalation is for a passend aanbod; once the student is back at school (or in one) the 10-werkdagen reminders stop.
    public void Doorzettingsmacht_EndsWhenTheStudentReturnsToSchool()
    {
        Dossier.Doorzettingsmacht(D(2026, 12, 18));
        Single(TasksAt(At(D(2026, 12, 18), 11)), TaskKind.DoorzettingsmachtOverdue);
        Dossier.Do(new ReturnedToSchool(Dossier.NextId(), At(D(2027, 1, 4), 9), Zorg, D(2027, 1, 4), true, "99DE00", "Plaatsing op het VSO"));
        var tasks = TasksAt(At(D(2027, 1, 4), 10));
        None(tasks, TaskKind.DoorzettingsmachtReminder);
        None(tasks, TaskKind.DoorzettingsmachtOverdue);
    }
}
