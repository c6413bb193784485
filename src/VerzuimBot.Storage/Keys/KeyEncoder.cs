using System.Globalization;
using System.Text;

namespace VerzuimBot.Storage.Keys;

/// <summary>
/// Makes any id usable as (part of) a partition or row key on both backends. Azure forbids
/// '/', '\', '#', '?' and control characters in keys; we also escape '%' (mangled by some URL
/// layers), '|' (our separator inside composite keys) and '~' (the escape character itself).
/// Escaped characters become "~XX" (hex), so the encoding is reversible and keeps the order of
/// plain ASCII ids.
/// </summary>
internal static class KeyEncoder
{
    public const char Separator = '|';

    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                builder.Append('~').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (!encoded.Contains('~', StringComparison.Ordinal))
        {
            return encoded;
        }

        var builder = new StringBuilder(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '~' && i + 2 < encoded.Length)
            {
                builder.Append((char)int.Parse(encoded.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                builder.Append(encoded[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Joins encoded parts with the separator, e.g. "E|student|0000000000000000042".</summary>
    public static string Compose(params string[] encodedParts) => string.Join(Separator, encodedParts);

    /// <summary>The smallest string greater than every key that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixUpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '/' or '\\' or '#' or '?' or '%' or '|' or '~';
}
