using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace VerzuimBot.Tests.Telemetry;

/// <summary>
/// Everything the host's OpenTelemetry pipeline would export, caught with the in-memory exporter behind the host's own
/// processors: spans (with tags, events, links, baggage), metric points (with tags) and log records (message, body,
/// attributes, scopes). <see cref="AllText"/> flattens it all, so a test can look for a value wherever it hides.
/// </summary>
public sealed class TelemetryRecorder
{
    public List<Activity> Spans { get; } = [];

    public List<MetricSnapshot> Metrics { get; } = [];

    public ConcurrentQueue<string> Logs { get; } = new();

    public void AddTo(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new LogText(Logs)));
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(typeof(OpenTelemetryLoggerProvider).FullName, null, LogLevel.Information, null)));
    }

    /// <summary>Pushes the metric points out (metrics are exported on collection, not as they happen).</summary>
    public void Flush(IServiceProvider services)
    {
        services.GetRequiredService<MeterProvider>().ForceFlush();
        services.GetRequiredService<TracerProvider>().ForceFlush();
    }

    public IEnumerable<string> AllText()
    {
        List<Activity> spans;
        lock (Spans)
        {
            spans = [.. Spans];
        }

        foreach (var span in spans)
        {
            yield return $"span {span.Source.Name} {span.OperationName} {span.DisplayName} {span.StatusDescription} {span.TraceStateString}";
            foreach (var (key, value) in span.TagObjects)
            {
                yield return $"tag {key}={value}";
            }

            foreach (var e in span.Events)
            {
                yield return $"event {e.Name} " + string.Join(' ', e.Tags.Select(t => $"{t.Key}={t.Value}"));
            }

            foreach (var link in span.Links)
            {
                yield return "link " + string.Join(' ', link.Tags?.Select(t => $"{t.Key}={t.Value}") ?? []);
            }

            foreach (var (key, value) in span.Baggage)
            {
                yield return $"baggage {key}={value}";
            }
        }

        List<MetricSnapshot> metrics;
        lock (Metrics)
        {
            metrics = [.. Metrics];
        }

        foreach (var metric in metrics)
        {
            foreach (var point in metric.MetricPoints)
            {
                var tags = new List<string>();
                foreach (var tag in point.Tags)
                {
                    tags.Add($"{tag.Key}={tag.Value}");
                }

                yield return $"metric {metric.Name} " + string.Join(' ', tags);
            }
        }

        foreach (var line in Logs)
        {
            yield return line;
        }
    }

    /// <summary>Flattens each log record when it is emitted (records are pooled and reused afterwards).</summary>
    private sealed class LogText(ConcurrentQueue<string> lines) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            var scopes = new List<string>();
            data.ForEachScope(
                (scope, list) =>
                {
                    foreach (var item in scope)
                    {
                        list.Add($"{item.Key}={item.Value}");
                    }
                },
                scopes);
            lines.Enqueue($"log {data.CategoryName} {data.LogLevel} {data.FormattedMessage} | {data.Body} | "
                + string.Join(' ', data.Attributes?.Select(a => $"{a.Key}={a.Value}") ?? []) + " | " + string.Join(' ', scopes) + " | " + data.Exception);
        }
    }
}
