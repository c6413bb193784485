using System.Globalization;
using System.Text.Json;
using VerzuimBot.Tables.Validation;

namespace VerzuimBot.Tables.Sqlite;

/// <summary>
/// Properties as one JSON column: {"Name":{"t":"Edm.Int64","v":42}}. The type tag keeps every
/// type exact (int stays int, long stays long); the value is written in a form SQLite compares in
/// the right order (dates as UTC ticks, binary as lowercase hex, Guid as lowercase text), so
/// filters run as SQL on json_extract.
/// </summary>
internal static class SqlitePropertyCodec
{
    public const string TypeField = "t";
    public const string ValueField = "v";

    public static string Serialize(IEnumerable<KeyValuePair<string, object>> properties)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                writer.WriteStartObject(name);
                writer.WriteString(TypeField, EdmType(value));
                writer.WritePropertyName(ValueField);
                WriteValue(writer, value);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static Dictionary<string, object> Deserialize(string json)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var type = property.Value.GetProperty(TypeField).GetString();
            var value = property.Value.GetProperty(ValueField);
            result[property.Name] = type switch
            {
                "Edm.String" => value.GetString()!,
                "Edm.Int32" => value.GetInt32(),
                "Edm.Int64" => value.GetInt64(),
                "Edm.Boolean" => value.GetBoolean(),
                "Edm.Double" => value.ValueKind == JsonValueKind.String
                    ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : value.GetDouble(),
                "Edm.DateTime" => new DateTimeOffset(value.GetInt64(), TimeSpan.Zero),
                "Edm.Guid" => Guid.Parse(value.GetString()!),
                "Edm.Binary" => Convert.FromHexString(value.GetString()!),
                _ => throw new InvalidDataException($"Unknown stored property type '{type}'."),
            };
        }

        return result;
    }

    public static string EdmType(object value) => value switch
    {
        string => "Edm.String",
        int => "Edm.Int32",
        long => "Edm.Int64",
        bool => "Edm.Boolean",
        double => "Edm.Double",
        DateTimeOffset => "Edm.DateTime",
        Guid => "Edm.Guid",
        byte[] => "Edm.Binary",
        _ => throw new ArgumentException($"Unsupported property type {value.GetType().Name}."),
    };

    /// <summary>A validated filter value as a SQLite parameter, comparable the way json_extract returns the stored value.</summary>
    public static object SqlValue(object value) => value switch
    {
        bool b => b ? 1L : 0L,
        int i => (long)i,
        DateTimeOffset d => d.UtcTicks,
        Guid g => g.ToString("D"),
        byte[] b => Convert.ToHexStringLower(b),
        var other => other,
    };

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (StoredValue.Normalize(value))
        {
            case string s: writer.WriteStringValue(s); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case double d: writer.WriteNumberValue(d); break;
            case DateTimeOffset d: writer.WriteNumberValue(d.UtcTicks); break;
            case Guid g: writer.WriteStringValue(g.ToString("D")); break;
            case byte[] b: writer.WriteStringValue(Convert.ToHexStringLower(b)); break;
            default: throw new ArgumentException($"Unsupported property type {value.GetType().Name}.");
        }
    }
}
