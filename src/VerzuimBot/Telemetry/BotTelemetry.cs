using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VerzuimBot.Telemetry;

/// <summary>
/// The host's own traces and metrics. Tags carry kinds, outcomes and status codes only: never a text someone
/// typed, a name, a leerlingnummer, a note or a student id (domain.md §8; checked by NoChildrensDataInTelemetryTests).
/// </summary>
internal static class BotTelemetry
{
    public const string Name = "VerzuimBot";

    /// <summary>The store decorator's source (Azure Tables / SQLite calls); subscribed so its spans are exported once it emits.</summary>
    public const string TablesSourceName = "VerzuimBot.Tables";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> RemindersDue = Meter.CreateCounter<long>("verzuimbot.reminders.due", "{reminder}", "Reminders found due by a sweep.");

    public static readonly Counter<long> RemindersSent = Meter.CreateCounter<long>("verzuimbot.reminders.sent", "{reminder}", "Reminders delivered to at least one person.");

    public static readonly Counter<long> RemindersFailed = Meter.CreateCounter<long>("verzuimbot.reminders.failed", "{reminder}", "Reminder sends that failed at the connector.");

    public static readonly Counter<long> RemindersRetried = Meter.CreateCounter<long>("verzuimbot.reminders.retried", "{reminder}", "Reminders put back for a later attempt (failed send or nobody reachable yet).");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("verzuimbot.turn.duration", "s", "Time from an inbound activity to the HTTP answer.");

    public static readonly Counter<long> Refusals = Meter.CreateCounter<long>("verzuimbot.refusals", "{activity}", "Inbound activities refused before processing, by reason.");

    /// <summary>Tag names (OpenTelemetry style: lower case, dotted).</summary>
    public static class Tags
    {
        public const string ActivityType = "verzuimbot.activity.type";
        public const string CommandKind = "verzuimbot.command.kind";
        public const string Outcome = "verzuimbot.outcome";
        public const string Reason = "verzuimbot.refusal.reason";
        public const string Count = "verzuimbot.count";
        public const string Job = "verzuimbot.job";
    }

    /// <summary>Starts a span for a background job (reminder sweep, digest check, retention run).</summary>
    public static Activity? StartJob(string job)
    {
        var activity = Source.StartActivity(job, ActivityKind.Internal);
        activity?.SetTag(Tags.Job, job);
        return activity;
    }
}
