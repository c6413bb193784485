using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Schools;

/// <summary>
/// Moves the data of the earlier layout (tables Roster, Dossiers, AuditEntries, DueTasks and DueTaskIndex) into the
/// Schools table, once: roster, roles and dossier rows keep their keys; every role assignment also gets its row in the
/// holder's grants partition; a student's audit rows move from "S|..." to "AS|..."; a task moves from its own partition
/// into its student's range of the school partition, with a due hint when it is not finished yet (the old index rows
/// are dropped: the hints are rebuilt from the tasks); every school with data is registered for the sweep.
/// Page by page: copy (a row already at its new key wins, it is newer), then delete the page's old rows. A crash or a
/// second instance at the same moment loses nothing and the next run finishes the job; a marker row ends it for good.
/// Stop every instance of the earlier version first: a row it writes after the move is not moved.
/// </summary>
internal sealed class SchoolTableMigration(ITableStoreFactory tables, ITableStore target)
{
    private const string MarkerPartition = "~migrations";
    private const string Version = "schools-v1";
    private const int MaxActions = 100;

    // Azure's limit for a transaction's body is 4 MiB; stay well under it (strings count twice, UTF-16).
    private const long MaxBatchCharacters = 1_500_000;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await target.GetAsync(MarkerPartition, Version, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        await MoveAsync(TableNames.Roster, RosterRows, cancellationToken).ConfigureAwait(false);
        await MoveAsync(TableNames.Dossiers, DossierRows, cancellationToken).ConfigureAwait(false);
        await MoveAsync(TableNames.AuditEntries, AuditRows, cancellationToken).ConfigureAwait(false);
        await MoveAsync(TableNames.DueTasks, TaskRowsOf, cancellationToken).ConfigureAwait(false);
        await MoveAsync(TableNames.DueTaskIndex, _ => [], cancellationToken).ConfigureAwait(false);
        await target.UpsertAsync(new TableEntity(MarkerPartition, Version) { ["Layout"] = Version }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows an old row becomes; null leaves it where it is (it cannot be placed).</summary>
    private static IReadOnlyList<TableEntity>? RosterRows(TableEntity row)
    {
        var copy = Copy(row, row.PartitionKey, row.RowKey);
        if (!row.RowKey.StartsWith(SchoolRows.RoleTag + KeyEncoder.Separator, StringComparison.Ordinal)
            || row.GetString("UserId") is not { Length: > 0 } user || row.GetString("Role") is not { Length: > 0 } role)
        {
            return [copy];
        }

        var organisation = row.GetString("SchoolId") ?? KeyEncoder.Decode(row.PartitionKey);
        return [copy, Copy(row, SchoolRows.GrantsPartition(user), SchoolRows.Grant(organisation, role, row.GetString("Scope") ?? string.Empty))];
    }

    private static IReadOnlyList<TableEntity>? DossierRows(TableEntity row)
    {
        var copy = Copy(row, row.PartitionKey, row.RowKey);
        return row.RowKey.StartsWith(SchoolRows.HeadTag + KeyEncoder.Separator, StringComparison.Ordinal) && row.GetString("SchoolId") is { Length: > 0 } school
            ? [copy, SchoolTable.RegistryRow(school)]
            : [copy];
    }

    private static IReadOnlyList<TableEntity>? AuditRows(TableEntity row) =>
        row.RowKey.StartsWith(SchoolRows.StudentTag + KeyEncoder.Separator, StringComparison.Ordinal)
            ? [Copy(row, row.PartitionKey, SchoolRows.StudentAuditTag + row.RowKey[SchoolRows.StudentTag.Length..])]
            : [Copy(row, row.PartitionKey, row.RowKey)];

    private static IReadOnlyList<TableEntity>? TaskRowsOf(TableEntity row)
    {
        if (row.GetString("SchoolId") is not { Length: > 0 } school || row.GetString("StudentId") is not { Length: > 0 } student
            || row.GetString("TaskId") is not { Length: > 0 } taskId || row.GetDateTimeOffset("DueAt") is not { } dueAt)
        {
            return null;
        }

        var partition = SchoolRows.Partition(school);
        var rows = new List<TableEntity> { Copy(row, partition, SchoolRows.Task(student, taskId)), SchoolTable.RegistryRow(school) };
        if (row.EnumOr("Status", DueTaskStatus.Pending) is DueTaskStatus.Pending or DueTaskStatus.Claimed)
        {
            rows.Add(TaskRows.HintRow(school, student, dueAt));
        }

        return rows;
    }

    private async Task MoveAsync(string sourceName, Func<TableEntity, IReadOnlyList<TableEntity>?> map, CancellationToken cancellationToken)
    {
        var source = tables.GetTable(sourceName);
        string? continuation = null;
        do
        {
            TablePage page;
            try
            {
                page = await source.QueryPageAsync(new TableQuery(), continuation, cancellationToken).ConfigureAwait(false);
            }
            catch (TableStoreException exception) when (exception.Status == 404)
            {
                return; // never created: nothing to move
            }

            var moved = new List<TableEntity>();
            var copies = new List<TableEntity>();
            foreach (var row in page.Entities.Where(r => r.PartitionKey != MarkerPartition))
            {
                if (map(row) is { } mapped)
                {
                    moved.Add(row);
                    copies.AddRange(mapped);
                }
            }

            await AddAllAsync(copies, cancellationToken).ConfigureAwait(false);
            await DeleteAllAsync(source, moved, cancellationToken).ConfigureAwait(false);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    /// <summary>Adds in transactions per partition; a row already there keeps its newer content (registry rows are simply refreshed).</summary>
    private async Task AddAllAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in Batches(rows.DistinctBy(r => (r.PartitionKey, r.RowKey))))
        {
            try
            {
                await target.SubmitTransactionAsync(batch.Select(AddOrRefresh).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException exception) when (exception.InnerException is EntityAlreadyExistsException)
            {
                foreach (var row in batch)
                {
                    try
                    {
                        await target.SubmitTransactionAsync([AddOrRefresh(row)], cancellationToken).ConfigureAwait(false);
                    }
                    catch (TableTransactionFailedException single) when (single.InnerException is EntityAlreadyExistsException)
                    {
                        // Written under the new layout since: that row is the newer one.
                    }
                }
            }
        }
    }

    private static async Task DeleteAllAsync(ITableStore source, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in Batches(rows))
        {
            try
            {
                await source.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey))).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException exception) when (exception.InnerException is EntityNotFoundException)
            {
                // Another instance deleted some of them: delete the rest one by one (a missing row is fine there).
                foreach (var row in batch)
                {
                    await source.DeleteAsync(row.PartitionKey, row.RowKey, "*", cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static TableTransactionAction AddOrRefresh(TableEntity row) =>
        new(row.PartitionKey == SchoolRows.RegistryPartition ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add, row);

    /// <summary>Rows of one partition together, at most 100 and well under the size limit per transaction.</summary>
    private static IEnumerable<List<TableEntity>> Batches(IEnumerable<TableEntity> rows)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            var batch = new List<TableEntity>();
            long size = 0;
            foreach (var row in partition)
            {
                var rowSize = Size(row);
                if (batch.Count > 0 && (batch.Count == MaxActions || size + rowSize > MaxBatchCharacters))
                {
                    yield return batch;
                    batch = [];
                    size = 0;
                }

                batch.Add(row);
                size += rowSize;
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }

    private static long Size(TableEntity row) => row.PartitionKey.Length + row.RowKey.Length + row.Properties.Sum(p => p.Key.Length + (p.Value is string s ? s.Length : 16));

    private static TableEntity Copy(TableEntity row, string partitionKey, string rowKey)
    {
        var copy = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in row.Properties)
        {
            copy[name] = value;
        }

        return copy;
    }
}
