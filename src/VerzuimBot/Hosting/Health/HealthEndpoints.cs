using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VerzuimBot.Hosting.Health;

/// <summary>
/// <c>/healthz</c>: the process answers (no I/O; for liveness). <c>/healthz/ready</c>: the store is reachable and the
/// signing keys are loaded (App Service's health check path: an instance that is not ready gets no traffic).
/// </summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreReadinessCheck>("store", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<SigningKeysReadinessCheck>("signing-keys", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10));
        return services;
    }

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
    }

    /// <summary>Status per check, with the short reason of a failure; never an exception's text.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status == HealthStatus.Healthy ? "ok" : report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), reason = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body), http.RequestAborted);
    }
}
