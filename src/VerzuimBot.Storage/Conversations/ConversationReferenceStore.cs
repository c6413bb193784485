using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Conversation references per tenant: PartitionKey = tenant id, RowKey = owner key (AAD object
/// id or conversation id), both key-encoded. Saving replaces the previous reference.
/// </summary>
public sealed class ConversationReferenceStore(ITableStoreFactory tables, TimeProvider? time = null)
{
    /// <summary>How long a reference this process read or wrote counts as what is stored (see <see cref="SaveIfChangedAsync"/>).</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);

    private readonly TableHandle _table = new(tables, TableNames.ConversationReferences);
    private readonly Caching.RecentCache<(string Tenant, string Owner), ConversationReferenceRecord> _recent = new(time ?? TimeProvider.System, Remembered);

    /// <summary>
    /// Saves the reference only when it differs from the stored one (its time aside): an activity brings the reference
    /// every turn, and it almost never changes. What this process read or wrote in the last <see cref="Remembered"/> counts
    /// as stored without reading it again, unless <paramref name="check"/> (an install or uninstall may have come through
    /// another instance).
    /// </summary>
    /// <returns>True when no reference was stored before (first contact).</returns>
    public async Task<bool> SaveIfChangedAsync(ConversationReferenceRecord record, bool check = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = (record.TenantId, record.OwnerKey);
        if (check || !_recent.TryGet(key, out var known))
        {
            known = await FindAsync(record.TenantId, record.OwnerKey, cancellationToken).ConfigureAwait(false);
        }

        if (known is null || known with { UpdatedAt = record.UpdatedAt } != record)
        {
            await SaveAsync(record, cancellationToken).ConfigureAwait(false);
        }

        return known is null;
    }

    public async Task SaveAsync(ConversationReferenceRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.TenantId);
        ArgumentException.ThrowIfNullOrEmpty(record.OwnerKey);
        var entity = new TableEntity(KeyEncoder.Encode(record.TenantId), KeyEncoder.Encode(record.OwnerKey))
        {
            ["TenantId"] = record.TenantId,
            ["OwnerKey"] = record.OwnerKey,
            ["Kind"] = record.Kind.ToString(),
            ["ConversationId"] = record.ConversationId,
            ["ServiceUrl"] = record.ServiceUrl,
            ["ChannelId"] = record.ChannelId,
            ["BotId"] = record.BotId,
            ["ConversationType"] = record.ConversationType,
            ["UpdatedAt"] = record.UpdatedAt,
            ["UserId"] = record.UserId,
        };
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        _recent.Remove((record.TenantId, record.OwnerKey));
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        _recent.Set((record.TenantId, record.OwnerKey), record);
    }

    /// <summary>The references of one tenant of one kind and conversation type ("groupChat"): one partition read.</summary>
    public async Task<IReadOnlyList<ConversationReferenceRecord>> ListAsync(string tenantId, ConversationOwnerKind kind, string conversationType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var filter = TableFilter.PartitionKeyEquals(KeyEncoder.Encode(tenantId))
            .And(TableFilter.Equal("Kind", kind.ToString()))
            .And(TableFilter.Equal("ConversationType", conversationType));
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(filter), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(row => ToRecord(row, tenantId, row.GetString("OwnerKey") ?? KeyEncoder.Decode(row.RowKey))).ToList();
    }

    public async Task<ConversationReferenceRecord?> FindAsync(string tenantId, string ownerKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(ownerKey);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetAsync(KeyEncoder.Encode(tenantId), KeyEncoder.Encode(ownerKey), cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        var record = ToRecord(entity, tenantId, ownerKey);
        _recent.Set((tenantId, ownerKey), record);
        return record;
    }

    public async Task RemoveAsync(string tenantId, string ownerKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(ownerKey);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        _recent.Remove((tenantId, ownerKey));
        await table.DeleteAsync(KeyEncoder.Encode(tenantId), KeyEncoder.Encode(ownerKey), "*", cancellationToken).ConfigureAwait(false);
    }

    private static ConversationReferenceRecord ToRecord(TableEntity entity, string tenantId, string ownerKey) => new(
        entity.GetString("TenantId") ?? tenantId,
        entity.GetString("OwnerKey") ?? ownerKey,
        Enum.TryParse<ConversationOwnerKind>(entity.GetString("Kind"), out var kind) ? kind : ConversationOwnerKind.User,
        entity.GetString("ConversationId") ?? string.Empty,
        entity.GetString("ServiceUrl") ?? string.Empty,
        entity.GetString("ChannelId") ?? string.Empty,
        entity.GetString("BotId") ?? string.Empty,
        entity.GetString("ConversationType"),
        entity.GetDateTimeOffset("UpdatedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue,
        entity.GetString("UserId"));
}
