using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Dialog state per conversation, guarded by ETags so two turns of one conversation handled by
/// two instances cannot overwrite each other. PartitionKey = conversation key, RowKey = "state".
/// The JSON is split across properties, so state up to ~480 000 characters fits.
/// </summary>
public sealed class DialogStateStore(ITableStoreFactory tables)
{
    private const string StateRow = "state";
    private const string StateProperty = "State";
    private readonly TableHandle _table = new(tables, TableNames.DialogStates);

    public async Task<DialogStateRecord?> LoadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetAsync(KeyEncoder.Encode(conversationKey), StateRow, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new DialogStateRecord(PayloadColumns.Read(entity, StateProperty) ?? string.Empty, entity.ETag ?? string.Empty);
    }

    /// <summary>
    /// Saves the state. <paramref name="expectedETag"/> null means the state must not exist yet
    /// (else <see cref="EntityAlreadyExistsException"/>); otherwise it must still carry that ETag
    /// (else <see cref="PreconditionFailedException"/>, or <see cref="EntityNotFoundException"/> when deleted meanwhile).
    /// </summary>
    /// <returns>The new ETag.</returns>
    public async Task<string> SaveAsync(string conversationKey, string stateJson, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        ArgumentNullException.ThrowIfNull(stateJson);
        var entity = new TableEntity(KeyEncoder.Encode(conversationKey), StateRow);
        PayloadColumns.Write(entity, StateProperty, stateJson);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        return expectedETag is null
            ? await table.AddAsync(entity, cancellationToken).ConfigureAwait(false)
            : await table.UpdateAsync(entity, expectedETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteAsync(KeyEncoder.Encode(conversationKey), StateRow, "*", cancellationToken).ConfigureAwait(false);
    }
}
