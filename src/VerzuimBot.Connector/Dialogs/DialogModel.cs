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

    /// <summary>Saves; <paramref name="expectedETag"/> null means "must not exist". A conflict throws <see cref="DialogStateConflictException"/>.</summary>
    Task SaveAsync(string conversationKey, DialogState state, string? expectedETag, CancellationToken cancellationToken = default);

    Task DeleteAsync(string conversationKey, CancellationToken cancellationToken = default);
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

/// <summary>One question of a form dialog.</summary>
public sealed record Question(string Key, string Prompt, Func<string, QuestionAnswer> Validate);

/// <summary>A dialog that asks its questions in order and completes with all answers.</summary>
public abstract class FormDialog
{
    public abstract string Id { get; }

    public abstract IReadOnlyList<Question> Questions { get; }

    /// <summary>Acts on the complete answers; returns the Dutch confirmation.</summary>
    public abstract Task<string> CompleteAsync(DialogUser user, IReadOnlyDictionary<string, string> answers, CancellationToken cancellationToken);
}

public enum DialogTurnStatus
{
    NotActive = 0,
    Waiting,
    Complete,
    Cancelled,
}

public sealed record DialogTurnResult(DialogTurnStatus Status, string? Reply);
