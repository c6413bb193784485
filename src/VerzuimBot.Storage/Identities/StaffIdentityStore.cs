using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Links of Teams users to staff e-mail addresses. Table "StaffIdentities": PartitionKey = tenant
/// id, RowKey = AAD object id, so resolving the user of an incoming activity is one point read. A link found is kept in
/// memory for <see cref="Remembered"/>: it changes only when a person's UPN changes, and what they may do is read from
/// their roles every turn, so a revoked role is gone at once; a relink made by another instance is seen within minutes.
/// </summary>
public sealed class StaffIdentityStore(ITableStoreFactory tables, TimeProvider? time = null)
{
    /// <summary>How long a link read or written here is used without reading it again.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(5);

    private readonly Caching.RecentCache<(string Tenant, string User), StaffIdentity> _recent = new(time ?? TimeProvider.System, Remembered);

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
        _recent.Remove((identity.TenantId, identity.AadObjectId));
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        _recent.Set((identity.TenantId, identity.AadObjectId), identity);
    }

    public async Task<StaffIdentity?> FindAsync(string tenantId, string aadObjectId, CancellationToken cancellationToken = default)
    {
        if (_recent.TryGet((tenantId, aadObjectId), out var known))
        {
            return known;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetAsync(Partition(tenantId), Row(aadObjectId), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var identity = new StaffIdentity(row.Required("TenantId"), row.Required("AadObjectId"), row.Required("Email"), row.GetDateTimeOffset("LinkedAt") ?? DateTimeOffset.MinValue);
        _recent.Set((tenantId, aadObjectId), identity);
        return identity;
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
