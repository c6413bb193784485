namespace VerzuimBot.Connector.Dialogs;

/// <summary>
/// The one dialog mechanism: runs every <see cref="IDialog"/> turn by turn. It loads the conversation's state once per
/// turn, ends any dialog on "stop", hands the answer to the dialog whose state it is, and saves what the dialog decided
/// with an ETag check, so a restart mid-dialog loses nothing and two turns at once cannot both win.
/// </summary>
public sealed class DialogRunner(IDialogStateStore store, IEnumerable<IDialog> dialogs)
{
    public const string Cancelled = "Gestopt. Er is niets opgeslagen.";
    public const string Busy = "Ik was nog bezig met je vorige bericht. Stuur je antwoord nog een keer.";
    private static readonly HashSet<string> StopWords = ["stop", "stoppen", "annuleer", "annuleren", "laat maar"];
    private readonly Dictionary<string, IDialog> _dialogs = dialogs.ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>Starts a dialog with its first step (which replaces any dialog running here); returns the reply.</summary>
    public async Task<string> BeginAsync(string conversationKey, DialogStep first, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        var existing = await store.LoadAsync(conversationKey, cancellationToken).ConfigureAwait(false);
        return await ApplyAsync(conversationKey, first, existing?.ETag, existing is not null, cancellationToken).ConfigureAwait(false);
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
            await store.DeleteAsync(conversationKey, cancellationToken).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Cancelled, Cancelled);
        }

        var step = await dialog.ContinueAsync(turn, loaded.State, cancellationToken).ConfigureAwait(false);
        var reply = await ApplyAsync(conversationKey, step, loaded.ETag, exists: true, cancellationToken).ConfigureAwait(false);
        return new DialogTurnResult(step.Ends ? DialogTurnStatus.Complete : DialogTurnStatus.Waiting, reply);
    }

    private async Task<string> ApplyAsync(string conversationKey, DialogStep step, string? etag, bool exists, CancellationToken cancellationToken)
    {
        if (step.Next is { } next)
        {
            await SaveAsync(conversationKey, next, etag, cancellationToken).ConfigureAwait(false);
        }
        else if (step.Ends && exists)
        {
            await store.DeleteAsync(conversationKey, cancellationToken).ConfigureAwait(false);
        }

        return step.AfterEnd is { } act ? await act(cancellationToken).ConfigureAwait(false) : step.Reply!;
    }

    private async Task SaveAsync(string conversationKey, DialogState state, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(conversationKey, state, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (DialogStateConflictException)
        {
            throw new DialogBusyException();
        }
    }
}

/// <summary>Two turns raced on one dialog; the caller answers with <see cref="DialogRunner.Busy"/>.</summary>
public sealed class DialogBusyException() : Exception(DialogRunner.Busy);
