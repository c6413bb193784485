using System.Diagnostics;

namespace VerzuimBot.Connector.Client;

/// <summary>
/// One span per outbound Bot Connector call (kind of call, HTTP status, retries), from the source the host
/// subscribes to. No ids and no URL: the activity's text and the conversation stay out of telemetry.
/// </summary>
public static class ConnectorTelemetry
{
    public const string SourceName = "VerzuimBot.Connector";
    public const string OperationTag = "verzuimbot.connector.operation";
    public const string StatusTag = "http.response.status_code";
    public const string RetriesTag = "verzuimbot.connector.retries";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static Activity? Start(string operation)
    {
        var activity = Source.StartActivity("connector " + operation, ActivityKind.Client);
        activity?.SetTag(OperationTag, operation);
        return activity;
    }

    /// <summary>Called by the retry strategy: the current span is the call being retried.</summary>
    internal static void Retrying(int attemptNumber)
    {
        if (Activity.Current is { } current && current.Source == Source)
        {
            current.SetTag(RetriesTag, attemptNumber + 1);
        }
    }
}
