using System.Security.Cryptography;
using System.Text;
using VerzuimBot.Connector.Client;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Storage;

namespace VerzuimBot.OverlegRoute;

/// <summary>Posts the overleg summary into its group chat and keeps that one message up to date.</summary>
internal sealed class OverlegService(OverlegStore store, OverlegCards cards, StudentDirectory students, DossierService dossiers, SchoolProtocols protocols, ConnectorClient connector, TimeProvider time, ILogger<OverlegService> logger)
{
    /// <summary>Posts the summary card as a new message in the overleg's group chat and remembers its id.</summary>
    /// <returns>The record with the message id, or null when Teams did not take the message.</returns>
    public async Task<OverlegRecord?> PostSummaryAsync(OverlegRecord overleg, StudentRecord student, DossierView dossier, CancellationToken cancellationToken)
    {
        var card = cards.Summary(overleg, student, dossier, protocols.For(student.SchoolId), time.GetUtcNow());
        try
        {
            var id = await connector.SendAsync(overleg.ServiceUrl, overleg.ConversationId, Activity.CardMessage(card) with { From = new ChannelAccount(overleg.BotId) }, cancellationToken).ConfigureAwait(false);
            var posted = overleg with { SummaryActivityId = id };
            await store.SaveAsync(posted, cancellationToken).ConfigureAwait(false);
            return posted;
        }
        catch (ConnectorException ex)
        {
            logger.LogWarning("Posting the summary of overleg {OverlegId} failed (status {Status})", overleg.OverlegId, ex.Status);
            return null;
        }
    }

    /// <summary>
    /// Replaces the summary message for everyone in the chat (an invoke response only updates the presser's client).
    /// <paramref name="messageId"/> is the pressed card's id when known, else the stored one. Best effort: a failure is logged.
    /// </summary>
    public async Task<JsonNodeCard> RefreshSummaryAsync(OverlegRecord overleg, StudentRecord student, DossierView dossier, string? messageId, CancellationToken cancellationToken, bool update = true)
    {
        var card = cards.Summary(overleg, student, dossier, protocols.For(student.SchoolId), time.GetUtcNow());
        if (update && (messageId ?? overleg.SummaryActivityId) is { Length: > 0 } id)
        {
            try
            {
                await connector.UpdateAsync(overleg.ServiceUrl, overleg.ConversationId, id, Activity.CardMessage(card) with { From = new ChannelAccount(overleg.BotId) }, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException ex)
            {
                logger.LogWarning("Updating the summary of overleg {OverlegId} failed (status {Status})", overleg.OverlegId, ex.Status);
            }
        }

        return card;
    }

    /// <summary>After an action was completed elsewhere (the owner's personal chat): bring the group chat's summary up to date.</summary>
    public async Task RefreshForActionAsync(string schoolId, string studentId, string actionId, CancellationToken cancellationToken)
    {
        if (OverlegIdOf(actionId) is not { } overlegId
            || await store.FindAsync(schoolId, studentId, overlegId, cancellationToken).ConfigureAwait(false) is not { } overleg
            || await students.GetAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false) is not { } student)
        {
            return;
        }

        var dossier = await dossiers.ReadAsync(schoolId, student.Id, cancellationToken).ConfigureAwait(false);
        await RefreshSummaryAsync(overleg, student, dossier, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"oa-&lt;overleg&gt;-&lt;hash&gt;": the same action (text, owner, due date) in the same overleg always gets the same id, so a second press is recognised.</summary>
    public static string ActionId(string overlegId, string description, string owner, DateOnly due) =>
        OverlegCards.ActionPrefix(overlegId) + Hash($"{description.Trim().ToUpperInvariant()}|{owner}|{due:yyyy-MM-dd}");

    public static string? OverlegIdOf(string actionId)
    {
        var parts = actionId.Split('-');
        return parts.Length == 3 && parts[0] == "oa" && parts[1].Length > 0 ? parts[1] : null;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
