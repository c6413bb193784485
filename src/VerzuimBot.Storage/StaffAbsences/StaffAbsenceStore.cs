using System.Globalization;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// A member of staff away until a date, with the back-up who takes over their tasks
/// (domain.md §10: tasks move to a back-up when the owner cannot act).
/// </summary>
public sealed record StaffAbsence(string TenantId, string UserKey, DateOnly Until, string Replacement, string Reason, DateTimeOffset UpdatedAt)
{
    public static readonly string[] Reasons = ["Ziek", "Verlof", "Scholing", "Anders"];
}

/// <summary>
/// Table "StaffAbsences": one row per (tenant, user); PartitionKey = tenant id, RowKey = user key, both through
/// <see cref="KeyEncoder"/>. An earlier version escaped the keys with <see cref="Uri.EscapeDataString(string)"/>: those
/// rows (the only keys with a '%', which KeyEncoder itself escapes) are moved once, on first use (<see cref="KeyMigration"/>).
/// </summary>
public sealed class StaffAbsenceStore
{
    private readonly TableHandle _table;
    private readonly KeyMigration _migration;

    public StaffAbsenceStore(ITableStoreFactory tables, TimeProvider time)
    {
        _table = new TableHandle(tables, TableNames.StaffAbsences);
        _migration = new KeyMigration("keys-v2", CurrentKeys, time);
    }

    public async Task SaveAsync(StaffAbsence absence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(absence);
        var entity = new TableEntity(KeyEncoder.Encode(absence.TenantId), KeyEncoder.Encode(absence.UserKey))
        {
            ["Until"] = absence.Until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Replacement"] = absence.Replacement,
            ["Reason"] = absence.Reason,
            ["UpdatedAt"] = absence.UpdatedAt,
        };
        await (await TableAsync(cancellationToken).ConfigureAwait(false)).UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StaffAbsence?> FindAsync(string tenantId, string userKey, CancellationToken cancellationToken)
    {
        var row = await (await TableAsync(cancellationToken).ConfigureAwait(false)).GetAsync(KeyEncoder.Encode(tenantId), KeyEncoder.Encode(userKey), cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new StaffAbsence(tenantId, userKey, DateOnly.ParseExact(row.Required("Until"), "yyyy-MM-dd", CultureInfo.InvariantCulture), row.Required("Replacement"), row.Required("Reason"), row.GetDateTimeOffset("UpdatedAt") ?? default);
    }

    public async Task RemoveAsync(string tenantId, string userKey, CancellationToken cancellationToken) =>
        await (await TableAsync(cancellationToken).ConfigureAwait(false)).DeleteAsync(KeyEncoder.Encode(tenantId), KeyEncoder.Encode(userKey), "*", cancellationToken).ConfigureAwait(false);

    /// <summary>Where a row belongs now: a key with a '%' was written by Uri.EscapeDataString, which is undone exactly.</summary>
    private static (string PartitionKey, string RowKey)? CurrentKeys(TableEntity row) =>
        (Current(row.PartitionKey), Current(row.RowKey));

    private static string Current(string key) => key.Contains('%', StringComparison.Ordinal) ? KeyEncoder.Encode(Uri.UnescapeDataString(key)) : key;

    private async ValueTask<ITableStore> TableAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await _migration.EnsureAsync(table, cancellationToken).ConfigureAwait(false);
        return table;
    }
}
