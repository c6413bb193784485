namespace VerzuimBot.Storage;

/// <summary>
/// What a proactive message needs to reach a user or a channel/group chat later.
/// <paramref name="OwnerKey"/> is the user's AAD object id (<see cref="ConversationOwnerKind.User"/>)
/// or a channel/group-chat conversation id (<see cref="ConversationOwnerKind.Conversation"/>).
/// <paramref name="UserId"/> is the user's channel id ("29:..."), needed to create a 1:1 conversation.
/// </summary>
public sealed record ConversationReferenceRecord(
    string TenantId,
    string OwnerKey,
    ConversationOwnerKind Kind,
    string ConversationId,
    string ServiceUrl,
    string ChannelId,
    string BotId,
    string? ConversationType,
    DateTimeOffset UpdatedAt,
    string? UserId = null);
