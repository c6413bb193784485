using VerzuimBot.Connector.Schema;

namespace VerzuimBot.Connector.Dialogs;

/// <summary>
/// The persisted state of a conversation's active dialog: which dialog, which question, and the
/// answers so far — strings only, so nothing changes type on a round trip through storage
/// (the lesson of botbuilder-dotnet issue #871).
/// </summary>
public sealed record DialogState(string DialogId, int Step, IReadOnlyDictionary<string, string> Answers);

/// <summary>Where dialog state lives between turns (the store, so a dialog survives a restart).</summary>
public interface IDialogStateStore
{
    Task<(DialogState State, string ETag)?> LoadAsync(string conversationKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves; <paramref name="expectedETag"/> null means "must not exist", "*" means "whatever is there". A conflict throws
    /// <see cref="DialogStateConflictException"/>.
    /// </summary>
    Task SaveAsync(string conversationKey, DialogState state, string? expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Deletes; with <paramref name="expectedETag"/> only the state as loaded (else <see cref="DialogStateConflictException"/>).</summary>
    Task DeleteAsync(string conversationKey, string? expectedETag = null, CancellationToken cancellationToken = default);
}

/// <summary>Another turn changed the dialog state first (two messages at once).</summary>
public sealed class DialogStateConflictException(Exception? innerException = null)
    : Exception("The dialog state changed during this turn.", innerException);

/// <summary>Who the dialog is talking to.</summary>
public sealed record DialogUser(string TenantId, string UserKey);

/// <summary>The result of validating one answer: the normalised value, or a Dutch problem to ask again with.</summary>
public sealed record QuestionAnswer(bool Accepted, string? Value, string? Problem)
{
    public static QuestionAnswer Accept(string value) => new(true, value, null);

    public static QuestionAnswer Reject(string problem) => new(false, null, problem);
}

/// <summary>One turn of a running dialog: what the user typed, who they are, and the activity it came in (for the host's own lookups).</summary>
public sealed record DialogTurn(string Text, DialogUser User, Activity Activity);

/// <summary>
/// What one turn of a dialog decided: the reply, and what becomes of the dialog: go on with a new state
/// (<see cref="Ask"/>), stay where it is (<see cref="Stay"/>), or end (<see cref="End"/>, or <see cref="EndThen"/> when
/// the dialog must be over before it acts, so an answer is never acted on twice).
/// </summary>
public sealed class DialogStep
{
    private DialogStep(string? reply, DialogState? next, bool ends, Func<CancellationToken, Task<string>>? afterEnd)
    {
        Reply = reply;
        Next = next;
        Ends = ends;
        AfterEnd = afterEnd;
    }

    public string? Reply { get; }

    /// <summary>The state to save; null when nothing changes.</summary>
    public DialogState? Next { get; }

    public bool Ends { get; }

    /// <summary>Runs once the state is gone; its answer is the reply.</summary>
    public Func<CancellationToken, Task<string>>? AfterEnd { get; }

    public static DialogStep Ask(string reply, DialogState next) => new(reply, next, ends: false, afterEnd: null);

    public static DialogStep Stay(string reply) => new(reply, next: null, ends: false, afterEnd: null);

    public static DialogStep End(string reply) => new(reply, next: null, ends: true, afterEnd: null);

    public static DialogStep EndThen(Func<CancellationToken, Task<string>> act) => new(reply: null, next: null, ends: true, act);
}

/// <summary>A conversation of several turns; <see cref="DialogRunner"/> keeps its state between them.</summary>
public interface IDialog
{
    string Id { get; }

    /// <summary>The next answer, with the state as stored. "stop" never reaches a dialog: the runner ends it.</summary>
    Task<DialogStep> ContinueAsync(DialogTurn turn, DialogState state, CancellationToken cancellationToken);
}

/// <summary>One question of a form dialog.</summary>
public sealed record Question(string Key, string Prompt, Func<string, QuestionAnswer> Validate);

/// <summary>A dialog that asks its questions in order and completes with all answers.</summary>
public abstract class FormDialog : IDialog
{
    public abstract string Id { get; }

    public abstract IReadOnlyList<Question> Questions { get; }

    /// <summary>Acts on the complete answers; returns the Dutch confirmation.</summary>
    public abstract Task<string> CompleteAsync(DialogUser user, IReadOnlyDictionary<string, string> answers, CancellationToken cancellationToken);

    /// <summary>The first question, to hand to <see cref="DialogRunner.BeginAsync"/>.</summary>
    public DialogStep Begin() => DialogStep.Ask(Questions[0].Prompt + " (Typ stop om te stoppen.)", new DialogState(Id, 0, new Dictionary<string, string>()));

    public async Task<DialogStep> ContinueAsync(DialogTurn turn, DialogState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        var question = Questions[Math.Clamp(state.Step, 0, Questions.Count - 1)];
        var answer = question.Validate(turn.Text);
        if (!answer.Accepted)
        {
            return DialogStep.Stay($"{answer.Problem} {question.Prompt}");
        }

        var answers = new Dictionary<string, string>(state.Answers) { [question.Key] = answer.Value! };
        var next = state.Step + 1;
        if (next < Questions.Count)
        {
            return DialogStep.Ask(Questions[next].Prompt, state with { Step = next, Answers = answers });
        }

        return DialogStep.End(await CompleteAsync(turn.User, answers, cancellationToken).ConfigureAwait(false));
    }
}

public enum DialogTurnStatus
{
    NotActive = 0,
    Waiting,
    Complete,
    Cancelled,
}

public sealed record DialogTurnResult(DialogTurnStatus Status, string? Reply);
