using System.Text;

namespace VerzuimBot.Cards;

/// <summary>Where a text is shown in Teams, which decides what in it could turn into formatting.</summary>
public enum TeamsSurface
{
    /// <summary>An Adaptive Card TextBlock or FactSet line: Teams renders bold, italic, links and lists there.</summary>
    Card = 1,

    /// <summary>A chat message the bot sends as <c>textFormat: plain</c>: Teams applies no formatting at all.</summary>
    PlainMessage,
}

/// <summary>
/// The one escaping helper for everything people typed (names, notes, reasons) that VerzuimBot shows in Teams: card bodies,
/// footnotes, facts and chat replies alike (issue 21 item 6). It escapes only what Teams would turn into formatting, because
/// Teams shows any other backslash as typed ("Daan \(2b\)"):
/// <list type="bullet">
/// <item>In cards (<see cref="TeamsSurface.Card"/>), the markdown subset Teams renders in a TextBlock: <c>*</c> and <c>_</c>
/// (bold, italic; Teams also emphasises inside words), <c>[</c> and <c>]</c> (links and images), a <c>\</c> before any of those,
/// and at the start of a line the list markers <c>-</c>, <c>+</c>, <c>*</c> and <c>1.</c> / <c>1)</c>. Parentheses, <c>#</c>,
/// <c>&gt;</c> and <c>&lt;b&gt;</c> need nothing: cards render neither headings, quotes nor HTML.</item>
/// <item>In chat replies (<see cref="TeamsSurface.PlainMessage"/>) nothing: they go out as plain text, which Teams shows as typed,
/// so any escape would itself be shown.</item>
/// </list>
/// Line breaks are normalised to <c>\n</c> and kept. Null gives "".
/// </summary>
public static class TeamsText
{
    private const string Inline = "*_[]";

    /// <summary>The text as Teams must receive it to show it as typed on <paramref name="surface"/>.</summary>
    public static string Escape(string? text, TeamsSurface surface = TeamsSurface.Card)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return surface == TeamsSurface.PlainMessage ? normalised : EscapeMarkdown(normalised);
    }

    private static string EscapeMarkdown(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        var lineStart = true;      // only spaces so far on this line
        var digitsAtStart = false; // the line so far is spaces followed by digits
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                result.Append(c);
                (lineStart, digitsAtStart) = (true, false);
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\n';
            var listMarker = (lineStart && c is '-' or '+' && next is ' ' or '\t') || (digitsAtStart && c is '.' or ')' && next is ' ' or '\t' or '\n');
            var escape = Inline.Contains(c) || (c == '\\' && Inline.Contains(next)) || listMarker;
            if (escape)
            {
                result.Append('\\');
            }

            result.Append(c);
            if (char.IsAsciiDigit(c) && (lineStart || digitsAtStart))
            {
                (lineStart, digitsAtStart) = (false, true);
            }
            else if (c != ' ' || !lineStart)
            {
                (lineStart, digitsAtStart) = (false, false);
            }
        }

        return result.ToString();
    }
}
