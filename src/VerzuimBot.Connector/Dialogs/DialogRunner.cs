namespace VerzuimBot.Connector.Dialogs;

/// <summary>
/// Runs form dialogs turn by turn: ask, validate, ask again in Dutch, cancel with "stop". The state
/// is saved after every step with an ETag check, so a restart mid-dialog loses nothing.
/// </summary>
public sealed class DialogRunner(IDialogStateStore store, IEnumerable<FormDialog> dialogs)
{
    public const string Cancelled = "Gestopt. Er is niets opgeslagen.";
    public const string Busy = "Ik was nog bezig met je vorige bericht. Stuur je antwoord nog een keer.";
    private static readonly HashSet<string> StopWords = ["stop", "stoppen", "annuleer", "annuleren", "laat maar"];
    private readonly Dictionary<string, FormDialog> _dialogs = dialogs.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public async Task<DialogTurnResult> BeginAsync(string conversationKey, string dialogId, CancellationToken cancellationToken = default)
    {
        var dialog = _dialogs[dialogId];
        var existing = await store.LoadAsync(conversationKey, cancellationToken).ConfigureAwait(false);
        var state = new DialogState(dialogId, 0, new Dictionary<string, string>());
        await SaveAsync(conversationKey, state, existing?.ETag, cancellationToken).ConfigureAwait(false);
        return new DialogTurnResult(DialogTurnStatus.Waiting, dialog.Questions[0].Prompt + " (Typ stop om te stoppen.)");
    }

    public async Task<DialogTurnResult> ContinueAsync(string conversationKey, string text, DialogUser user, CancellationToken cancellationToken = default)
    {
        if (await store.LoadAsync(conversationKey, cancellationToken).ConfigureAwait(false) is not { } loaded
            || !_dialogs.TryGetValue(loaded.State.DialogId, out var dialog))
        {
            return new DialogTurnResult(DialogTurnStatus.NotActive, null);
        }

        if (StopWords.Contains(text.Trim().ToLowerInvariant()))
        {
            await store.DeleteAsync(conversationKey, cancellationToken).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Cancelled, Cancelled);
        }

        var state = loaded.State;
        var question = dialog.Questions[Math.Clamp(state.Step, 0, dialog.Questions.Count - 1)];
        var answer = question.Validate(text);
        if (!answer.Accepted)
        {
            return new DialogTurnResult(DialogTurnStatus.Waiting, $"{answer.Problem} {question.Prompt}");
        }

        var answers = new Dictionary<string, string>(state.Answers) { [question.Key] = answer.Value! };
        var next = state.Step + 1;
        if (next < dialog.Questions.Count)
        {
            await SaveAsync(conversationKey, state with { Step = next, Answers = answers }, loaded.ETag, cancellationToken).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Waiting, dialog.Questions[next].Prompt);
        }

        var confirmation = await dialog.CompleteAsync(user, answers, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(conversationKey, cancellationToken).ConfigureAwait(false);
        return new DialogTurnResult(DialogTurnStatus.Complete, confirmation);
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
