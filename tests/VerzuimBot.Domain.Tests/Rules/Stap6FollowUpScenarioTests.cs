using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// Issue 20 item 8: 002 Bijlage 1 stap 6 ("In geval de leerling en ouders niet verschijnen op de afspraak van de jeugdarts ... spreekt
// de school de leerling en ouders hierop aan ... kan aanmelden bij leerplicht ... opnieuw onderzoek ... wijkteam") and 002 §4 ("Als na
// 4 weken blijkt dat het plan van aanpak niet ... wordt opgevolgd ... vervolgacties"): a follow-up task with an owner and a date.
public class Stap6FollowUpScenarioTests : ScenarioBase
{
    private static readonly Actor Zorg = new(new StaffId("z"), Role.Zorgcoordinator);

    [Fact] // Evaluation on Mon 21 Dec 2026 "niet opgevolgd": the zorgcoördinator chooses the follow-up; once agreed its owner is reminded on the date.
    public void PlanNotFollowed_FollowUpTask_UntilAnActionWithOwnerAndDateIsAgreed()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Plan(D(2026, 11, 23));
        var evaluation = new PlanVanAanpakEvaluated(Dossier.NextId(), At(D(2026, 12, 21), 11), Zorg, D(2026, 12, 21), PlanFollowed: false, PlanClosed: false);
        Dossier.Do(evaluation);
        var task = Single(TasksAt(At(D(2026, 12, 21), 12)), TaskKind.Stap6FollowUp, Role.Zorgcoordinator);
        Assert.Equal((evaluation.RecordedAt, evaluation.Id.Value, "plan van aanpak niet opgevolgd"), (task.DueAt, task.Anchor, task.Detail));

        Dossier.Do(new OverlegActionAgreed(Dossier.NextId(), At(D(2026, 12, 21), 12), Zorg, ProtocolEngine.FollowUpActionId(evaluation.Id), "Melden bij leerplicht (handhaven)", Role.Verzuimcoordinator, D(2027, 1, 8)));
        var after = TasksAt(At(D(2026, 12, 21), 13));
        None(after, TaskKind.Stap6FollowUp);
        Assert.Equal((Role.Verzuimcoordinator, AtHalfNine(D(2027, 1, 8))), (Single(after, TaskKind.OverlegActionDue).Assignee, Single(after, TaskKind.OverlegActionDue).DueAt));
    }

    [Fact] // Terugkoppeling "niet verschenen zonder afmelding" (Formulier terugkoppeling, 002 Bijlage 1): the same follow-up task.
    public void NietVerschenen_FollowUpTask()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Do(new TerugkoppelingReceived(Dossier.NextId(), At(D(2026, 11, 27), 16), new Actor(new StaffId("ja"), Role.Jeugdarts),
            InvitationResult.NietVerschenenZonderAfmelding, null, ConsultConclusion.NogGeenConclusie, false, null, null, [], FollowUpAdvice.Other, null));
        Assert.Equal("niet verschenen bij de jeugdarts", Single(TasksAt(At(D(2026, 11, 27), 17)), TaskKind.Stap6FollowUp).Detail);
    }

    [Fact] // 002 §4: "ja, het plan wordt opgevolgd": no follow-up, only the next evaluation.
    public void PlanFollowed_NoFollowUp()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Plan(D(2026, 11, 23));
        Dossier.Do(new PlanVanAanpakEvaluated(Dossier.NextId(), At(D(2026, 12, 21), 11), Zorg, D(2026, 12, 21), PlanFollowed: true, PlanClosed: false));
        None(TasksAt(At(D(2026, 12, 21), 12)), TaskKind.Stap6FollowUp);
    }
}
