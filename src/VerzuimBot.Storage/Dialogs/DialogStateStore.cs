using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Dialog state per conversation, guarded by ETags so two turns of one conversation handled by
/// two instances cannot overwrite each other. PartitionKey = conversation key, RowKey = "state".
/// The JSON is split across properties, so state up to ~480 000 characters fits.
/// A dialog half-way holds what was typed, e.g. a child's name, so a state left alone for <see cref="MaxIdle"/>
/// is gone: loading it finds nothing (and removes it), and <see cref="DeleteIdleAsync"/> sweeps the rest.
/// </summary>
public sealed class DialogStateStore(ITableStoreFactory tables, TimeProvider time)
{
    /// <summary>How long a dialog may wait for its next answer (issue 19 item 8).</summary>
    public static readonly TimeSpan MaxIdle = TimeSpan.FromDays(1);

    private const string StateRow = "state";
    private const string StateProperty = "State";
    private const string UpdatedAtProperty = "UpdatedAt";
    private readonly TableHandle _table = new(tables, TableNames.DialogStates);

    public async Task<DialogStateRecord?> LoadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetAsync(KeyEncoder.Encode(conversationKey), StateRow, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        if (IsIdle(entity, time.GetUtcNow()))
        {
            await DeleteIfUnchangedAsync(table, entity, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return new DialogStateRecord(PayloadColumns.Read(entity, StateProperty) ?? string.Empty, entity.ETag ?? string.Empty);
    }

    /// <summary>
    /// Saves the state. <paramref name="expectedETag"/> null means the state must not exist yet
    /// (else <see cref="EntityAlreadyExistsException"/>), "*" replaces whatever is there; otherwise it must still carry that ETag
    /// (else <see cref="PreconditionFailedException"/>, or <see cref="EntityNotFoundException"/> when deleted meanwhile).
    /// </summary>
    /// <returns>The new ETag.</returns>
    public async Task<string> SaveAsync(string conversationKey, string stateJson, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        ArgumentNullException.ThrowIfNull(stateJson);
        var entity = new TableEntity(KeyEncoder.Encode(conversationKey), StateRow) { [UpdatedAtProperty] = time.GetUtcNow() };
        PayloadColumns.Write(entity, StateProperty, stateJson);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        return expectedETag switch
        {
            null => await table.AddAsync(entity, cancellationToken).ConfigureAwait(false),
            "*" => await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false),
            _ => await table.UpdateAsync(entity, expectedETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Deletes the state (one already gone is fine); with <paramref name="expectedETag"/> only the state as loaded: one
    /// that changed meanwhile throws <see cref="PreconditionFailedException"/>, one deleted meanwhile
    /// <see cref="EntityNotFoundException"/> (of two turns ending the same dialog, one wins).
    /// </summary>
    public async Task DeleteAsync(string conversationKey, string? expectedETag = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        if (expectedETag is null)
        {
            await table.DeleteAsync(KeyEncoder.Encode(conversationKey), StateRow, "*", cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            // A transaction, because a plain delete treats a missing row as done.
            await table.SubmitTransactionAsync([new(TableTransactionActionType.Delete, new TableEntity(KeyEncoder.Encode(conversationKey), StateRow), expectedETag)], cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exception) when (exception.InnerException is PreconditionFailedException or EntityNotFoundException)
        {
            throw exception.InnerException;
        }
    }

    /// <summary>Removes every state left alone for longer than <see cref="MaxIdle"/> (a scan: states live a day at most, so the table stays small).</summary>
    /// <returns>How many were removed.</returns>
    public async Task<int> DeleteIdleAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        // No projection: a state written before UpdatedAt was kept is judged by its system timestamp.
        var idle = await table.QueryAsync(new TableQuery(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var row in idle.Where(r => IsIdle(r, now)))
        {
            removed += await DeleteIfUnchangedAsync(table, row, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return removed;
    }

    /// <summary>Removes every state whose JSON mentions <paramref name="value"/> (erasure and retention of one student's data).</summary>
    /// <returns>How many were removed.</returns>
    public async Task<int> DeleteMentioningAsync(string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var row in await table.QueryAsync(new TableQuery(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if ((PayloadColumns.Read(row, StateProperty) ?? string.Empty).Contains(value, StringComparison.Ordinal))
            {
                // Unconditional: whatever the dialog did since, it concerns this student and must go.
                await table.DeleteAsync(row.PartitionKey, row.RowKey, "*", cancellationToken).ConfigureAwait(false);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Gives the students of the map their new ids in every dialog state (the pseudonym migration, issue 19 item 5).</summary>
    /// <returns>How many states changed.</returns>
    public async Task<int> RenameStudentsAsync(IReadOnlyDictionary<string, string> newIdByOldId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        return await Pseudonyms.StudentIdRows.RewriteAsync(table, null, newIdByOldId, dryRun: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A state saved before UpdatedAt was kept falls back to the store's own timestamp.</summary>
    private static bool IsIdle(TableEntity row, DateTimeOffset now) =>
        (row.GetDateTimeOffset(UpdatedAtProperty) ?? row.Timestamp ?? now) + MaxIdle <= now;

    /// <summary>Deletes the row as it was read; a turn that saved it meanwhile keeps it.</summary>
    private static async Task<bool> DeleteIfUnchangedAsync(ITableStore table, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteAsync(row.PartitionKey, row.RowKey, row.ETag ?? "*", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PreconditionFailedException)
        {
            return false;
        }
    }
}
