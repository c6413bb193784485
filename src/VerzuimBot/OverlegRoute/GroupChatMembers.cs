using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Client;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Staff;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Storage;

namespace VerzuimBot.OverlegRoute;

/// <summary>
/// Who in a group chat has no role that lets them see the student's case (domain.md §8): the summary is minimal, but
/// before it goes into a chat with such people the decider is told who they are and confirms (they may be the ouders).
/// </summary>
internal sealed class GroupChatMembers(ConnectorClient connector, ActingStaff acting, SchoolProtocols protocols, TimeProvider time, ILogger<GroupChatMembers> logger)
{
    /// <summary>More members than this are not checked one by one; the chat is then treated as unchecked.</summary>
    private const int MaxMembers = 100;

    /// <summary>
    /// The names of the members who may not see this student's case, counting the partners the decider involves as
    /// informed (choosing leerplicht, the SWV, JGZ or the lokaal team for the overleg shares the case with them); null
    /// when the member list could not be read.
    /// </summary>
    public async Task<IReadOnlyList<string>?> WithoutAccessAsync(GroupChat chat, string tenant, StudentRecord student, DossierView dossier, IReadOnlyCollection<string> partners, CancellationToken cancellationToken)
    {
        IReadOnlyList<TeamsMember> members;
        try
        {
            members = await connector.GetMembersAsync(chat.ServiceUrl, chat.ConversationId, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            logger.LogWarning("Could not read the members of a group chat for an overleg (status {Status})", ex.Status);
            return null;
        }

        if (members.Count > MaxMembers)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var known = StudentContexts.For(student, dossier, protocols.For(student.SchoolId), now);
        var context = known with
        {
            ReportedToLeerplicht = known.ReportedToLeerplicht || partners.Contains("leerplicht"),
            ReportedToSwv = known.ReportedToSwv || partners.Contains("swv"),
            ReferredToJeugdarts = known.ReferredToJeugdarts || partners.Contains("jgz"),
            SharedWithLokaalTeam = known.SharedWithLokaalTeam || partners.Contains("lokaal-team"),
        };
        var without = new List<string>();
        foreach (var member in members.Where(m => m.Id != chat.BotId))
        {
            var actor = member.AadObjectId is { Length: > 0 } aad ? await acting.KnownActorAsync(tenant, aad, cancellationToken).ConfigureAwait(false) : null;
            if (actor is null || !AccessPolicy.Decide(actor, AccessAction.ViewDossier, context, now).IsAllowed)
            {
                without.Add(string.IsNullOrWhiteSpace(member.Name) ? "iemand zonder naam" : member.Name);
            }
        }

        return without.Order(StringComparer.CurrentCulture).ToList();
    }
}
