using VerzuimBot.Storage;

namespace VerzuimBot.Access.Retention;

/// <summary>
/// Dialogs half-way (a ziekmelding waiting for its next answer) hold a student's id and name: erasure and retention
/// remove every dialog state that mentions the student.
/// </summary>
public sealed class DialogStateHolder(DialogStateStore states) : IStudentDataHolder
{
    public Task<int> DeleteStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken) =>
        states.DeleteMentioningAsync(studentId, cancellationToken);
}
