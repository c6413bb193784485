using System.Globalization;
using System.Text.RegularExpressions;

namespace VerzuimBot.Domain.Language;

/// <summary>What a Dutch date answer meant.</summary>
public enum DateAnswerKind
{
    Date = 1,
    Unknown,
    Invalid,
}

/// <summary>The parsed answer: a date, "weet ik niet", or invalid with a Dutch reason.</summary>
/// <param name="Closest">For a day that cannot be ("31-2"): the last day of that month, so an answer can offer the nearest real day.</param>
public sealed record DateAnswer(DateAnswerKind Kind, DateOnly? Date = null, string? Problem = null, DateOnly? Closest = null);

/// <summary>
/// Understands the ways Dutch staff write a date in chat: "vandaag", "morgen", "overmorgen",
/// "maandag" / "ma" (the next such day after today), "over 3 dagen", "12-1", "12-1-2027", "12/1",
/// "12 jan", "ma 12 jan", "2027-01-12", and "weet ik niet". A day without a year is the next
/// occurrence from today. Impossible dates (31-2) are invalid, never silently moved.
/// </summary>
public static partial class DutchDateParser
{
    private static readonly string[] Months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

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

    public static DateAnswer Parse(string? text, DateOnly today)
    {
        var input = Whitespace().Replace((text ?? string.Empty).Trim().ToLowerInvariant(), " ").TrimEnd('.', '!');
        switch (input)
        {
            case "":
                return Invalid("Ik zie geen datum.");
            case "weet ik niet" or "onbekend" or "weet niet" or "nog onbekend" or "?":
                return new DateAnswer(DateAnswerKind.Unknown);
            case "vandaag":
                return Found(today);
            case "morgen":
                return Found(today.AddDays(1));
            case "overmorgen":
                return Found(today.AddDays(2));
        }

        if (Weekdays.TryGetValue(input, out var weekday))
        {
            var days = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
            return Found(today.AddDays(days == 0 ? 7 : days));
        }

        if (InDays().Match(input) is { Success: true } inDays)
        {
            return int.TryParse(inDays.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 366
                ? Found(today.AddDays(n))
                : Invalid("Dat aantal dagen is te groot.");
        }

        if (Iso().Match(input) is { Success: true } iso)
        {
            return Build(iso.Groups[3].Value, iso.Groups[2].Value, iso.Groups[1].Value, today);
        }

        if (Numeric().Match(input) is { Success: true } numeric)
        {
            return Build(numeric.Groups[2].Value, numeric.Groups[3].Value, numeric.Groups[4].Success ? numeric.Groups[4].Value : null, today, numeric.Groups[1].Value);
        }

        if (Named().Match(input) is { Success: true } named)
        {
            var month = Array.FindIndex(Months, m => named.Groups[3].Value.StartsWith(m, StringComparison.Ordinal)) + 1;
            return month == 0
                ? Invalid($"De maand '{named.Groups[3].Value}' ken ik niet.")
                : Build(named.Groups[2].Value, month.ToString(CultureInfo.InvariantCulture), named.Groups[4].Success ? named.Groups[4].Value : null, today, named.Groups[1].Value);
        }

        return Invalid("Die datum begrijp ik niet. Schrijf bijvoorbeeld 12-1, 12 jan, morgen, maandag of over 3 dagen.");
    }

    private static DateAnswer Build(string day, string month, string? year, DateOnly today, string? weekday = null)
    {
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        var m = int.Parse(month, CultureInfo.InvariantCulture);
        int y;
        if (year is null)
        {
            y = today.Year;
            if (IsValid(y, m, d) && new DateOnly(y, m, d) < today)
            {
                y++;
            }
        }
        else
        {
            y = int.Parse(year, CultureInfo.InvariantCulture);
            y = y < 100 ? 2000 + y : y;
        }

        if (!IsValid(y, m, d))
        {
            return IsValid(y, m, 1) && d >= 1
                ? new DateAnswer(DateAnswerKind.Invalid, Problem: $"{d}-{m}-{y} bestaat niet.", Closest: new DateOnly(y, m, DateTime.DaysInMonth(y, m)))
                : Invalid($"{d}-{m}-{y} bestaat niet.");
        }

        var date = new DateOnly(y, m, d);
        if (weekday is { Length: > 0 } && Weekdays.TryGetValue(weekday, out var expected) && date.DayOfWeek != expected)
        {
            return Invalid($"{date:dd-MM-yyyy} is geen {weekday}.");
        }

        return Found(date);
    }

    private static bool IsValid(int y, int m, int d) => y is >= 2000 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);

    private static DateAnswer Found(DateOnly date) => new(DateAnswerKind.Date, date);

    private static DateAnswer Invalid(string problem) => new(DateAnswerKind.Invalid, Problem: problem);

    [GeneratedRegex(@"\s+", RegexOptions.None, 100)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^over (\d{1,4}) dag(en)?$", RegexOptions.None, 100)]
    private static partial Regex InDays();

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})-(\d{1,2})$", RegexOptions.None, 100)]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(?:([a-z]{2,9}) )?(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2}|\d{4}))?$", RegexOptions.None, 100)]
    private static partial Regex Numeric();

    [GeneratedRegex(@"^(?:([a-z]{2,9}) )?(\d{1,2}) ([a-z]{3,9})\.?(?: (\d{4}))?$", RegexOptions.None, 100)]
    private static partial Regex Named();
}
