using System.Text.Json;
using VerzuimBot.Connector.Schema;
using VerzuimBot.CardActions;

namespace VerzuimBot.OverlegRoute.Actions;

/// <summary>
/// "Vernieuwen" (and the card's automatic refresh): the summary as it is now, late actions marked "te laat". The summary
/// holds only what every member of the group chat may see, so any member of that chat may refresh it; from anywhere
/// else it is refused. A press by hand also updates the message for everyone; an automatic refresh does not (a message
/// update would trigger the next automatic refresh).
/// </summary>
internal sealed class OverlegRefreshAction(OverlegChatSupport support, OverlegService overleggen) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["overleg.vernieuwen"];

    /// <summary>Anyone in the overleg's group chat, also a member without a role (ouders): the chat is what decides.</summary>
    public CardAccess Access(string verb) => CardAccess.Conversation;

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, refusal) = await support.OpenInChatAsync(press, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return refusal!;
        }

        var automatic = press.Activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("trigger", out var trigger)
            && trigger.ValueKind == JsonValueKind.String && trigger.GetString() == "automatic";
        return CardActionResult.Replace(await overleggen.RefreshSummaryAsync(context.Overleg, context.Student, context.Dossier, automatic ? null : context.MessageId, cancellationToken, update: !automatic).ConfigureAwait(false));
    }
}
