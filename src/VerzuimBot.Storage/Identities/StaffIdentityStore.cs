using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Links of Teams users to staff e-mail addresses. Table "StaffIdentities": PartitionKey = tenant
/// id, RowKey = AAD object id, so resolving the user of an incoming activity is one point read.
/// </summary>
public sealed class StaffIdentityStore(ITableStoreFactory tables)
{
    /// <summary>Not in <c>TableNames</c> because that file belongs to the storage slice; same naming rule.</summary>
    public const string TableName = "StaffIdentities";

    private readonly TableHandle _table = new(tables, TableName);

    /// <summary>Saves the link; linking again replaces it (a changed UPN follows the user).</summary>
    public async Task SaveAsync(StaffIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrEmpty(identity.Email);
        var entity = new TableEntity(Partition(identity.TenantId), Row(identity.AadObjectId))
        {
            ["TenantId"] = identity.TenantId,
            ["AadObjectId"] = identity.AadObjectId,
            ["Email"] = identity.Email,
            ["LinkedAt"] = identity.LinkedAt,
        };
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StaffIdentity?> FindAsync(string tenantId, string aadObjectId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetAsync(Partition(tenantId), Row(aadObjectId), cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new StaffIdentity(row.Required("TenantId"), row.Required("AadObjectId"), row.Required("Email"), row.GetDateTimeOffset("LinkedAt") ?? DateTimeOffset.MinValue);
    }

    /// <summary>
    /// The Teams users of a tenant linked to <paramref name="email"/> (normally one): who to send a
    /// reminder to. One partition query; a tenant holds its staff, not its students.
    /// </summary>
    public async Task<IReadOnlyList<StaffIdentity>> FindByEmailAsync(string tenantId, string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableFilter.PartitionKeyEquals(Partition(tenantId)).And(TableFilter.Equal("Email", email));
        var found = new List<StaffIdentity>();
        await foreach (var row in table.QueryAsync(new TableQuery(filter), cancellationToken).ConfigureAwait(false))
        {
            found.Add(new StaffIdentity(row.Required("TenantId"), row.Required("AadObjectId"), row.Required("Email"), row.GetDateTimeOffset("LinkedAt") ?? DateTimeOffset.MinValue));
        }

        return found;
    }

    private static string Partition(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return KeyEncoder.Encode(tenantId);
    }

    private static string Row(string aadObjectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(aadObjectId);
        return KeyEncoder.Encode(aadObjectId);
    }
}
