using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Keys;

/// <summary>
/// Moves the rows an earlier version keyed differently to the keys of <see cref="KeyEncoder"/>, once per table: on the
/// store's first use, before anything is read or written, every row whose keys differ from what
/// <paramref name="keysOf"/> says they should be is copied to those keys and then deleted. A row already at the new key
/// wins (it is newer), so two instances migrating at once, or a crash between copy and delete, lose nothing: the next
/// run deletes the leftover. A marker row (<c>~migrations</c>, <paramref name="version"/>) ends it for good. A failed
/// run is not cached: the next call tries again.
/// </summary>
internal sealed class KeyMigration(string version, Func<TableEntity, (string PartitionKey, string RowKey)?> keysOf, TimeProvider time)
{
    // '~' followed by something that is not two hex digits: no KeyEncoder output can be this partition.
    private const string MarkerPartition = "~migrations";
    private Task? _run;

    public async ValueTask EnsureAsync(ITableStore table, CancellationToken cancellationToken)
    {
        var run = _run;
        if (run is null || run.IsFaulted || run.IsCanceled)
        {
            run = RunAsync(table);
            _run = run;
        }

        await run.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(ITableStore table)
    {
        if (await table.GetAsync(MarkerPartition, version, CancellationToken.None).ConfigureAwait(false) is not null)
        {
            return;
        }

        var rows = await table.QueryAsync(new TableQuery(), CancellationToken.None).ToListAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var row in rows.Where(r => r.PartitionKey != MarkerPartition))
        {
            if (keysOf(row) is not { } keys || (keys.PartitionKey == row.PartitionKey && keys.RowKey == row.RowKey))
            {
                continue;
            }

            var moved = new TableEntity(keys.PartitionKey, keys.RowKey);
            foreach (var (name, value) in row.Properties)
            {
                moved[name] = value;
            }

            try
            {
                await table.AddAsync(moved, CancellationToken.None).ConfigureAwait(false);
            }
            catch (EntityAlreadyExistsException)
            {
                // Written under the new key since: that row is the newer one.
            }

            await table.DeleteAsync(row.PartitionKey, row.RowKey, "*", CancellationToken.None).ConfigureAwait(false);
        }

        await table.UpsertAsync(new TableEntity(MarkerPartition, version) { ["CompletedAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
    }
}
