namespace VerzuimBot.Storage;

public enum ConversationOwnerKind
{
    User,
    Conversation,
}
