using System.Globalization;
using System.Text.Json;

namespace VerzuimBot.CardActions;

/// <summary>
/// The data and inputs an Action.Execute sends back. Everything is untrusted: values are strings,
/// trimmed, length-capped, and read by name; anything else (numbers, objects, megabyte texts) is absent.
/// </summary>
internal sealed class CardData(JsonElement data)
{
    public const int MaxLength = 2000;

    public string? Text(string name, int maxLength = MaxLength)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString()!.Trim();
        return text.Length == 0 || text.Length > maxLength || text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? null : text;
    }

    /// <summary>An ISO date (what Input.Date sends); null when absent or not a real date.</summary>
    public DateOnly? Date(string name) =>
        Text(name, 10) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>An id from the card's own data: short, and no characters an id never has.</summary>
    public string? Id(string name) => Text(name, 200) is { } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.' or ':' or '|') ? id : null;

    public bool Yes(string name) => Text(name, 10) is "ja" or "true";

    /// <summary>Multi-select choice sets send "a,b,c".</summary>
    public IReadOnlyList<string> List(string name) =>
        Text(name, 500)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
