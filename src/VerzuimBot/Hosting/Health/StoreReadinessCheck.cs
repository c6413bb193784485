using Microsoft.Extensions.Diagnostics.HealthChecks;
using VerzuimBot.Storage.Health;

namespace VerzuimBot.Hosting.Health;

/// <summary>Ready only when the store answers (<see cref="StoreProbe"/>).</summary>
internal sealed class StoreReadinessCheck(StoreProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await probe.ProblemAsync(cancellationToken).ConfigureAwait(false) is { } problem
            ? HealthCheckResult.Unhealthy("store unreachable: " + problem)
            : HealthCheckResult.Healthy();
}
