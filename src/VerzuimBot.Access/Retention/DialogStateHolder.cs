using VerzuimBot.Storage;

namespace VerzuimBot.Access.Retention;

/// <summary>
/// Dialogs half-way (a ziekmelding waiting for its next answer) hold a student's id and name: erasure and retention
/// remove every dialog state that mentions the student, and the pseudonym migration gives them the new id.
/// </summary>
public sealed class DialogStateHolder(DialogStateStore states) : IStudentDataHolder
{
    public Task<int> DeleteStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken) =>
        states.DeleteMentioningAsync(studentId, cancellationToken);

    /// <summary>Dialog states are per conversation, not per school: every state is looked at, and only ids of the map change.</summary>
    public Task<int> RenameStudentsAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, CancellationToken cancellationToken) =>
        states.RenameStudentsAsync(newIdByOldId, cancellationToken);
}
