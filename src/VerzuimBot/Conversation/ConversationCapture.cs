using VerzuimBot.Connector.Schema;
using VerzuimBot.Storage;

namespace VerzuimBot.Conversation;

/// <summary>
/// Keeps, per user (personal chat) and per channel or group chat, what a later proactive message
/// needs: serviceUrl, conversation id, tenant and bot id. The only mapping from activities to storage here.
/// </summary>
internal sealed class ConversationCapture(ConversationReferenceStore store, Demo.DemoStage stage, IEnumerable<IGroupChatNames> chatNames, TimeProvider time)
{
    /// <returns>True when the conversation was not known before.</returns>
    /// <param name="check">Read what is stored even when this instance saw the reference lately (installs and uninstalls).</param>
    public async Task<bool> SaveAsync(Activity activity, CancellationToken cancellationToken, bool check = false)
    {
        if (ToRecord(activity) is not { } record)
        {
            return false;
        }

        if (record.Kind == ConversationOwnerKind.User)
        {
            stage.RememberStage(record);
        }

        // Written only when it changed; usually no round trip at all (the store remembers what it read or wrote lately).
        var isNew = await store.SaveIfChangedAsync(record, check, cancellationToken).ConfigureAwait(false);

        if (activity.Conversation?.ConversationType == "groupChat" && activity.Conversation.Name?.Trim() is { Length: > 0 and <= 200 } name)
        {
            foreach (var names in chatNames)
            {
                await names.RememberAsync(record.TenantId, record.ConversationId, name, cancellationToken).ConfigureAwait(false);
            }
        }

        return isNew;
    }

    public async Task RemoveAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (ToRecord(activity) is { } record)
        {
            await store.RemoveAsync(record.TenantId, record.OwnerKey, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The tenant an activity belongs to; "onbekend" when Teams did not say (local tools).</summary>
    public static string TenantOf(Activity activity) => activity.TenantId ?? "onbekend";

    /// <summary>A channel thread id "19:x@thread.tacv2;messageid=1" belongs to channel "19:x@thread.tacv2".</summary>
    public static string ChannelOf(string conversationId)
    {
        var cut = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return cut < 0 ? conversationId : conversationId[..cut];
    }

    private ConversationReferenceRecord? ToRecord(Activity activity)
    {
        var conversation = activity.Conversation;
        if (conversation?.Id is null || activity.ServiceUrl is null)
        {
            return null;
        }

        var personal = conversation.ConversationType is null or "personal" && conversation.IsGroup != true;
        var ownerKey = personal ? activity.From?.AadObjectId ?? activity.From?.Id : ChannelOf(conversation.Id);
        if (ownerKey is null)
        {
            return null;
        }

        return new ConversationReferenceRecord(
            TenantOf(activity),
            ownerKey,
            personal ? ConversationOwnerKind.User : ConversationOwnerKind.Conversation,
            personal ? conversation.Id : ChannelOf(conversation.Id),
            activity.ServiceUrl,
            activity.ChannelId ?? "msteams",
            activity.Recipient?.Id ?? string.Empty,
            conversation.ConversationType,
            time.GetUtcNow(),
            personal ? activity.From?.Id : null);
    }
}
