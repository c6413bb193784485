using System.Text.RegularExpressions;

namespace VerzuimBot.Domain.Language;

/// <summary>
/// Dates of absence that happened: "vandaag", "gisteren", "eergisteren", a weekday ("maandag" is the
/// last Monday, today included), or anything <see cref="DutchDateParser"/> reads. A day written
/// without a year ("12-1") is its latest occurrence up to today, not the next one.
/// </summary>
public static partial class PastDates
{
    public static DateAnswer Parse(string text, DateOnly today)
    {
        var input = text.Trim().ToLowerInvariant().TrimEnd('.', '!');
        switch (input)
        {
            case "gisteren":
                return new DateAnswer(DateAnswerKind.Date, today.AddDays(-1));
            case "eergisteren":
                return new DateAnswer(DateAnswerKind.Date, today.AddDays(-2));
        }

        var parsed = DutchDateParser.Parse(input, today);
        if (parsed.Kind == DateAnswerKind.Unknown)
        {
            return new DateAnswer(DateAnswerKind.Invalid, Problem: "Geef de datum waarop het verzuim was.");
        }

        if (parsed.Date is not { } date || date <= today)
        {
            return parsed;
        }

        // The parser looks ahead (it was made for "when back?"); absence looks back.
        if (Weekday().IsMatch(input))
        {
            return new DateAnswer(DateAnswerKind.Date, date.AddDays(-7));
        }

        return WrittenWithoutYear().IsMatch(input) ? new DateAnswer(DateAnswerKind.Date, date.AddYears(-1)) : parsed;
    }

    /// <summary>A weekday the parser reads as the next one after today ("maandag", "ma").</summary>
    [GeneratedRegex(@"^(?:ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)$", RegexOptions.None, 100)]
    private static partial Regex Weekday();

    /// <summary>"12-1", "12/1", "12 jan", "ma 12 jan": a day and month, no year.</summary>
    [GeneratedRegex(@"^(?:[a-z]{2,9} )?\d{1,2}(?:[-/]\d{1,2}| [a-z]{3,9}\.?)$", RegexOptions.None, 100)]
    private static partial Regex WrittenWithoutYear();
}
