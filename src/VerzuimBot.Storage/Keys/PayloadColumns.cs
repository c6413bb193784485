using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Keys;

/// <summary>
/// Stores a long string (JSON) across several string properties so a payload is never refused
/// for the 64 KiB property limit: parts of at most 32 000 UTF-16 characters, at most 15 parts
/// (under the 1 MiB entity limit). Larger payloads fail with a clear limit error before sending.
/// </summary>
internal static class PayloadColumns
{
    public const int MaxPartLength = 32_000;
    public const int MaxParts = 15;

    public static void Write(TableEntity entity, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = Split(value);
        if (parts.Count > MaxParts)
        {
            throw new TableLimitExceededException(
                $"Payload '{name}' is {value.Length} characters; at most {MaxParts * MaxPartLength} fit in one entity.");
        }

        entity[name + "Parts"] = parts.Count;
        for (var i = 0; i < parts.Count; i++)
        {
            entity[PartName(name, i)] = parts[i];
        }
    }

    public static string? Read(TableEntity entity, string name)
    {
        var count = entity.GetInt32(name + "Parts");
        if (count is null)
        {
            return null;
        }

        return string.Concat(Enumerable.Range(0, count.Value).Select(i => entity.GetString(PartName(name, i)) ?? string.Empty));
    }

    private static string PartName(string name, int index) => index == 0 ? name : name + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Split(string value)
    {
        var parts = new List<string>();
        var start = 0;
        do
        {
            var length = Math.Min(MaxPartLength, value.Length - start);
            // Never cut a surrogate pair in two: each part must be valid UTF-16 on its own.
            if (length == MaxPartLength && char.IsHighSurrogate(value[start + length - 1]))
            {
                length--;
            }

            parts.Add(value.Substring(start, length));
            start += length;
        }
        while (start < value.Length);
        return parts;
    }
}
