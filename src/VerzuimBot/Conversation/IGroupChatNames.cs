namespace VerzuimBot.Conversation;

/// <summary>
/// Keeps the name Teams gives a group chat ("Kernpartneroverleg"), so people can pick the chat by its name later. Only a
/// chat's first known name is kept: a name someone gave it on purpose ("overleg hier &lt;naam&gt;") is never overwritten.
/// </summary>
internal interface IGroupChatNames
{
    Task RememberAsync(string tenantId, string conversationId, string name, CancellationToken cancellationToken);
}
