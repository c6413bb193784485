using System.Text.Json;
using System.Text.Json.Serialization;

namespace VerzuimBot.Connector.Schema;

/// <summary>JSON settings of the Bot Connector wire format: camelCase, nulls omitted, unknown fields ignored.</summary>
public static class ConnectorJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 64,
    };

    /// <summary>Parses an inbound activity; null when the body is not an activity object (the caller answers 400).</summary>
    public static Activity? TryParse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var activity = document.RootElement.Deserialize<Activity>(Options);
            return string.IsNullOrWhiteSpace(activity?.Type) ? null : activity;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
