using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VerzuimBot.Connector.Client;

namespace VerzuimBot.Telemetry;

/// <summary>
/// OpenTelemetry for the host: our sources (turns, jobs, connector sends, store calls), ASP.NET Core and
/// HttpClient, with every URL scrubbed first. Exported to Application Insights when a connection string is
/// configured, over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and nowhere otherwise (tests add an
/// in-memory exporter).
/// </summary>
internal static class TelemetryRegistration
{
    public const string AzureMonitorConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AzureMonitorSectionKey = "AzureMonitor:ConnectionString";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddVerzuimBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var azureMonitor = configuration[AzureMonitorSectionKey] is { Length: > 0 } fromSection ? fromSection : configuration[AzureMonitorConnectionStringKey];
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("verzuimbot"))
            .WithTracing(tracing => tracing
                .AddProcessor(new UrlScrubber())
                .AddSource(BotTelemetry.Name, ConnectorTelemetry.SourceName, BotTelemetry.TablesSourceName))
            .WithMetrics(metrics => metrics.AddMeter(BotTelemetry.Name, ConnectorTelemetry.SourceName, BotTelemetry.TablesSourceName))
            .WithLogging(logging => logging.AddProcessor(new StudentIdRedactor()), options => options.IncludeScopes = false);

        // Request and HttpClient logs name whole URLs (an export token, conversation ids): never exported, whatever the log level.
        services.Configure<LoggerFilterOptions>(filters =>
        {
            filters.AddFilter<OpenTelemetryLoggerProvider>("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
            filters.AddFilter<OpenTelemetryLoggerProvider>("System.Net.Http.HttpClient", LogLevel.Warning);
        });

        // Health probes come every minute from every instance: not worth a span each.
        services.Configure<OpenTelemetry.Instrumentation.AspNetCore.AspNetCoreTraceInstrumentationOptions>(
            options => options.Filter = http => !http.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal));

        if (!string.IsNullOrWhiteSpace(azureMonitor))
        {
            // The distro brings the ASP.NET Core and HttpClient instrumentation itself.
            builder.UseAzureMonitor(options => options.ConnectionString = azureMonitor);
        }
        else
        {
            builder.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
                .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        }

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]))
        {
            builder.UseOtlpExporter();
        }

        return services;
    }
}
