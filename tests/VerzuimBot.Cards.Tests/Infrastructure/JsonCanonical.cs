using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VerzuimBot.Cards.Templating.Expressions;

namespace VerzuimBot.Cards.Tests.Infrastructure;

/// <summary>
/// A canonical, indented JSON text for comparing a C# result with a JavaScript one: object keys sorted,
/// numbers written the way JavaScript writes them (so 3 and 3.0 compare equal, as they do after JSON.parse).
/// </summary>
internal static class JsonCanonical
{
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        Append(text, node, 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonNode? node, int depth)
    {
        var indent = new string(' ', 2 * (depth + 1));
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0) { text.Append("{}"); break; }
                text.Append("{\n");
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(",\n");
                    first = false;
                    text.Append(indent).Append(JsonSerializer.Serialize(key)).Append(": ");
                    Append(text, value, depth + 1);
                }
                text.Append('\n').Append(' ', 2 * depth).Append('}');
                break;
            case JsonArray array:
                if (array.Count == 0) { text.Append("[]"); break; }
                text.Append("[\n");
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) text.Append(",\n");
                    text.Append(indent);
                    Append(text, array[i], depth + 1);
                }
                text.Append('\n').Append(' ', 2 * depth).Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                text.Append(TemplateValues.FormatNumber(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)));
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }
}
