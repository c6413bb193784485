namespace VerzuimBot.Access.Retention;

/// <summary>
/// A store outside the dossier that keeps rows about a student (e.g. which group chat an overleg used). Erasure on
/// request and the retention job remove those rows too, so no route can keep what the dossier no longer holds.
/// </summary>
public interface IStudentDataHolder
{
    /// <returns>How many rows were removed.</returns>
    Task<int> DeleteStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken);
}
