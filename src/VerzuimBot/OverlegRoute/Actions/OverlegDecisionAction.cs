using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Conversation;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using EventId = VerzuimBot.Domain.Identity.EventId;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Storage;
using VerzuimBot.CardActions;

namespace VerzuimBot.OverlegRoute.Actions;

/// <summary>
/// "Kernpartneroverleg / MDO / groot overleg gewenst?" (domain.md §6; 000; 002 Bijlage 2), decided by the zorgcoördinator
/// or the leerplichtambtenaar on the card of "overleg &lt;leerling&gt;". Ja: the decision is stored, and the summary every
/// participant may see is posted in the chosen group chat. Nee: stored with its reason. One card, one decision.
/// </summary>
internal sealed class OverlegDecisionAction(
    DossierService dossiers, GroupChatDirectory chats, GroupChatMembers members, OverlegStore store, OverlegService overleggen, OverlegCards overlegCards, SchoolProtocols protocols, RouteCards cards, TimeProvider time)
    : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["overleg.besluit"];

    /// <summary>The school's zorgcoördinator or leerplicht decides (000; 002 Bijlage 2), each on that role only.</summary>
    public CardAccess Access(string verb) => CardAccess.Student([.. OverlegAccess.Deciders.Select(role => new Permit(AccessAction.KernpartnerDecision, role))]);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data, activity) = (press.Context, press.Data, press.Activity);
        var (student, dossier, school, decider, decision) = (context.Student, context.Dossier, context.Student.SchoolId, context.Staff, context.Decision);
        if (data.Id("kaart") is not { Length: 32 } cardId || !cardId.All(char.IsAsciiHexDigitLower))
        {
            return CardActionResult.Say(RouteActionSupport.Incomplete);
        }

        var eventId = DecisionEventId(cardId);
        if (dossier.Of<KernpartnerDecisionRecorded>().FirstOrDefault(d => d.Id.Value == eventId) is { } earlier)
        {
            // Pressed twice (or by a second person): the card shows the decision that stands, nothing changes.
            return CardActionResult.Replace(cards.Done(
                $"Al besloten: {earlier.Choice}",
                [new Fact("Leerling", student.Label), new Fact("Reden", earlier.Reason ?? "geen")],
                Staff.PeopleNames.WithRole(earlier.RecordedBy),
                earlier.RecordedAt));
        }

        var keuze = data.Text("keuze", 20);
        if (keuze is not ("gewenst" or "niet"))
        {
            return CardActionResult.Say(RouteActionSupport.Incomplete);
        }

        var reason = data.Text("reden", 500);
        if (keuze == "niet")
        {
            if (reason is null)
            {
                return CardActionResult.Say("Geef bij \"Geen overleg nodig\" kort de reden. Er is niets veranderd.");
            }

            var no = new KernpartnerDecisionRecorded(new EventId(eventId), time.GetUtcNow(), SickAbsenceService.ActorOf(decider, decision), decision.Grant!.OrganisationId, OverlegTerms.DecisionQuestion, "nee", reason);
            await dossiers.RecordAsync(school, student.Id, no, cancellationToken).ConfigureAwait(false);
            return Done(student, "Geen overleg nodig", [new Fact("Reden", reason)], decider, decision);
        }

        if (OverlegTerms.Soort(data.Text("soort", 40)) is not { } soort)
        {
            return CardActionResult.Say("Kies de soort overleg: kernpartneroverleg, MDO of groot overleg. Er is niets veranderd.");
        }

        var partners = data.List("deelnemers").Where(p => OverlegTerms.Partner(p) is not null).Distinct(StringComparer.Ordinal).ToList();
        if (!partners.Contains("school") || partners.Count < 2)
        {
            return CardActionResult.Say("Kies wie er meedoen: de school en ten minste één andere partij (ouders, leerplicht, SWV, JGZ of lokaal team). Er is niets veranderd.");
        }

        var tenant = ConversationCapture.TenantOf(activity);
        if (data.Text("groepschat", 200) is not { } chatId)
        {
            var known = await chats.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
            return CardActionResult.Say(known.Count == 0 ? OverlegCards.NoGroupChat : "Kies de groepschat waarin het overleg plaatsvindt. Er is niets veranderd.");
        }

        if (await chats.FindAsync(tenant, chatId, cancellationToken).ConfigureAwait(false) is not { } chat)
        {
            return CardActionResult.Say("In die groepschat zit ik niet (meer). Voeg VerzuimBot opnieuw toe aan de groepschat, of kies een andere. Er is niets veranderd.");
        }

        // Who else is in the chat: people without a role for this student see the summary only after the decider confirms.
        var confirmed = data.Text("bevestigd", 3) == "ja" && data.Text("bevestigdeChat", 200) == chat.ConversationId;
        var without = confirmed ? [] : await members.WithoutAccessAsync(chat, tenant, student, dossier, partners, cancellationToken).ConfigureAwait(false);
        if (without is not { Count: 0 })
        {
            var available = await chats.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
            var facts = OverlegCards.DecisionFacts(student, dossier, protocols.For(school), SchoolClock.LocalDate(time.GetUtcNow()));
            return CardActionResult.Replace(overlegCards.Decision(student, facts, available, [], cardId, new DecisionAgain(soort.Value, partners, chat.ConversationId, reason, Warning(chat, without))));
        }

        var now = time.GetUtcNow();
        var choice = $"ja: {soort.Title} met {OverlegTerms.PartnerList(partners)}, in groepschat \"{chat.Name}\"{(confirmed ? " (bevestigd: ook met leden zonder rol in VerzuimBot)" : string.Empty)}";
        var fact = new KernpartnerDecisionRecorded(new EventId(eventId), now, SickAbsenceService.ActorOf(decider, decision), decision.Grant!.OrganisationId, OverlegTerms.DecisionQuestion, choice, reason);
        var outcome = await dossiers.RecordAsync(school, student.Id, fact, cancellationToken).ConfigureAwait(false);

        var overleg = new OverlegRecord(school, student.Id.Value, cardId, soort.Value, partners, tenant, chat.ConversationId, chat.ServiceUrl, chat.BotId, null, eventId, now);
        await store.SaveAsync(overleg, cancellationToken).ConfigureAwait(false);
        var posted = await overleggen.PostSummaryAsync(overleg, student, outcome.Dossier, cancellationToken).ConfigureAwait(false);
        return Done(student, $"Overleg gewenst: {soort.Title}",
        [
            new Fact("Deelnemers", OverlegTerms.PartnerList(partners)),
            new Fact("Groepschat", chat.Name),
            new Fact("Samenvatting", posted is null
                ? "kon ik nu niet in de groepschat plaatsen (Teams gaf een fout). Het besluit staat vast; typ later opnieuw \"overleg\" met de leerling, dan plaats ik de samenvatting alsnog."
                : "staat in de groepschat, zonder naam en zonder medische gegevens. Leg daar de afgesproken acties vast."),
            .. reason is null ? Array.Empty<Fact>() : [new Fact("Toelichting", reason)],
        ], decider, decision);
    }

    /// <summary>Why the decider must confirm the chat: who is in it without a role for this student, or that nobody could be checked.</summary>
    public static string Warning(GroupChat chat, IReadOnlyList<string>? without)
    {
        if (without is null)
        {
            return $"Ik kon niet nagaan wie er in groepschat \"{chat.Name}\" zit. Iedereen in die chat ziet de samenvatting (initialen en leerlingnummer). "
                + "Zitten er alleen deelnemers aan het overleg in? Kies dan \"Toch in deze groepschat\". Er is nog niets vastgelegd.";
        }

        var names = without.Count <= 5 ? string.Join(", ", without) : $"{string.Join(", ", without.Take(5))} en {without.Count - 5} anderen";
        return $"In groepschat \"{chat.Name}\" {(without.Count == 1 ? "zit" : "zitten")} {names}, zonder rol bij deze leerling in VerzuimBot. "
            + "Zij zien de samenvatting (initialen en leerlingnummer). Horen zij bij het overleg, bijvoorbeeld als ouders? Kies dan \"Toch in deze groepschat\". "
            + "Anders: haal hen uit de chat of kies een andere groepschat. Er is nog niets vastgelegd.";
    }

    /// <summary>One decision per card: the card's id makes the event id, so a second press finds the first decision.</summary>
    public static string DecisionEventId(string cardId) => $"ev-overleg-{cardId}";

    private CardActionResult Done(StudentRecord student, string title, IEnumerable<Fact> facts, StaffMember staff, AccessDecision decision) =>
        CardActionResult.Replace(cards.Done(title, [new Fact("Leerling", student.Label), .. facts], $"{Staff.PeopleNames.Name(staff)} ({RoleNames.Dutch(decision.Grant!.Role)}, {decision.Grant.OrganisationId})", time.GetUtcNow()));
}
