using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Roster;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Conversation;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Staff;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Storage;

namespace VerzuimBot.OverlegRoute;

/// <summary>
/// Chat commands of the overleg:
/// <list type="bullet">
/// <item>"overleg &lt;leerling&gt;" in the personal chat: the decision card (zorgcoördinator or leerplichtambtenaar);</item>
/// <item>"overleg hier [naam]" in a group chat: offers that group chat (under that name) as the place of an overleg.</item>
/// </list>
/// In a group chat nothing about a student is ever answered (domain.md §8).
/// </summary>
internal sealed class OverlegCommands(
    ActingStaff acting, StudentDirectory students, DossierService dossiers, StudentGuard guard, GroupChatDirectory chats, OverlegStore store, OverlegService overleggen,
    OverlegCards cards, SchoolProtocols protocols, StudentIds ids, TimeProvider time) : Messages.IChatCommands
{
    private const string Prefix = "overleg";

    public async Task<Activity?> TryHandleAsync(Activity activity, string command, string original, string dialogKey, CancellationToken cancellationToken)
    {
        if (Messages.CommandWords.Match(command, Prefix) is null)
        {
            return null;
        }

        var rest = Messages.CommandWords.Rest(original, Prefix);
        var isHere = rest.Equals("hier", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("hier ", StringComparison.OrdinalIgnoreCase);
        if (activity.Conversation?.ConversationType is { } type && type != "personal")
        {
            if (type != "groupChat")
            {
                return Activity.Message("Een overleg houd ik in een groepschat, niet in een kanaal: daar lezen te veel mensen mee. Maak een groepschat met de kernpartners en voeg VerzuimBot toe.");
            }

            return isHere
                ? await RegisterGroupChatAsync(activity, rest.Length > 4 ? rest[5..].Trim() : null, cancellationToken).ConfigureAwait(false)
                : Activity.Message("Doe dit in je persoonlijke chat met VerzuimBot: daar ziet niemand anders de gegevens van de leerling. Typ hier alleen \"@VerzuimBot overleg hier\" om deze groepschat als overlegchat te kunnen kiezen.");
        }

        if (isHere)
        {
            return Activity.Message("Typ \"@VerzuimBot overleg hier\" in de groepschat waarin het overleg plaatsvindt, niet in deze persoonlijke chat.");
        }

        var resolved = await acting.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return Activity.Message(resolved.Refusal!);
        }

        if (string.IsNullOrWhiteSpace(rest))
        {
            return Activity.Message("Typ \"overleg\" met de naam of het leerlingnummer, bijvoorbeeld \"overleg 123456\".");
        }

        var decider = OverlegAccess.AsDecider(staff);
        if (decider.Actor.Grants.Count == 0)
        {
            return Activity.Message(OverlegAccess.NotADecider);
        }

        var found = await FindAsync(decider, rest, cancellationToken).ConfigureAwait(false);
        if (found.Count > 1)
        {
            return Activity.Message("Er zijn meer leerlingen die passen. Typ \"overleg\" met het leerlingnummer:\n" + string.Join('\n', found.Select(f => $"- {f.Label}: {f.Details.Leerlingnummer}")));
        }

        // A student this person may not decide on reads exactly as one that does not exist (issue 19 item 2); opening the
        // case is a read of the dossier, audited for people outside the school (domain.md §8).
        var student = found.Count == 1 ? found[0] : null;
        var dossier = student is null ? null : await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (student is null || dossier is null
            || !AccessPolicy.Decide(decider.Actor, AccessAction.KernpartnerDecision, StudentContexts.For(student, dossier, protocols.For(student.SchoolId), now), now).IsAllowed
            || !(await guard.CheckAsync(decider, AccessAction.ViewDossier, student, dossier, cancellationToken).ConfigureAwait(false)).IsAllowed)
        {
            return Activity.Message("Ik vind geen leerling met die naam of dat leerlingnummer bij jouw rol. Leerplicht en andere kernpartners typen het leerlingnummer.");
        }

        var earlier = new List<string>();
        foreach (var overleg in await store.ListAsync(student.SchoolId, student.Id.Value, cancellationToken).ConfigureAwait(false))
        {
            var posted = overleg.SummaryActivityId is not null || await overleggen.PostSummaryAsync(overleg, student, dossier, cancellationToken).ConfigureAwait(false) is not null;
            var chat = await chats.FindAsync(overleg.TenantId, overleg.ConversationId, cancellationToken).ConfigureAwait(false);
            earlier.Add($"{OverlegTerms.SoortTitle(overleg.Soort)}, besloten op {DutchDates.ShortDate(SchoolClock.LocalDate(overleg.DecidedAt))}, in {(chat is null ? "een groepschat waarin ik niet meer zit" : $"groepschat \"{chat.Name}\"")}{(posted ? string.Empty : " (samenvatting nog niet geplaatst: Teams gaf een fout)")}");
        }

        var protocol = protocols.For(student.SchoolId);
        var today = SchoolClock.LocalDate(now);
        var facts = OverlegCards.DecisionFacts(student, dossier, protocol, today);
        var available = await chats.ListAsync(ConversationCapture.TenantOf(activity), cancellationToken).ConfigureAwait(false);
        return Activity.CardMessage(cards.Decision(student, facts, available, earlier, Guid.NewGuid().ToString("N")));
    }

    /// <summary>School staff search their school's roster by name or number; kernpartners (leerplicht) by leerlingnummer over the schools they serve.</summary>
    private async Task<IReadOnlyList<StudentRecord>> FindAsync(StaffMember decider, string query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (decider.Actor.Grants.Any(g => g.IsValidAt(now) && g.OrganisationKind == OrganisationKind.School))
        {
            return await students.SearchAsync(decider.Actor, query, now, cancellationToken).ConfigureAwait(false);
        }

        var number = query.Trim();
        if (number.Contains(' ', StringComparison.Ordinal))
        {
            return [];
        }

        var found = new List<StudentRecord>();
        // Only the schools of the kernpartner's service area (issue 19 item 4).
        foreach (var school in decider.Actor.Grants.Where(g => g.IsValidAt(now)).SelectMany(g => g.ReachableSchools()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await students.GetAsync(school, ids.For(new SchoolId(school), number).Value, cancellationToken).ConfigureAwait(false) is { Details.VertrokkenOp: null } student
                && student.Details.Leerlingnummer == number)
            {
                found.Add(student);
            }
        }

        return found;
    }

    private async Task<Activity> RegisterGroupChatAsync(Activity activity, string? name, CancellationToken cancellationToken)
    {
        var resolved = await acting.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is null)
        {
            return Activity.Message(resolved.Refusal!);
        }

        var conversationId = ConversationCapture.ChannelOf(activity.Conversation!.Id!);
        var label = name is { Length: > 0 } typed ? typed[..Math.Min(60, typed.Length)]
            : activity.Conversation.Name is { Length: > 0 } teamsName ? teamsName[..Math.Min(60, teamsName.Length)]
            : GroupChatDirectory.NeutralName(conversationId);
        await store.SaveChatNameAsync(ConversationCapture.TenantOf(activity), conversationId, label, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return Activity.Message($"Deze groepschat (\"{label}\") kan nu gekozen worden als plaats van een kernpartneroverleg, MDO of groot overleg. Besluit daarover in je persoonlijke chat met VerzuimBot: typ daar \"overleg\" met de leerling. Noem hier geen namen van leerlingen.");
    }
}
