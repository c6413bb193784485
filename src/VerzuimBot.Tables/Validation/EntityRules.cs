using System.Text.RegularExpressions;

namespace VerzuimBot.Tables.Validation;

/// <summary>
/// The Azure Table service's limits and value rules, checked before anything is sent so both
/// backends refuse the same entities with the same typed error. Sizes follow the service's
/// documented formula: 4 bytes + 2 per key character + per property 8 bytes + 2 per name character
/// + the value (string 4 + 2 per char, binary 4 + length, bool 1, int 4, long/double/date 8, Guid 16).
/// </summary>
internal static partial class EntityRules
{
    public const int MaxPropertyCount = 252;
    public const int MaxPropertyBytes = 64 * 1024;
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxKeyCharacters = 512;
    public const int MaxPropertyNameLength = 255;

    /// <summary>Edm.DateTime cannot hold instants before 1601-01-01 UTC.</summary>
    public static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal)
    {
        TableEntity.PartitionKeyName, TableEntity.RowKeyName, "Timestamp", "ETag", "odata.etag",
    };

    public static void ValidateTableName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        if (!TableNamePattern().IsMatch(tableName) || tableName.Equals("tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{tableName}' is not a valid table name: 3-63 letters and digits, starting with a letter.", nameof(tableName));
        }
    }

    public static void ValidateKey(string key, string keyName)
    {
        if (key.Length > MaxKeyCharacters)
        {
            throw new TableLimitExceededException($"{keyName} is {key.Length} characters; at most {MaxKeyCharacters} (1 KiB) are allowed.");
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"{keyName} contains a character table storage forbids in keys (/ \\ # ? or a control character); encode the key first.", keyName);
            }
        }
    }

    /// <returns>The entity's size in bytes by the service's formula.</returns>
    public static long Validate(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey(entity.PartitionKey, TableEntity.PartitionKeyName);
        ValidateKey(entity.RowKey, TableEntity.RowKeyName);
        if (entity.Properties.Count > MaxPropertyCount)
        {
            throw new TableLimitExceededException($"The entity has {entity.Properties.Count} properties; at most {MaxPropertyCount} are allowed.");
        }

        long size = 4 + (2L * entity.PartitionKey.Length) + (2L * entity.RowKey.Length);
        foreach (var (name, value) in entity.Properties)
        {
            ValidatePropertyName(name);
            var valueBytes = ValueSize(name, value);
            if (valueBytes > MaxPropertyBytes)
            {
                throw new TableLimitExceededException($"Property '{name}' is {valueBytes} bytes; at most {MaxPropertyBytes} (64 KiB) are allowed.");
            }

            size += 8 + (2L * name.Length) + valueBytes;
        }

        if (size > MaxEntityBytes)
        {
            throw new TableLimitExceededException($"The entity is {size} bytes; at most {MaxEntityBytes} (1 MiB) are allowed.");
        }

        return size;
    }

    public static void ValidatePropertyName(string name)
    {
        if (name.Length is 0 or > MaxPropertyNameLength || !PropertyNamePattern().IsMatch(name) || SystemProperties.Contains(name))
        {
            throw new ArgumentException($"'{name}' is not a valid property name: a C# identifier of at most {MaxPropertyNameLength} characters, not a system property.", nameof(name));
        }
    }

    private static long ValueSize(string name, object value) => value switch
    {
        string s => 4 + (2L * s.Length),
        byte[] b => 4 + b.Length,
        bool => 1,
        int => 4,
        long => 8,
        double d => double.IsFinite(d)
            ? 8
            : throw new ArgumentOutOfRangeException(name, "NaN and infinities cannot be stored: the Azure SDK cannot send them."),
        DateTimeOffset d => d < MinDateTime
            ? throw new ArgumentOutOfRangeException(name, "Dates before 1601-01-01 UTC cannot be stored in table storage.")
            : 8,
        Guid => 16,
        _ => throw new ArgumentException($"Property '{name}' has type {value.GetType().Name}; supported are string, bool, int, long, double, DateTimeOffset, Guid and byte[].", name),
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PropertyNamePattern();
}
