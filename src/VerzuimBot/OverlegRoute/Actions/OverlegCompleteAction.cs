using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Schema;
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

    public async Task<CardActionResult> HandleAsync(string verb, Activity activity, CardData data, CancellationToken cancellationToken)
    {
        var (context, refusal) = await support.OpenAsync(activity, data, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return refusal!;
        }

        var actionId = data.Id("actie");
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

        var decision = await support.AllowAsync(context with { Staff = owner }, cancellationToken, OverlegAccess.CompleteActionFor(agreed.Owner)).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            return CardActionResult.Say(decision.Reason! + " Er is niets veranderd.");
        }

        await support.RecordAsync(context, new OverlegActionCompleted(SickAbsenceService.NewId(), context.Now, SickAbsenceService.ActorOf(owner, decision), agreed.ActionId), cancellationToken).ConfigureAwait(false);
        await overleggen.RefreshForActionAsync(context.Student.SchoolId, context.Student.Id.Value, agreed.ActionId, cancellationToken).ConfigureAwait(false);
        return support.Done(context, "Actie afgerond", [new Fact("Actie", agreed.Description)], decision);
    }
}
