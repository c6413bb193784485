using VerzuimBot.Access.Authorization;
using VerzuimBot.Protocol.Students;
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

    /// <summary>The school's side of the checklist for its zorg- or verzuimcoördinator, leerplicht's side for the leerplichtambtenaar; an item on neither is not ours.</summary>
    public CardAccess Access(string verb) => CardAccess.Student((data, protocol) =>
        protocol is null || data.Text("item", 300) is not { } item ? []
        : protocol.Profile.Thuiszitter.SchoolChecklist.Contains(item) ? [new Permit(AccessAction.KernpartnerDecision, Role.Zorgcoordinator), new Permit(AccessAction.ReportToLeerplicht, Role.Verzuimcoordinator)]
        : protocol.Profile.Thuiszitter.LeerplichtChecklist.Contains(item) ? [new Permit(AccessAction.DecideLeerplicht, Role.Leerplichtambtenaar)]
        : []);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);
        var (decision, item) = (context.Decision, data.Text("item", 300)!);
        var rules = context.Protocol.Profile.Thuiszitter;
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
        if (note is null && item.Contains("regie", StringComparison.OrdinalIgnoreCase))
        {
            return CardActionResult.Say("Vul bij het plan van aanpak de naam van de regie-/contactpersoon in (004, Werkwijzer voor de school punt 4). Er is niets vastgelegd.");
        }

        var fact = new ThuiszitterChecklistItemCompleted(ThuiszitterActionSupport.NewId(), context.Now, ThuiszitterActionSupport.ActorOf(context.Staff, decision), item, decision.Grant!.OrganisationId, note);
        await support.RecordAsync(context, fact, cancellationToken).ConfigureAwait(false);
        var after = DossierView.From(context.Student.Id, context.Dossier.Events.Append(fact));
        var left = after.OpenThuiszitterCase(rules)?.OpenItems.Count ?? 0;
        return CardActionResult.Replace(support.Cards.Case(context.Student, after, context.Protocol, context.Now, roles,
            $"Afgevinkt: {item}. {(left == 0 ? "De hele checklist is afgewerkt." : $"Nog {left} punten open.")}"));
    }
}
