using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Health;

/// <summary>
/// Whether the store answers now: one point read of a row that never exists (the cheapest call the table service has),
/// in a table of its own that holds nothing; it is created once, the first time. For the host's readiness check.
/// </summary>
public sealed class StoreProbe(ITableStoreFactory tables)
{
    private const string ProbeTable = "ReadinessProbe";
    private const string ProbeKey = "readiness-probe";
    private volatile bool _tableExists;

    /// <returns>Null when the store answered; otherwise the failure's type name (never its message: it may hold an address or a path).</returns>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken = default)
    {
        var table = tables.GetTable(ProbeTable);
        try
        {
            if (!_tableExists)
            {
                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _tableExists = true;
            }

            await table.GetAsync(ProbeKey, ProbeKey, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A probe answers, whatever failed (unreachable, refused, not authorised, a bad data directory).
            return ex.GetType().Name;
        }
    }
}
