using VerzuimBot.Storage.Keys;
using VerzuimBot.Storage.Schools;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Append-only audit trail in the school's partition of the Schools table. Each entry is two rows written together:
/// "A|ticks|entry" (the school's timeline) and "AS|student|ticks|entry" (the student's), so both views are row-key
/// ranges and never disagree. The audit line of an allowed change can ride along with that change's dossier write
/// (<see cref="AppendWithNextWriteAsync"/>), so recording a fact stays one transaction.
/// </summary>
public sealed class AuditStore(ITableStoreFactory tables)
{
    private readonly SchoolTable _table = SchoolTable.For(tables);

    /// <summary>Appends the entry now; appending the same entry again (same id and time) is a no-op.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var rows = Rows(entry);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exception) when (exception.InnerException is EntityAlreadyExistsException)
        {
            // Already appended (a retry after a lost answer): the trail stays as it is.
        }
    }

    /// <summary>
    /// Within a <see cref="StoreSession"/>: kept until the next dossier write in the entry's school, which stores it in
    /// its own transaction, or until the session is flushed. Without one: appended now.
    /// </summary>
    public Task AppendWithNextWriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Rows(entry); // validates now, not when the write happens
        if (StoreSession.Current is not { } session)
        {
            return AppendAsync(entry, cancellationToken);
        }

        session.Defer(entry, WritePendingAsync);
        return Task.CompletedTask;
    }

    /// <summary>The school's entries from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListForSchoolAsync(string schoolId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.PartitionKeyEquals(SchoolRows.Partition(schoolId))
            .And(TableFilter.GreaterThanOrEqual(TableEntity.RowKeyName, SchoolRows.SchoolAudit(from, string.Empty)))
            .And(TableFilter.LessThan(TableEntity.RowKeyName, SchoolRows.SchoolAudit(to, string.Empty)));
        return await QueryAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every entry about one student, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListForStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken = default) =>
        await QueryAsync(SchoolRows.Range(SchoolRows.Partition(schoolId), SchoolRows.StudentAuditRange(studentId)), cancellationToken).ConfigureAwait(false);

    /// <summary>The entry's rows (school timeline, and the student's when it names one).</summary>
    internal static IReadOnlyList<TableEntity> Rows(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.SchoolId);
        ArgumentException.ThrowIfNullOrEmpty(entry.EntryId);
        ArgumentException.ThrowIfNullOrEmpty(entry.ActorId);
        ArgumentException.ThrowIfNullOrEmpty(entry.Action);
        var partition = SchoolRows.Partition(entry.SchoolId);
        var rows = new List<TableEntity> { ToEntity(partition, SchoolRows.SchoolAudit(entry.OccurredAt, entry.EntryId), entry) };
        if (!string.IsNullOrEmpty(entry.StudentId))
        {
            rows.Add(ToEntity(partition, SchoolRows.StudentAudit(entry.StudentId, entry.OccurredAt, entry.EntryId), entry));
        }

        return rows;
    }

    private async Task WritePendingAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            await AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<AuditEntry>> QueryAsync(TableFilter filter, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(filter), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToEntry).ToList();
    }

    private static TableEntity ToEntity(string partition, string rowKey, AuditEntry entry)
    {
        var entity = new TableEntity(partition, rowKey)
        {
            ["SchoolId"] = entry.SchoolId,
            ["StudentId"] = entry.StudentId,
            ["EntryId"] = entry.EntryId,
            ["OccurredAt"] = entry.OccurredAt,
            ["ActorId"] = entry.ActorId,
            ["Action"] = entry.Action,
            ["DetailsType"] = entry.Details.Type,
        };
        PayloadColumns.Write(entity, "Details", entry.Details.Json);
        return entity;
    }

    private static AuditEntry ToEntry(TableEntity row) => new(
        row.Required("SchoolId"),
        row.GetString("StudentId"),
        row.Required("EntryId"),
        row.GetDateTimeOffset("OccurredAt") ?? DateTimeOffset.MinValue,
        row.Required("ActorId"),
        row.Required("Action"),
        new StoredEnvelope(row.Required("DetailsType"), PayloadColumns.Read(row, "Details") ?? string.Empty));
}
