using System.Text;
using VerzuimBot.Cards.Templating.Expressions;

namespace VerzuimBot.Cards.Templating;

/// <summary>
/// A template string that contains at least one <c>${...}</c>, split into literal text and expressions,
/// lexed like adaptive-expressions' string interpolation: <c>\$</c> and <c>\`</c> are escapes, any other
/// backslash pair stays as written, and an unescaped backtick is a syntax error (the official library wraps
/// the string in backticks to parse it).
/// </summary>
internal sealed class InterpolatedString
{
    private InterpolatedString(string source, IReadOnlyList<object> parts)
    {
        Source = source;
        Parts = parts;
        SingleExpression = parts is [Expression only] && only is not ConstantExpression ? only : null;
    }

    public string Source { get; }

    /// <summary>Literal <see cref="string"/>s and <see cref="Expression"/>s in order.</summary>
    public IReadOnlyList<object> Parts { get; }

    /// <summary>
    /// Set when the whole string is one non-constant <c>${expr}</c>: its value then keeps its JSON type
    /// (number, boolean, object, list). A lone constant such as <c>${true}</c> still yields text, as in the official library.
    /// </summary>
    public Expression? SingleExpression { get; }

    /// <summary>Parses <paramref name="text"/>; returns null when it has no <c>${</c> (the string is then plain text, escapes and all).</summary>
    public static InterpolatedString? TryParse(string text)
    {
        if (!text.Contains("${", StringComparison.Ordinal)) return null;
        var parts = new List<object>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 >= text.Length) throw Unsupported(text, "a string that ends with a backslash");
                var next = text[i + 1];
                if (next is '\r' or '\n') { literal.Append(c); i++; continue; }
                if (next is '`' or '$') literal.Append(next);
                else literal.Append(c).Append(next);
                i += 2;
            }
            else if (c == '`') throw Unsupported(text, "a backtick in a string that contains ${...} (write \\` instead)");
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = FindTemplateEnd(text, i + 2);
                if (literal.Length > 0) { parts.Add(literal.ToString()); literal.Clear(); }
                parts.Add(ExpressionParser.Parse(text[(i + 2)..end].Trim()));
                i = end + 1;
            }
            else { literal.Append(c); i++; }
        }
        if (literal.Length > 0) parts.Add(literal.ToString());
        return new InterpolatedString(text, parts);
    }

    // The TEMPLATE token runs to the first '}' outside quotes; it may not span lines or contain object literals.
    private static int FindTemplateEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var quote = c;
                i++;
                while (i < text.Length && text[i] != quote) i += text[i] == '\\' ? 2 : 1;
                if (i >= text.Length) break;
                i++;
                continue;
            }
            if (c == '}') return i == start ? throw Unsupported(text, "an empty ${}") : i;
            if (c == '{') throw Unsupported(text, "an object literal inside ${...}");
            if (c is '\r' or '\n' or '`') throw Unsupported(text, "a line break or backtick inside ${...}");
            i++;
        }
        throw Unsupported(text, "a ${ without its closing }");
    }

    private static CardTemplateException Unsupported(string text, string what) =>
        new(CardTemplateError.UnsupportedSyntax, $"Unsupported template string \"{Shorten(text)}\": {what}.");

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
