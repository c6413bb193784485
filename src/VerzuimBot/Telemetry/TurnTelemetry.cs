using System.Diagnostics;

namespace VerzuimBot.Telemetry;

/// <summary>
/// The span and metrics of one inbound activity: its type, the kind of command (<see cref="CommandKinds"/>) and
/// the outcome (ok, duplicate, refused-…, store-unavailable, …), and how long the answer took.
/// </summary>
internal sealed class TurnTelemetry : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Activity? _span = BotTelemetry.Source.StartActivity("turn", ActivityKind.Internal);
    private string _activityType = "unknown";
    private string _commandKind = CommandKinds.Other;
    private string? _outcome;

    public void Describe(Connector.Schema.Activity activity, Func<string?, bool> knownVerb)
    {
        _activityType = activity.Type is { Length: > 0 and <= 32 } type && type.All(char.IsAsciiLetter) ? type : "other";
        _commandKind = CommandKinds.Of(activity, knownVerb);
    }

    public void Outcome(string outcome) => _outcome = outcome;

    /// <summary>Refused before any processing: counted by reason.</summary>
    public void Refused(string reason)
    {
        _outcome = "refused-" + reason;
        BotTelemetry.Refusals.Add(1, new KeyValuePair<string, object?>(BotTelemetry.Tags.Reason, reason));
    }

    public IResult Complete(IResult result)
    {
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        var outcome = _outcome ?? (status < 400 ? "ok" : "error");
        if (_span is not null)
        {
            _span.SetTag(BotTelemetry.Tags.ActivityType, _activityType);
            _span.SetTag(BotTelemetry.Tags.CommandKind, _commandKind);
            _span.SetTag(BotTelemetry.Tags.Outcome, outcome);
            _span.SetTag("http.response.status_code", status);
            if (status >= 500)
            {
                _span.SetStatus(ActivityStatusCode.Error);
            }
        }

        BotTelemetry.TurnDuration.Record(
            Stopwatch.GetElapsedTime(_started).TotalSeconds,
            new KeyValuePair<string, object?>(BotTelemetry.Tags.ActivityType, _activityType),
            new KeyValuePair<string, object?>(BotTelemetry.Tags.Outcome, outcome));
        return result;
    }

    public void Dispose() => _span?.Dispose();
}
