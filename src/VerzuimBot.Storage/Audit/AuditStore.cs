using System.Globalization;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Append-only audit trail, one partition per school. Each entry is written as one transaction
/// of two rows: "A|ticks|entry" (the school's timeline) and "S|student|ticks|entry" (the
/// student's), so both views are row-key ranges and never disagree.
/// </summary>
public sealed class AuditStore(ITableStoreFactory tables)
{
    private readonly TableHandle _table = new(tables, TableNames.AuditEntries);

    /// <summary>Appends the entry; appending the same entry again (same id and time) is a no-op.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.SchoolId);
        ArgumentException.ThrowIfNullOrEmpty(entry.EntryId);
        ArgumentException.ThrowIfNullOrEmpty(entry.ActorId);
        ArgumentException.ThrowIfNullOrEmpty(entry.Action);
        var partition = KeyEncoder.Encode(entry.SchoolId);
        var ticks = entry.OccurredAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, ToEntity(partition, KeyEncoder.Compose("A", ticks, KeyEncoder.Encode(entry.EntryId)), entry)),
        };
        if (!string.IsNullOrEmpty(entry.StudentId))
        {
            actions.Add(new(TableTransactionActionType.Add, ToEntity(partition, KeyEncoder.Compose("S", KeyEncoder.Encode(entry.StudentId), ticks, KeyEncoder.Encode(entry.EntryId)), entry)));
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exception) when (exception.InnerException is EntityAlreadyExistsException)
        {
            // Already appended (a retry after a lost answer): the trail stays as it is.
        }
    }

    /// <summary>The school's entries from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListForSchoolAsync(string schoolId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var filter = TableFilter.PartitionKeyEquals(KeyEncoder.Encode(schoolId))
            .And(TableFilter.GreaterThanOrEqual(TableEntity.RowKeyName, KeyEncoder.Compose("A", from.UtcTicks.ToString("D19", CultureInfo.InvariantCulture))))
            .And(TableFilter.LessThan(TableEntity.RowKeyName, KeyEncoder.Compose("A", to.UtcTicks.ToString("D19", CultureInfo.InvariantCulture))));
        return await QueryAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every entry about one student, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListForStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(studentId);
        var prefix = KeyEncoder.Compose("S", KeyEncoder.Encode(studentId)) + KeyEncoder.Separator;
        return await QueryAsync(EntityReading.PrefixFilter(KeyEncoder.Encode(schoolId), prefix), cancellationToken).ConfigureAwait(false);
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
