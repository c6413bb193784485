using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Thuiszitter;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.CardActions;

namespace VerzuimBot.ThuiszitterRoute.Actions;

/// <summary>
/// Ticks one item of the thuiszitter checklist (004 "Werkwijzer voor de school" for the zorgcoördinator or
/// verzuimcoördinator, "voor de leerplichtambtenaar" for leerplicht). The card is replaced by the case as it is
/// now, so it shows what is still open; an item ticked before is refused and nothing changes.
/// </summary>
internal sealed class ChecklistAction(ThuiszitterActionSupport support) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["thuiszitter.afvinken"];

    public async Task<CardActionResult> HandleAsync(string verb, Activity activity, CardData data, CancellationToken cancellationToken)
    {
        var item = data.Text("item", 300);
        var (context, refusal) = await support.OpenAsync(activity, data, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return refusal!;
        }

        var rules = context.Protocol.Profile.Thuiszitter;
        RoleAction[] allowed = item is not null && rules.SchoolChecklist.Contains(item)
            ? [new(AccessAction.KernpartnerDecision, Role.Zorgcoordinator), new(AccessAction.ReportToLeerplicht, Role.Verzuimcoordinator)]
            : item is not null && rules.LeerplichtChecklist.Contains(item)
                ? [new(AccessAction.DecideLeerplicht, Role.Leerplichtambtenaar)]
                : [];
        if (allowed.Length == 0)
        {
            return CardActionResult.Say("Dit punt staat niet (meer) op de checklist van het protocol. Er is niets veranderd.");
        }

        var decision = await support.AllowAsync(context, allowed, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            return CardActionResult.Say(decision.Reason!);
        }

        var roles = ThuiszitterActionSupport.RolesOf(context);
        if (context.Dossier.OpenThuiszitterCase(rules) is not { } open)
        {
            return CardActionResult.Say("Er is geen open thuiszitterscasus voor deze leerling (meer). Er is niets veranderd.");
        }

        if (ThuiszitterCards.Completed(context.Dossier, open).LastOrDefault(c => c.Item == item) is { } earlier)
        {
            return CardActionResult.Replace(support.Cards.Case(context.Student, context.Dossier, context.Protocol, context.Now, roles,
                $"Dit punt was al afgevinkt door {ThuiszitterTexts.Who(earlier, earlier.Organisation)} op {DutchDates.Moment(earlier.RecordedAt)}. Er is niets veranderd."));
        }

        var note = data.Text("toelichting", 200);
        if (note is null && item!.Contains("regie", StringComparison.OrdinalIgnoreCase))
        {
            return CardActionResult.Say("Vul bij het plan van aanpak de naam van de regie-/contactpersoon in (004, Werkwijzer voor de school punt 4). Er is niets vastgelegd.");
        }

        var fact = new ThuiszitterChecklistItemCompleted(ThuiszitterActionSupport.NewId(), context.Now, ThuiszitterActionSupport.ActorOf(context.Staff, decision), item!, decision.Grant!.OrganisationId, note);
        await support.RecordAsync(context, fact, cancellationToken).ConfigureAwait(false);
        var after = DossierView.From(context.Student.Id, context.Dossier.Events.Append(fact));
        var left = after.OpenThuiszitterCase(rules)?.OpenItems.Count ?? 0;
        return CardActionResult.Replace(support.Cards.Case(context.Student, after, context.Protocol, context.Now, roles,
            $"Afgevinkt: {item}. {(left == 0 ? "De hele checklist is afgewerkt." : $"Nog {left} punten open.")}"));
    }
}
