using System.Text.Json;
using VerzuimBot.Cards;

namespace VerzuimBot.Tests.Messages;

/// <summary>
/// Finds user-typed text that the bot showed unescaped: in the markdown-rendered parts of Adaptive
/// Cards (TextBlock text, Fact title and value) and in message texts that are not plain text (plain text is shown as typed).
/// </summary>
public static class EchoedText
{
    /// <returns>One line per unescaped occurrence; empty when every echo was escaped.</returns>
    public static IReadOnlyList<string> Unescaped(IEnumerable<JsonElement> shown, IReadOnlyList<string>? injected)
    {
        // A string that escaping leaves as it is cannot be told apart from an escaped echo.
        var risky = (injected ?? []).Where(s => s.Length > 0 && TeamsText.Escape(s) != s).ToList();
        if (risky.Count == 0)
        {
            return [];
        }

        var problems = new List<string>();
        foreach (var root in shown)
        {
            foreach (var text in RenderedTexts(root))
            {
                // What is left once every escaped echo is taken out must not hold the raw text.
                problems.AddRange(risky
                    .Where(s => text.Replace(TeamsText.Escape(s), string.Empty, StringComparison.Ordinal).Contains(s, StringComparison.Ordinal))
                    .Select(s => $"'{s}' unescaped in '{Cut(text)}'"));
            }
        }

        return problems;
    }

    /// <summary>Markdown-rendered strings: a message's text, and TextBlock/Fact texts anywhere below.</summary>
    public static IEnumerable<string> RenderedTexts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in RenderedTexts(item))
                {
                    yield return inner;
                }
            }
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var plain = element.TryGetProperty("textFormat", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "plain";
        if ((type is "TextBlock" || (type is "message" && !plain)) && element.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
        {
            yield return text.GetString()!;
        }

        if (element.TryGetProperty("facts", out var facts) && facts.ValueKind == JsonValueKind.Array)
        {
            foreach (var fact in facts.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.Object))
            {
                foreach (var name in new[] { "title", "value" })
                {
                    if (fact.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
                    {
                        yield return v.GetString()!;
                    }
                }
            }
        }

        foreach (var property in element.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
        {
            foreach (var nested in RenderedTexts(property.Value))
            {
                yield return nested;
            }
        }
    }

    private static string Cut(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
