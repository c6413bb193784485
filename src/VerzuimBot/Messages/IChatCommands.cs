using VerzuimBot.Connector.Schema;

namespace VerzuimBot.Messages;

/// <summary>
/// A capability's chat commands. The turn handler offers each typed message to every capability in
/// registration order; the first that recognises it answers. Unrecognised text returns null.
/// </summary>
internal interface IChatCommands
{
    /// <param name="command">Lower-case text without the @mention.</param>
    /// <param name="original">The text as typed (without the @mention), for names and free text.</param>
    /// <param name="dialogKey">Tenant, conversation and user: the key of this person's dialog in this chat.</param>
    Task<Activity?> TryHandleAsync(Activity activity, string command, string original, string dialogKey, CancellationToken cancellationToken);
}
