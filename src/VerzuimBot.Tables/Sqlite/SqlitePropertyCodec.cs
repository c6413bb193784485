using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using VerzuimBot.Tables.Validation;

namespace VerzuimBot.Tables.Sqlite;

/// <summary>
/// Properties as one JSON column: {"Name":{"t":"Edm.Int64","v":42}}. The type tag keeps every
/// type exact (int stays int, long stays long); a string, by far the most common, is written without one
/// ({"Name":{"v":"tekst"}}), and only what JSON requires is escaped (a quote as \", not \u0022). Rows
/// stay small that way: a completing ziekmelding writes about ten of them, and the fewer pages they fill, the fewer
/// SQLite writes, syncs and reads again. The value is written in a form SQLite compares in
/// the right order (dates as UTC ticks, binary as lowercase hex, Guid as lowercase text), so
/// filters run as SQL on json_extract.
/// </summary>
internal static class SqlitePropertyCodec
{
    public const string TypeField = "t";
    public const string ValueField = "v";

    /// <summary>The type of a stored value that has no type tag.</summary>
    public const string UntaggedType = "Edm.String";

    // Stored JSON is never embedded in HTML, so the default encoder's escaping of quotes, '+', '<' and the like
    // (six bytes each) only makes rows larger.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(IEnumerable<KeyValuePair<string, object>> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                writer.WriteStartObject(name);
                var type = EdmType(value);
                if (type != UntaggedType)
                {
                    writer.WriteString(TypeField, type);
                }

                writer.WritePropertyName(ValueField);
                WriteValue(writer, value);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads the stored properties straight from the column's UTF-8 bytes into <paramref name="into"/>. A forward-only
    /// reader, not a document: a dossier read decodes every row it returns, and this was most of a read's managed cost.
    /// </summary>
    public static void Deserialize(ReadOnlySpan<byte> utf8, IDictionary<string, object> into)
    {
        try
        {
            Read(utf8, into);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException("Stored properties cannot be read.", exception);
        }
    }

    private static void Read(ReadOnlySpan<byte> utf8, IDictionary<string, object> into)
    {
        var reader = new Utf8JsonReader(utf8);
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            Expect(ref reader, JsonTokenType.StartObject);
            string? type = null;
            var value = default(Utf8JsonReader);
            var hasValue = false;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(TypeField))
                {
                    Expect(ref reader, JsonTokenType.String);
                    type = reader.GetString();
                    continue;
                }

                // The value is decoded once its type is known (it may come first); any other field is passed over.
                var isValue = reader.ValueTextEquals(ValueField);
                Next(ref reader);
                if (isValue)
                {
                    value = reader;
                    hasValue = true;
                }

                reader.Skip();
            }

            if (!hasValue || (type is null && value.TokenType != JsonTokenType.String))
            {
                throw new InvalidDataException($"Stored property '{name}' lacks its type or value.");
            }

            into[name] = Decode(type ?? UntaggedType, ref value);
        }
    }

    private static object Decode(string type, ref Utf8JsonReader value) => type switch
    {
        "Edm.String" => value.GetString()!,
        "Edm.Int32" => value.GetInt32(),
        "Edm.Int64" => value.GetInt64(),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.Double" => value.TokenType == JsonTokenType.String
            ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : value.GetDouble(),
        "Edm.DateTime" => new DateTimeOffset(value.GetInt64(), TimeSpan.Zero),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => Convert.FromHexString(value.GetString()!),
        _ => throw new InvalidDataException($"Unknown stored property type '{type}'."),
    };

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new InvalidDataException("Stored properties end too early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (Next(ref reader) != token)
        {
            throw new InvalidDataException($"Stored properties: expected {token}, found {reader.TokenType}.");
        }
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
