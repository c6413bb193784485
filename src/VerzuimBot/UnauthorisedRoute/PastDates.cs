using System.Text.RegularExpressions;
using VerzuimBot.Domain.Language;

namespace VerzuimBot.UnauthorisedRoute;

/// <summary>
/// Dates of absence that happened: "vandaag", "gisteren", "eergisteren", a weekday ("maandag" is the
/// last Monday, today included), or anything <see cref="DutchDateParser"/> reads. A day written
/// without a year ("12-1") is its latest occurrence up to today, not the next one.
/// </summary>
internal static partial class PastDates
{
    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["maandag"] = DayOfWeek.Monday, ["ma"] = DayOfWeek.Monday,
        ["dinsdag"] = DayOfWeek.Tuesday, ["di"] = DayOfWeek.Tuesday,
        ["woensdag"] = DayOfWeek.Wednesday, ["wo"] = DayOfWeek.Wednesday,
        ["donderdag"] = DayOfWeek.Thursday, ["do"] = DayOfWeek.Thursday,
        ["vrijdag"] = DayOfWeek.Friday, ["vr"] = DayOfWeek.Friday,
        ["zaterdag"] = DayOfWeek.Saturday, ["za"] = DayOfWeek.Saturday,
        ["zondag"] = DayOfWeek.Sunday, ["zo"] = DayOfWeek.Sunday,
    };

    public static DateAnswer Parse(string text, DateOnly today)
    {
        var input = text.Trim().ToLowerInvariant().TrimEnd('.', '!');
        switch (input)
        {
            case "vandaag":
                return new DateAnswer(DateAnswerKind.Date, today);
            case "gisteren":
                return new DateAnswer(DateAnswerKind.Date, today.AddDays(-1));
            case "eergisteren":
                return new DateAnswer(DateAnswerKind.Date, today.AddDays(-2));
        }

        if (Weekdays.TryGetValue(input, out var weekday))
        {
            return new DateAnswer(DateAnswerKind.Date, today.AddDays(-(((int)today.DayOfWeek - (int)weekday + 7) % 7)));
        }

        var parsed = DutchDateParser.Parse(input, today);
        if (parsed.Kind == DateAnswerKind.Unknown)
        {
            return new DateAnswer(DateAnswerKind.Invalid, Problem: "Geef de datum waarop het verzuim was.");
        }

        if (parsed.Date is { } date && date > today && WrittenWithoutYear().IsMatch(input))
        {
            return new DateAnswer(DateAnswerKind.Date, date.AddYears(-1));
        }

        return parsed;
    }

    /// <summary>"12-1", "12/1", "12 jan", "ma 12 jan": a day and month, no year.</summary>
    [GeneratedRegex(@"^(?:[a-z]{2,9} )?\d{1,2}(?:[-/]\d{1,2}| [a-z]{3,9}\.?)$", RegexOptions.None, 100)]
    private static partial Regex WrittenWithoutYear();
}
