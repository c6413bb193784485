namespace VerzuimBot.Storage;

/// <summary>A Teams group chat the bot is a member of, as the decision card offers it.</summary>
public sealed record GroupChat(string ConversationId, string Name, string ServiceUrl, string BotId);

/// <summary>
/// The group chats the bot was added to, per tenant. The bot cannot create group chats through the Bot Connector
/// (Teams needs Microsoft Graph for that), so an overleg is held in a group chat the bot is already in. Those are the
/// conversation references the host keeps for every group chat (removed again when the bot is removed): one partition
/// read of the ConversationReferences table (PartitionKey = tenant id). Names come from "overleg hier &lt;naam&gt;", else
/// from Teams, else a neutral label.
/// </summary>
public sealed class GroupChatDirectory(ConversationReferenceStore references, OverlegStore overleggen)
{
    private const string GroupChatType = "groupChat";

    public async Task<IReadOnlyList<GroupChat>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var names = await overleggen.ChatNamesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var chats = await references.ListAsync(tenantId, ConversationOwnerKind.Conversation, GroupChatType, cancellationToken).ConfigureAwait(false);
        return chats
            .Where(r => r.ConversationId.Length > 0 && r.ServiceUrl.Length > 0)
            .Select(r => new GroupChat(r.ConversationId, names.GetValueOrDefault(r.ConversationId) ?? NeutralName(r.ConversationId), r.ServiceUrl, r.BotId))
            .OrderBy(c => c.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The group chat with this id, only when the bot is in it (in this tenant) now.</summary>
    public async Task<GroupChat?> FindAsync(string tenantId, string conversationId, CancellationToken cancellationToken)
    {
        var reference = await references.FindAsync(tenantId, conversationId, cancellationToken).ConfigureAwait(false);
        if (reference is not { Kind: ConversationOwnerKind.Conversation, ConversationType: GroupChatType })
        {
            return null;
        }

        var names = await overleggen.ChatNamesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return new GroupChat(reference.ConversationId, names.GetValueOrDefault(conversationId) ?? NeutralName(conversationId), reference.ServiceUrl, reference.BotId);
    }

    /// <summary>A label without anyone's name: "Groepschat …a1b2c3".</summary>
    public static string NeutralName(string conversationId)
    {
        var core = conversationId.StartsWith("19:", StringComparison.Ordinal) ? conversationId[3..] : conversationId;
        var at = core.IndexOf('@', StringComparison.Ordinal);
        core = at > 0 ? core[..at] : core;
        return core.Length <= 8 ? $"Groepschat {core}" : $"Groepschat …{core[^6..]}";
    }
}
