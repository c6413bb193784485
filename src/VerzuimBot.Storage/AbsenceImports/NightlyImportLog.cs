using System.Globalization;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// What the nightly absence import did per school, shared by every instance of the bot: which instance runs tonight's import
/// (the first to claim the night; the others leave the school alone) and which version of each SharePoint file was handled
/// (so a restart or another instance does not send the verzuimcoördinator the same card again). Rows in the school's
/// partition of "AbsenceRegistrations": RowKey "N|night|yyyy-MM-dd" and "N|file|drive item id"; no file names, no rows, no
/// children's data.
/// </summary>
public sealed class NightlyImportLog(ITableStoreFactory tables)
{
    private const string Prefix = "N";
    private readonly TableHandle _table = new(tables, TableNames.AbsenceRegistrations);

    /// <returns>True for the one caller that claims this school's import of <paramref name="night"/>.</returns>
    public async Task<bool> TryClaimNightAsync(string schoolId, DateOnly night, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var row = new TableEntity(KeyEncoder.Encode(schoolId), KeyEncoder.Compose(Prefix, "night", night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return await FirstInsertClaim.TryInsertAsync(await _table.GetAsync(cancellationToken).ConfigureAwait(false), row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The handled version of each file of the school's folder, by drive item id (one range read).</summary>
    public async Task<IReadOnlyDictionary<string, string>> HandledVersionsAsync(string schoolId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var prefix = KeyEncoder.Compose(Prefix, "file") + KeyEncoder.Separator;
        var rows = await table.QueryAsync(new TableQuery(EntityReading.PrefixFilter(KeyEncoder.Encode(schoolId), prefix)), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => KeyEncoder.Decode(r.RowKey[prefix.Length..]), r => r.Required("Version"), StringComparer.Ordinal);
    }

    public async Task MarkHandledAsync(string schoolId, string fileId, string version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(fileId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(KeyEncoder.Encode(schoolId), KeyEncoder.Compose(Prefix, "file", KeyEncoder.Encode(fileId))) { ["Version"] = version };
        await table.UpsertAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
