using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.CardActions;

namespace VerzuimBot.OverlegRoute.Actions;

/// <summary>
/// The owner marks an agreed action done on its reminder (OverlegActionCompleted): the reminders stop, and the summary
/// in the group chat shows it as afgerond. Only someone holding the owner's role for this student may do it.
/// </summary>
internal sealed class OverlegCompleteAction(RouteActionSupport support, OverlegService overleggen) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["overleg.afgerond"];

    /// <summary>The owner's role decides, and the owner is in the dossier: a mentor or a kernpartner of this case opens it, then the owner's role is checked.</summary>
    public CardAccess Access(string verb) => CardAccess.Student(new Permit(AccessAction.AnswerMentorCard, Role.Mentor), new Permit(AccessAction.KernpartnerDecision));

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var context = press.Context;
        var actionId = press.Data.Id("actie");
        if (context.Dossier.Of<OverlegActionAgreed>().FirstOrDefault(a => a.ActionId == actionId) is not { } agreed)
        {
            return CardActionResult.Say(RouteActionSupport.Incomplete);
        }

        if (context.Dossier.Of<OverlegActionCompleted>().FirstOrDefault(c => c.ActionId == actionId) is { } done)
        {
            return CardActionResult.Replace(support.Cards.Done(
                $"Al afgerond: {agreed.Description}",
                [new Fact("Leerling", context.Student.Label)],
                Staff.PeopleNames.WithRole(done.RecordedBy),
                done.RecordedAt));
        }

        if (context.OpenTask(TaskKind.OverlegActionDue, TaskKind.OverlegActionLate) is null)
        {
            return CardActionResult.Say("Deze herinnering hoort niet (meer) bij een open actie. Er is niets veranderd.");
        }

        var owner = OverlegAccess.Only(context.Staff, g => g.Role == agreed.Owner);
        if (owner.Actor.Grants.Count == 0)
        {
            return CardActionResult.Say($"Deze actie is toegewezen aan de {RoleNames.Dutch(agreed.Owner)}; alleen die kan hem afronden. Er is niets veranderd.");
        }

        var decision = context.Narrowed(owner, new Permit(OverlegAccess.CompleteActionFor(agreed.Owner)));
        if (!decision.IsAllowed)
        {
            return CardActionResult.Say(decision.Reason! + " Er is niets veranderd.");
        }

        await support.RecordAsync(context, new OverlegActionCompleted(SickAbsenceService.NewId(), context.Now, SickAbsenceService.ActorOf(owner, decision), agreed.ActionId), cancellationToken).ConfigureAwait(false);
        await overleggen.RefreshForActionAsync(context.Student.SchoolId, context.Student.Id.Value, agreed.ActionId, cancellationToken).ConfigureAwait(false);
        return support.Done(context, "Actie afgerond", [new Fact("Actie", agreed.Description)], decision);
    }
}
