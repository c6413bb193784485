namespace VerzuimBot.Access.Retention;

/// <summary>
/// A store outside the dossier that keeps rows about a student (e.g. which group chat an overleg used). Erasure on
/// request and the retention job remove those rows too, so no route can keep what the dossier no longer holds; the
/// pseudonym migration gives them the student's new id, so no route loses the student.
/// </summary>
public interface IStudentDataHolder
{
    /// <returns>How many rows were removed.</returns>
    Task<int> DeleteStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken);

    /// <summary>Moves the rows of the school's students in the map to their new ids; repeating it changes nothing.</summary>
    /// <returns>How many rows changed.</returns>
    Task<int> RenameStudentsAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, CancellationToken cancellationToken);
}
