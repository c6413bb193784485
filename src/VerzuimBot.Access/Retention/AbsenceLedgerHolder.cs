using VerzuimBot.Storage;

namespace VerzuimBot.Access.Retention;

/// <summary>
/// The absence import's ledger (issue 22) keeps, per student and school year, which registrations the school system gave:
/// days and kinds of absence. Erasure and retention remove it with the dossier; the pseudonym migration moves it to the new id.
/// </summary>
public sealed class AbsenceLedgerHolder(AbsenceRegistrationStore ledgers) : IStudentDataHolder
{
    public Task<int> DeleteStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken) =>
        ledgers.DeleteStudentAsync(schoolId, studentId, cancellationToken);

    public Task<int> RenameStudentsAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, CancellationToken cancellationToken) =>
        ledgers.RenameStudentsAsync(schoolId, newIdByOldId, cancellationToken);
}
