namespace VerzuimBot.Connector.Dialogs;

/// <summary>
/// The one dialog mechanism: runs every <see cref="IDialog"/> turn by turn. It loads the conversation's state at most
/// once per turn and writes it at most once: it ends any dialog on "stop", hands the answer to the dialog whose state it
/// is, and saves (or, at the end, deletes) what the dialog decided with an ETag check, so a restart mid-dialog loses
/// nothing and two turns at once cannot both win. Starting a dialog replaces whatever ran here without reading it.
/// </summary>
public sealed class DialogRunner(IDialogStateStore store, IEnumerable<IDialog> dialogs)
{
    public const string Cancelled = "Gestopt. Er is niets opgeslagen.";
    public const string Busy = "Ik was nog bezig met je vorige bericht. Stuur je antwoord nog een keer.";
    private static readonly HashSet<string> StopWords = ["stop", "stoppen", "annuleer", "annuleren", "laat maar"];
    private const string AnyState = "*";
    private readonly Dictionary<string, IDialog> _dialogs = dialogs.ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>Starts a dialog with its first step (which replaces any dialog running here); returns the reply.</summary>
    public async Task<string> BeginAsync(string conversationKey, DialogStep first, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        return await ApplyAsync(conversationKey, first, AnyState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next answer of the dialog running here; <see cref="DialogTurnStatus.NotActive"/> when none runs.</summary>
    public async Task<DialogTurnResult> ContinueAsync(string conversationKey, DialogTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await store.LoadAsync(conversationKey, cancellationToken).ConfigureAwait(false) is not { } loaded
            || !_dialogs.TryGetValue(loaded.State.DialogId, out var dialog))
        {
            return new DialogTurnResult(DialogTurnStatus.NotActive, null);
        }

        if (StopWords.Contains(turn.Text.Trim().ToLowerInvariant()))
        {
            await store.DeleteAsync(conversationKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Cancelled, Cancelled);
        }

        var step = await dialog.ContinueAsync(turn, loaded.State, cancellationToken).ConfigureAwait(false);
        var reply = await ApplyAsync(conversationKey, step, loaded.ETag, cancellationToken).ConfigureAwait(false);
        return new DialogTurnResult(step.Ends ? DialogTurnStatus.Complete : DialogTurnStatus.Waiting, reply);
    }

    /// <param name="etag">The state as loaded, or <see cref="AnyState"/> when a new dialog replaces whatever runs here.</param>
    private async Task<string> ApplyAsync(string conversationKey, DialogStep step, string etag, CancellationToken cancellationToken)
    {
        try
        {
            if (step.Next is { } next)
            {
                await store.SaveAsync(conversationKey, next, etag, cancellationToken).ConfigureAwait(false);
            }
            else if (step.Ends)
            {
                // Only the state this turn answered: of two answers at once (a "ja" sent twice), one ends the dialog and acts.
                await store.DeleteAsync(conversationKey, etag == AnyState ? null : etag, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DialogStateConflictException)
        {
            throw new DialogBusyException();
        }

        return step.AfterEnd is { } act ? await act(cancellationToken).ConfigureAwait(false) : step.Reply!;
    }
}

/// <summary>Two turns raced on one dialog; the caller answers with <see cref="DialogRunner.Busy"/>.</summary>
public sealed class DialogBusyException() : Exception(DialogRunner.Busy);
