using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// A student's registrations in the school system as the last absence import knew them, for one school year (issue 22):
/// what a later export is compared with, so a changed or deleted registration becomes a correction. The payload is the
/// application layer's own JSON envelope (registration keys, days, kinds; no names, no codes' free text).
/// </summary>
public sealed record AbsenceLedger(string SchoolId, string StudentId, string SchoolYear, StoredEnvelope Registrations);

/// <summary>
/// Table "AbsenceRegistrations": PartitionKey = school id, RowKey = "Y|school year|student", so a school's whole year is one
/// row-key range (one query per import) and a student's row is one point write.
/// </summary>
public sealed class AbsenceRegistrationStore(ITableStoreFactory tables)
{
    private const string YearPrefix = "Y";
    private const string Payload = "Registrations";
    private readonly TableHandle _table = new(tables, TableNames.AbsenceRegistrations);

    public async Task<IReadOnlyList<AbsenceLedger>> ReadYearAsync(string schoolId, string schoolYear, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(schoolYear);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var prefix = KeyEncoder.Compose(YearPrefix, KeyEncoder.Encode(schoolYear)) + KeyEncoder.Separator;
        var rows = await table.QueryAsync(new TableQuery(EntityReading.PrefixFilter(KeyEncoder.Encode(schoolId), prefix)), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToLedger).ToList();
    }

    public async Task SaveAsync(AbsenceLedger ledger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertAsync(ToEntity(ledger), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Erasure and retention: every year's row of the student.</summary>
    public async Task<int> DeleteStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StudentRowsAsync(table, schoolId, studentId, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await table.DeleteAsync(row.PartitionKey, row.RowKey, "*", cancellationToken).ConfigureAwait(false);
        }

        return rows.Count;
    }

    /// <summary>The pseudonym migration: the rows move to the new ids (written first, then the old removed; repeating changes nothing).</summary>
    public async Task<int> RenameStudentsAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newIdByOldId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var moved = 0;
        foreach (var (oldId, newId) in newIdByOldId)
        {
            foreach (var row in await StudentRowsAsync(table, schoolId, oldId, cancellationToken).ConfigureAwait(false))
            {
                var ledger = ToLedger(row);
                await table.UpsertAsync(ToEntity(ledger with { StudentId = newId }), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                await table.DeleteAsync(row.PartitionKey, row.RowKey, "*", cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }

        return moved;
    }

    private static async Task<List<TableEntity>> StudentRowsAsync(ITableStore table, string schoolId, string studentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(studentId);
        var filter = EntityReading.PrefixFilter(KeyEncoder.Encode(schoolId), YearPrefix + KeyEncoder.Separator).And(TableFilter.Equal("StudentId", studentId));
        return await table.QueryAsync(new TableQuery(filter), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity ToEntity(AbsenceLedger ledger)
    {
        ArgumentException.ThrowIfNullOrEmpty(ledger.SchoolId);
        ArgumentException.ThrowIfNullOrEmpty(ledger.StudentId);
        var entity = new TableEntity(KeyEncoder.Encode(ledger.SchoolId), KeyEncoder.Compose(YearPrefix, KeyEncoder.Encode(ledger.SchoolYear), KeyEncoder.Encode(ledger.StudentId)))
        {
            ["SchoolId"] = ledger.SchoolId,
            ["StudentId"] = ledger.StudentId,
            ["SchoolYear"] = ledger.SchoolYear,
            ["RegistrationsType"] = ledger.Registrations.Type,
        };
        PayloadColumns.Write(entity, Payload, ledger.Registrations.Json);
        return entity;
    }

    private static AbsenceLedger ToLedger(TableEntity row) => new(
        row.Required("SchoolId"), row.Required("StudentId"), row.Required("SchoolYear"), new StoredEnvelope(row.Required("RegistrationsType"), PayloadColumns.Read(row, Payload) ?? "{}"));
}
