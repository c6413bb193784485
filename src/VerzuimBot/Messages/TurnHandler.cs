using System.Text.Json;
using System.Text.RegularExpressions;
using VerzuimBot.Connector.Client;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Conversation;
using VerzuimBot.Storage;
using VerzuimBot.Absence;
using VerzuimBot.Connector.Dialogs;
using VerzuimBot.Staff;
using VerzuimBot.CardActions;

namespace VerzuimBot.Messages;

/// <summary>One turn: dispatch an inbound activity by type, answer through the connector (or the invoke response).</summary>
internal sealed partial class TurnHandler(
    ConnectorClient connector, ConversationCapture capture, BotReplies replies, ProcessedActivityStore processed, TimeProvider time, DialogRunner dialogs, AbsenceDialog absenceDialog, AbsenceCommands absence,
    IEnumerable<IChatCommands> commands, CardActionRouter cardActions, Tasks.MorningOverview overview, ActingStaff acting, ILogger<TurnHandler> logger)
{
    public async Task<InvokeResponse?> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageAsync(activity, cancellationToken).ConfigureAwait(false);
                return null;
            case ActivityTypes.ConversationUpdate:
            case ActivityTypes.InstallationUpdate:
                await OnMembershipAsync(activity, cancellationToken).ConfigureAwait(false);
                return null;
            case ActivityTypes.Invoke:
                return await OnInvokeAsync(activity, cancellationToken).ConfigureAwait(false);
            default:
                logger.LogInformation("Ignored an activity of type {Type}", activity.Type);
                return null;
        }
    }

    /// <summary>Replies with one plain sentence; a connector failure is logged, not thrown (the caller has nothing else to do).</summary>
    public async Task TellAsync(Activity activity, string text, CancellationToken cancellationToken)
    {
        try
        {
            await ReplyAsync(activity, Activity.Message(text), cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            logger.LogWarning("Could not send a refusal (status {Status})", ex.Status);
        }
    }

    /// <summary>Best effort: tells the user the store is unavailable. False when even that could not be sent.</summary>
    public async Task<bool> TellStoreUnavailableAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Type != ActivityTypes.Message)
        {
            return false;
        }

        try
        {
            // Straight to the connector: the turn's audit lines wait for a store that answers.
            await AnswerAsync(activity, Activity.Message(BotReplies.StoreUnavailable), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConnectorException)
        {
            return false;
        }
    }

    private async Task OnMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (await capture.SaveAsync(activity, cancellationToken).ConfigureAwait(false))
        {
            // First contact: link the Teams user to their staff e-mail now, so reminders can reach them.
            await acting.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        }
        if (activity.Value is { ValueKind: JsonValueKind.Object } value)
        {
            await OnCardSubmitAsync(activity, value, cancellationToken).ConfigureAwait(false);
            return;
        }

        var command = Normalize(activity.Text);
        var dialogKey = DialogKey(activity);
        Activity? reply = command switch
        {
            "help" or "hulp" or "?" or "/help" => Activity.CardMessage(await HelpAsync(activity, cancellationToken).ConfigureAwait(false)),
            "wie ben ik" => Activity.Message(BotReplies.WhoAmI(activity.From)),
            "afwezig" => Activity.Message(await dialogs.BeginAsync(dialogKey, absenceDialog.Begin(), cancellationToken).ConfigureAwait(false)),
            "afwezig formulier" => Activity.CardMessage(replies.AbsenceForm(null, null, null, Today, null)),
            "afwezig?" or "status afwezig" => Activity.Message(await absence.DescribeAsync(User(activity), cancellationToken).ConfigureAwait(false)),
            _ => null,
        };

        foreach (var capability in commands)
        {
            reply ??= await capability.TryHandleAsync(activity, command, StripMention(activity.Text), dialogKey, cancellationToken).ConfigureAwait(false);
        }

        reply ??= await ContinueDialogAsync(activity, dialogKey, cancellationToken).ConfigureAwait(false);
        reply ??= Activity.Message(command.Length == 0 ? BotReplies.Empty : BotReplies.NotUnderstoodFor(command, StripMention(activity.Text)));

        await ReplyAsync(activity, reply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Help for the person asking: the commands of the roles they hold now (their demo persona's in the demo).</summary>
    private async Task<JsonNodeCard> HelpAsync(Activity activity, CancellationToken cancellationToken)
    {
        var known = await acting.KnownAsync(activity, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var roles = known?.Actor.Grants.Where(g => g.IsValidAt(now)).Select(g => g.Role).Distinct().ToList() ?? [];
        var name = known is not null ? PeopleNames.Name(known) : PeopleNames.Clean(activity.From?.Name);
        return replies.Help(name, roles, roles.Count == 0 ? ActingStaff.NoRole : null);
    }

    /// <summary>The next answer of the dialog running in this conversation (ziekmelding, afwezig); null when none runs.</summary>
    private async Task<Activity?> ContinueDialogAsync(Activity activity, string dialogKey, CancellationToken cancellationToken)
    {
        try
        {
            var turn = await dialogs.ContinueAsync(dialogKey, new DialogTurn(StripMention(activity.Text), User(activity), activity), cancellationToken).ConfigureAwait(false);
            return turn.Status == DialogTurnStatus.NotActive ? null : Activity.Message(turn.Reply!);
        }
        catch (DialogBusyException)
        {
            return Activity.Message(DialogRunner.Busy);
        }
    }

    /// <summary>Action.Submit arrives as a message with the card's data and inputs in value.</summary>
    private async Task OnCardSubmitAsync(Activity activity, JsonElement value, CancellationToken cancellationToken)
    {
        var verb = value.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (verb != AbsenceCommands.ClearVerb)
        {
            await ReplyAsync(activity, Activity.Message(BotReplies.UnknownCardAction), cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = Activity.CardMessage(await absence.ClearAsync(User(activity), activity.From?.Name, cancellationToken).ConfigureAwait(false));
        if (activity.ReplyToId is { Length: > 0 } cardId)
        {
            // Replace the pressed card in place, so nobody presses it again.
            await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, cardId, Address(activity, result), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await SendAsync(activity, result, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task OnMembershipAsync(Activity activity, CancellationToken cancellationToken)
    {
        var botId = activity.Recipient?.Id;
        var botRemoved = activity.Action is "remove" or "remove-upgrade"
            || activity.MembersRemoved?.Any(m => m.Id == botId) == true;
        if (botRemoved)
        {
            await capture.RemoveAsync(activity, cancellationToken).ConfigureAwait(false);
            return;
        }

        var isNew = await capture.SaveAsync(activity, cancellationToken, check: true).ConfigureAwait(false);
        var botAdded = activity.Action is "add" || activity.MembersAdded?.Any(m => m.Id == botId) == true;

        // Teams (and the Playground) announce an install with both installationUpdate and conversationUpdate,
        // often at once: an insert-wins marker makes sure the welcome card is sent once per conversation.
        if (botAdded && await processed.TryMarkProcessedAsync("welkom", activity.Conversation!.Id!, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            await SendAsync(activity, Activity.CardMessage(replies.Welcome()), cancellationToken).ConfigureAwait(false);
        }

        if (botAdded && activity.Conversation?.ConversationType is "groupChat" or "channel")
        {
            await acting.LinkMembersAsync(activity, cancellationToken).ConfigureAwait(false);
        }
        else if (isNew && activity.From?.AadObjectId is { Length: > 0 })
        {
            await acting.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<InvokeResponse> OnInvokeAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Name != "adaptiveCard/action")
        {
            logger.LogInformation("Unsupported invoke {Name}", activity.Name is { Length: <= 64 } name ? name : "(long)");
            return new InvokeResponse(StatusCodes.Status501NotImplemented, null);
        }

        var action = activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        var verb = action.ValueKind == JsonValueKind.Object && action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (cardActions.Handles(verb) || verb == Tasks.MorningOverview.RefreshVerb)
        {
            var data = new CardData(action.TryGetProperty("data", out var routeData) && routeData.ValueKind == JsonValueKind.Object ? routeData : default);
            var overviewEntries = Tasks.OverviewEntry.Parse(data);
            var result = verb == Tasks.MorningOverview.RefreshVerb ? null : await cardActions.HandleAsync(verb!, activity, data, cancellationToken).ConfigureAwait(false);

            // On a morning overview the answer comes back as the overview with the answer in the item's place (issue 21 item 3).
            if (overviewEntries.Count > 0 && result is not { Card: null })
            {
                result = await overview.ShowAsync(activity, overviewEntries, result is { Card: { } answer } ? (data.Id("taak") ?? string.Empty, answer) : null, cancellationToken).ConfigureAwait(false);
            }

            result ??= CardActionResult.Say(Tasks.MorningOverview.NotYours);
            return result.Card is { } replaced
                ? new InvokeResponse(StatusCodes.Status200OK, new { statusCode = 200, type = Attachment.AdaptiveCardContentType, value = replaced.Content })
                : new InvokeResponse(StatusCodes.Status200OK, new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = result.Message });
        }

        if (verb == AbsenceCommands.SaveVerb)
        {
            var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            var card = await absence.SaveFromCardAsync(User(activity), activity.From?.Name, data, cancellationToken).ConfigureAwait(false);

            // Universal Actions: the refreshed card travels back in the invoke response (bot-connector-protocol §7.3).
            return new InvokeResponse(StatusCodes.Status200OK, new { statusCode = 200, type = Attachment.AdaptiveCardContentType, value = card.Content });
        }

        return new InvokeResponse(StatusCodes.Status200OK, new
        {
            statusCode = 400,
            type = "application/vnd.microsoft.error",
            value = new { code = "UnknownVerb", message = BotReplies.UnknownCardAction },
        });
    }

    private DateOnly Today => Domain.Calendar.SchoolClock.Today(time);

    private static DialogUser User(Activity activity) => new(ConversationCapture.TenantOf(activity), activity.From?.AadObjectId ?? activity.From?.Id ?? "onbekend");

    private static string DialogKey(Activity activity) => $"{ConversationCapture.TenantOf(activity)}|{activity.Conversation!.Id}|{User(activity).UserKey}";

    private static string StripMention(string? text) => text is null ? string.Empty : Mention().Replace(text, " ").Trim();

    private async Task<string?> ReplyAsync(Activity inbound, Activity reply, CancellationToken cancellationToken)
    {
        // The turn's audit lines are stored before anyone is told what it did.
        if (StoreSession.Current is { } session)
        {
            await session.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return await AnswerAsync(inbound, reply, cancellationToken).ConfigureAwait(false);
    }

    private Task<string?> AnswerAsync(Activity inbound, Activity reply, CancellationToken cancellationToken) =>
        inbound.Id is { Length: > 0 } id
            ? connector.ReplyAsync(inbound.ServiceUrl!, inbound.Conversation!.Id!, id, Address(inbound, reply), cancellationToken)
            : SendAsync(inbound, reply, cancellationToken);

    private Task<string?> SendAsync(Activity inbound, Activity reply, CancellationToken cancellationToken) =>
        connector.SendAsync(inbound.ServiceUrl!, inbound.Conversation!.Id!, Address(inbound, reply), cancellationToken);

    private static Activity Address(Activity inbound, Activity reply) =>
        reply with { From = inbound.Recipient, Recipient = inbound.From, Conversation = inbound.Conversation };

    /// <summary>Lower-case, trimmed text without the @mention of the bot (group chats and channels).</summary>
    internal static string Normalize(string? text) =>
        text is null ? string.Empty : Whitespace().Replace(Mention().Replace(text, " "), " ").Trim().ToLowerInvariant();

    [GeneratedRegex("<at[^>]*>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 100)]
    private static partial Regex Mention();

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Whitespace();
}
