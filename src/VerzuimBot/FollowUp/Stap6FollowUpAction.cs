using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.OverlegRoute;
using VerzuimBot.CardActions;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.Domain.Language;

namespace VerzuimBot.FollowUp;

/// <summary>
/// The zorgcoördinator fixes the stap-6 follow-up: an <see cref="OverlegActionAgreed"/> with the owner and the date, under the
/// id the rules expect (<see cref="ProtocolEngine.FollowUpActionId"/>), so the task ends and the owner gets the action's reminder.
/// </summary>
internal sealed class Stap6FollowUpAction(RouteActionSupport support, Stap6FollowUpCards cards) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["vervolg.opslaan"];

    public CardAccess Access(string verb) => CardAccess.ForTask<OverlegActionAgreed>([TaskKind.Stap6FollowUp], AccessAction.EvaluatePlanVanAanpak);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data, task) = (press.Context, press.Data, press.Task);
        var decision = context.Decision;
        var choice = data.Text("vervolg", 30) is { } value && Stap6Options.Titles.TryGetValue(value, out var title) ? title : null;
        var owner = OverlegTerms.Owners.FirstOrDefault(o => o.Value == data.Text("eigenaar", 30));
        var due = data.Date("datum");
        var problem = choice is null ? "Kies een vervolgstap."
            : owner.Title is null ? "Kies wie het doet."
            : due is not { } day || day < context.Today ? "Kies een datum vanaf vandaag."
            : day > context.Today.AddDays(120) ? "Kies een datum binnen vier maanden."
            : null;
        if (problem is not null)
        {
            return CardActionResult.Replace(cards.Card(task, context.Student, context.Dossier, context.Protocol, context.Today, $"{problem} Er is niets vastgelegd."));
        }

        var actionId = ProtocolEngine.FollowUpActionId(new Domain.Identity.EventId(task.Anchor));
        await support.RecordAsync(context, new OverlegActionAgreed(SickAbsenceService.NewId(), context.Now, SickAbsenceService.ActorOf(context.Staff, decision), actionId, choice!, owner.Role, due!.Value), cancellationToken).ConfigureAwait(false);
        return support.Done(context, "Vervolg vastgelegd", [new Fact("Vervolgstap", choice!), new Fact("Wie", owner.Title!), new Fact("Uiterlijk", DutchDates.LongDate(due.Value))], decision);
    }
}
