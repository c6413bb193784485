using System.Text;

namespace VerzuimBot.Cards;

/// <summary>Makes user-typed text safe to show in an Adaptive Card TextBlock.</summary>
public static class CardText
{
    // Markdown that can form anywhere in a line: emphasis, links/images, code, HTML and autolinks.
    private const string AlwaysEscaped = "\\*_[]()`<>";
    // Markdown that only forms at the start of a line: headings, bullets, quotes, setext underlines.
    private const string EscapedAtLineStart = "#-+>=";

    /// <summary>
    /// Backslash-escapes the characters of the Adaptive Card markdown subset (CommonMark escapes) so user text is shown
    /// literally: <c>* _ [ ] ( ) ` &lt; &gt; \</c> everywhere; <c># - + &gt; =</c> at the start of a line; and the
    /// <c>.</c> or <c>)</c> of a numbered-list marker such as <c>1.</c> at the start of a line. Line breaks are
    /// normalised to <c>\n</c> and kept. Callers escape user text BEFORE binding it into a card. Null gives "".
    /// </summary>
    public static string Escape(string? userText)
    {
        if (string.IsNullOrEmpty(userText)) return "";
        var text = userText.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var result = new StringBuilder(text.Length + 16);
        var lineStart = true;     // still inside the leading spaces of a line
        var digitsAtStart = false; // the line so far is spaces followed by digits
        foreach (var c in text)
        {
            if (c == '\n')
            {
                result.Append(c);
                lineStart = true;
                digitsAtStart = false;
                continue;
            }
            var escape = AlwaysEscaped.Contains(c)
                || (lineStart && EscapedAtLineStart.Contains(c))
                || (digitsAtStart && c is '.' or ')');
            if (escape) result.Append('\\');
            result.Append(c);

            if (char.IsAsciiDigit(c) && (lineStart || digitsAtStart)) { digitsAtStart = true; lineStart = false; }
            else if (c == ' ' && lineStart) { }
            else { lineStart = false; digitsAtStart = false; }
        }
        return result.ToString();
    }
}
