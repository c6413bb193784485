using System.Text.RegularExpressions;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace VerzuimBot.Telemetry;

/// <summary>
/// Exported log records carry no student id. The local log may name a pseudonymous student id (StudentGuard's
/// refusals, a reminder's task id); what leaves the host for Application Insights or OTLP does not: the values of
/// <see cref="RedactedAttributes"/> and anything shaped like a student id (StudentIds: "s-" and 20 hex digits) are
/// replaced, in the attributes and in the formatted message.
/// </summary>
internal sealed partial class StudentIdRedactor : BaseProcessor<LogRecord>
{
    public const string Redacted = "[redacted]";

    /// <summary>Log template names whose values hold a student id (a task id starts with it).</summary>
    private static readonly HashSet<string> RedactedAttributes = new(StringComparer.OrdinalIgnoreCase) { "StudentId", "TaskId", "Student" };

    public override void OnEnd(LogRecord data)
    {
        if (data.Attributes is not { Count: > 0 } attributes)
        {
            return;
        }

        List<string>? removed = null;
        var cleaned = new List<KeyValuePair<string, object?>>(attributes.Count);
        foreach (var (key, value) in attributes)
        {
            var text = value?.ToString();
            if (key != "{OriginalFormat}" && text is { Length: > 0 } && (RedactedAttributes.Contains(key) || StudentIdShape().IsMatch(text)))
            {
                (removed ??= []).Add(text);
                cleaned.Add(new(key, Redacted));
            }
            else
            {
                cleaned.Add(new(key, value));
            }
        }

        if (removed is null)
        {
            return;
        }

        data.Attributes = cleaned;
        if (data.FormattedMessage is { } message)
        {
            foreach (var value in removed.OrderByDescending(v => v.Length))
            {
                message = message.Replace(value, Redacted, StringComparison.Ordinal);
            }

            data.FormattedMessage = StudentIdShape().Replace(message, Redacted);
        }
    }

    [GeneratedRegex(@"\bs-[0-9a-f]{20}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex StudentIdShape();
}
