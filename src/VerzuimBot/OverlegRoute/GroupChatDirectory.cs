using VerzuimBot.Storage;
using VerzuimBot.Tables;

namespace VerzuimBot.OverlegRoute;

/// <summary>A Teams group chat the bot is a member of, as the decision card offers it.</summary>
internal sealed record GroupChat(string ConversationId, string Name, string ServiceUrl, string BotId);

/// <summary>
/// The group chats the bot was added to, per tenant. The bot cannot create group chats through the Bot Connector
/// (Teams needs Microsoft Graph for that), so an overleg is held in a group chat the bot is already in. Those are the
/// conversation references <see cref="Conversation.ConversationCapture"/> keeps for every group chat (removed again when
/// the bot is removed): one partition read of the ConversationReferences table (key design in
/// src/VerzuimBot.Storage/README.md: PartitionKey = tenant id). Names come from "overleg hier &lt;naam&gt;", else from
/// Teams, else a neutral label.
/// </summary>
internal sealed class GroupChatDirectory(ITableStoreFactory tables, ConversationReferenceStore references, OverlegStore overleggen)
{
    private const string ConversationReferencesTable = "ConversationReferences";

    public async Task<IReadOnlyList<GroupChat>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var names = await overleggen.ChatNamesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var table = tables.GetTable(ConversationReferencesTable);
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

        // Teams tenant ids are GUIDs, which the store's key encoder leaves as they are; anything else is matched by column.
        var filter = IsPlainKey(tenantId) ? TableFilter.PartitionKeyEquals(tenantId) : TableFilter.Equal("TenantId", tenantId);
        filter = filter.And(TableFilter.Equal("Kind", nameof(ConversationOwnerKind.Conversation))).And(TableFilter.Equal("ConversationType", "groupChat"));
        var chats = new List<GroupChat>();
        await foreach (var row in table.QueryAsync(new TableQuery(filter), cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("ConversationId") is { Length: > 0 } id && row.GetString("ServiceUrl") is { Length: > 0 } serviceUrl)
            {
                chats.Add(new GroupChat(id, names.GetValueOrDefault(id) ?? NeutralName(id), serviceUrl, row.GetString("BotId") ?? string.Empty));
            }
        }

        return chats.OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>The group chat with this id, only when the bot is in it (in this tenant) now.</summary>
    public async Task<GroupChat?> FindAsync(string tenantId, string conversationId, CancellationToken cancellationToken)
    {
        var reference = await references.FindAsync(tenantId, conversationId, cancellationToken).ConfigureAwait(false);
        if (reference is not { Kind: ConversationOwnerKind.Conversation, ConversationType: "groupChat" })
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

    private static bool IsPlainKey(string value) => value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');
}
