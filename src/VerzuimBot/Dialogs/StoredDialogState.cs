using System.Text.Json;
using VerzuimBot.Connector.Dialogs;
using VerzuimBot.Storage;

namespace VerzuimBot.Dialogs;

/// <summary>The Connector's dialog-state port on the table store (typed JSON, ETag-checked).</summary>
internal sealed class StoredDialogState(DialogStateStore store) : IDialogStateStore
{
    public async Task<(DialogState State, string ETag)?> LoadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        var record = await store.LoadAsync(conversationKey, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<DialogState>(record.StateJson);
        return state is null ? null : (state, record.ETag);
    }

    public async Task SaveAsync(string conversationKey, DialogState state, string? expectedETag, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.SaveAsync(conversationKey, JsonSerializer.Serialize(state), expectedETag, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreErrors.IsConflict(ex))
        {
            throw new DialogStateConflictException(ex);
        }
    }

    public async Task DeleteAsync(string conversationKey, string? expectedETag = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.DeleteAsync(conversationKey, expectedETag, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreErrors.IsConflict(ex) || StoreErrors.IsGone(ex))
        {
            throw new DialogStateConflictException(ex);
        }
    }
}
