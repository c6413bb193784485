using Microsoft.Extensions.Diagnostics.HealthChecks;
using VerzuimBot.Tables;

namespace VerzuimBot.Hosting.Health;

/// <summary>
/// Ready only when the store answers: one point read of a row that never exists (the cheapest call the table
/// service has), in a table of its own that holds nothing; it is created once, the first time.
/// </summary>
internal sealed class StoreReadinessCheck(ITableStoreFactory tables) : IHealthCheck
{
    private const string ProbeTable = "ReadinessProbe";
    private const string ProbeKey = "readiness-probe";
    private volatile bool _tableExists;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
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
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A probe answers, whatever failed (unreachable, refused, not authorised, a bad data directory). The type says
            // enough; the message may hold an address or a path.
            return HealthCheckResult.Unhealthy("store unreachable: " + ex.GetType().Name);
        }
    }
}
