using System.Globalization;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Absence;

/// <summary>
/// A member of staff away until a date, with the back-up who takes over their tasks
/// (domain.md §10: tasks move to a back-up when the owner cannot act).
/// </summary>
internal sealed record StaffAbsence(string TenantId, string UserKey, DateOnly Until, string Replacement, string Reason, DateTimeOffset UpdatedAt)
{
    public static readonly string[] Reasons = ["Ziek", "Verlof", "Scholing", "Anders"];
}

/// <summary>Staff absences: one row per (tenant, user); the partition is the tenant.</summary>
internal sealed class StaffAbsenceStore(ITableStoreFactory tables)
{
    private readonly TableHandle _table = new(tables, "StaffAbsences");

    public async Task SaveAsync(StaffAbsence absence, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Key(absence.TenantId), Key(absence.UserKey))
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
        var row = await (await TableAsync(cancellationToken).ConfigureAwait(false)).GetAsync(Key(tenantId), Key(userKey), cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new StaffAbsence(tenantId, userKey, DateOnly.ParseExact(row.GetString("Until")!, "yyyy-MM-dd", CultureInfo.InvariantCulture), row.GetString("Replacement")!, row.GetString("Reason")!, row.GetDateTimeOffset("UpdatedAt") ?? default);
    }

    public async Task RemoveAsync(string tenantId, string userKey, CancellationToken cancellationToken) =>
        await (await TableAsync(cancellationToken).ConfigureAwait(false)).DeleteAsync(Key(tenantId), Key(userKey), "*", cancellationToken).ConfigureAwait(false);

    // Keys may not hold / \ # ? or control characters: escape them (ids are GUID-like, this is defence in depth).
    private static string Key(string value) => Uri.EscapeDataString(value);

    private ValueTask<ITableStore> TableAsync(CancellationToken cancellationToken) => _table.GetAsync(cancellationToken);
}
