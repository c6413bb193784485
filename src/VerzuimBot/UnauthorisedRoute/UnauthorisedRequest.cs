using System.Globalization;
using System.Text.RegularExpressions;
using VerzuimBot.Protocol.Unauthorised;

namespace VerzuimBot.UnauthorisedRoute;

/// <summary>What is logged: hours of ongeoorloofd verzuim, a late arrival, or luxeverzuim (004 Verzuimschema, 002 §3).</summary>
internal enum UnauthorisedKind
{
    Hours = 1,
    Late,
    Luxeverzuim,

    /// <summary>"Ongeoorloofd afwezig vanaf": whole days away without leave until "weer aanwezig".</summary>
    AwayFrom,

    /// <summary>"Weer aanwezig": the period of ongeoorloofd afwezig ends on this day.</summary>
    Back,
}

/// <summary>A parsed chat command: the kind, the student as typed, and the date(s) as typed (null: vandaag).</summary>
internal sealed record UnauthorisedRequest(UnauthorisedKind Kind, string Student, int Hours, string? On, string? Until);

/// <summary>The result of reading a message: not ours (null), the form, a request, or a Dutch problem.</summary>
internal sealed record UnauthorisedParse(bool Form, UnauthorisedRequest? Request, string? Problem);

/// <summary>
/// Reads the chat commands of the hours ladder (text already lower case, one space between words):
/// "3 uur ongeoorloofd daan 2b", "ongeoorloofd 2 uur 123456", "te laat daan", "luxeverzuim daan van 12-1 tot 16-1",
/// each with an optional day ("… op 12-1", "… gisteren"), and "ongeoorloofd formulier".
/// </summary>
internal static partial class UnauthorisedCommandParser
{
    public const string Usage =
        "Zo leg je ongeoorloofd verzuim vast:\n- \"3 uur ongeoorloofd Daan 2b\" of \"ongeoorloofd 2 uur 123456\" (vandaag; of \"… op 12-1\", \"… gisteren\")\n"
        + "- \"te laat Daan\" (vandaag; of \"te laat Daan op maandag\")\n- \"luxeverzuim Daan van 12-1 tot 16-1\" of \"luxeverzuim Daan op 12-1\"\n"
        + "- \"ongeoorloofd afwezig Daan vanaf 2-11\" als de leerling hele dagen zonder geldige reden wegblijft, en \"weer aanwezig Daan\" als hij terug is\n"
        + "- \"ongeoorloofd formulier\" voor het formulier";

    public static UnauthorisedParse? Parse(string command)
    {
        if (command is "ongeoorloofd formulier" or "ongeoorloofd verzuim formulier" or "luxeverzuim formulier" or "te laat formulier")
        {
            return new UnauthorisedParse(true, null, null);
        }

        if (HoursFirst().Match(command) is { Success: true } a)
        {
            return Hours(a);
        }

        if (command == "ongeoorloofd afwezig" || command.StartsWith("ongeoorloofd afwezig ", StringComparison.Ordinal))
        {
            var (student, from) = StudentAndDay(command["ongeoorloofd afwezig".Length..], "vanaf", "sinds", "op");
            return student.Length == 0
                ? new UnauthorisedParse(false, null, "Wie is er ongeoorloofd afwezig? Typ bijvoorbeeld \"ongeoorloofd afwezig Daan 2b vanaf 2-11\" (zonder datum: vanaf vandaag).")
                : new UnauthorisedParse(false, new UnauthorisedRequest(UnauthorisedKind.AwayFrom, student, 0, from, null), null);
        }

        if (command == "weer aanwezig" || command.StartsWith("weer aanwezig ", StringComparison.Ordinal))
        {
            var (student, on) = StudentAndDay(command["weer aanwezig".Length..], "op", "vanaf", "sinds");
            return student.Length == 0
                ? new UnauthorisedParse(false, null, "Wie is er weer op school? Typ bijvoorbeeld \"weer aanwezig Daan 2b\" of \"weer aanwezig 123456 op 30-11\".")
                : new UnauthorisedParse(false, new UnauthorisedRequest(UnauthorisedKind.Back, student, 0, on, null), null);
        }

        if (OngeoorloofdFirst().Match(command) is { Success: true } b)
        {
            return Hours(b);
        }

        if (command == "ongeoorloofd" || command.StartsWith("ongeoorloofd ", StringComparison.Ordinal))
        {
            return new UnauthorisedParse(false, null, Usage);
        }

        if (command == "te laat" || command.StartsWith("te laat ", StringComparison.Ordinal))
        {
            var (student, on) = StudentAndDay(command["te laat".Length..]);
            return student.Length == 0
                ? new UnauthorisedParse(false, null, "Wie kwam er te laat? Typ bijvoorbeeld \"te laat Daan 2b\" of \"te laat 123456\".")
                : new UnauthorisedParse(false, new UnauthorisedRequest(UnauthorisedKind.Late, student, 0, on, null), null);
        }

        if (command == "luxeverzuim" || command.StartsWith("luxeverzuim ", StringComparison.Ordinal))
        {
            return Luxe(command["luxeverzuim".Length..].Trim());
        }

        return null;
    }

    private static UnauthorisedParse Hours(Match match)
    {
        if (!int.TryParse(match.Groups["h"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours is < 1 or > UnauthorisedAbsenceService.MaxHoursPerDay)
        {
            return new UnauthorisedParse(false, null, $"Het aantal lesuren moet tussen 1 en {UnauthorisedAbsenceService.MaxHoursPerDay} liggen.");
        }

        var (student, on) = StudentAndDay(match.Groups["rest"].Value);
        return student.Length == 0
            ? new UnauthorisedParse(false, null, $"Van welke leerling? Typ bijvoorbeeld \"{hours} uur ongeoorloofd Daan 2b\" of \"{hours} uur ongeoorloofd 123456\".")
            : new UnauthorisedParse(false, new UnauthorisedRequest(UnauthorisedKind.Hours, student, hours, on, null), null);
    }

    private static UnauthorisedParse Luxe(string rest)
    {
        if (Range().Match(rest) is { Success: true } range)
        {
            return new UnauthorisedParse(false, new UnauthorisedRequest(UnauthorisedKind.Luxeverzuim, range.Groups["student"].Value.Trim(), 0, range.Groups["from"].Value, range.Groups["to"].Value), null);
        }

        var (student, on) = StudentAndDay(rest);
        if (student.Length == 0 || on is null)
        {
            return new UnauthorisedParse(false, null, "Typ de leerling en de dagen, bijvoorbeeld \"luxeverzuim Daan 2b van 12-1 tot 16-1\" of \"luxeverzuim 123456 op 12-1\".");
        }

        return new UnauthorisedParse(false, new UnauthorisedRequest(UnauthorisedKind.Luxeverzuim, student, 0, on, null), null);
    }

    /// <summary>Splits "daan 2b op 12-1" / "daan gisteren" into the student and the day (null: not given).</summary>
    private static (string Student, string? On) StudentAndDay(string rest) => StudentAndDay(rest, "op");

    /// <summary>As above, with the words that may stand before the day ("vanaf 2-11", "sinds maandag").</summary>
    private static (string Student, string? On) StudentAndDay(string rest, params string[] before)
    {
        rest = rest.Trim();
        foreach (var word in before)
        {
            var at = rest.LastIndexOf($" {word} ", StringComparison.Ordinal);
            if (at > 0)
            {
                return (rest[..at].Trim(), rest[(at + word.Length + 2)..].Trim());
            }
        }

        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1 && words[^1] is "vandaag" or "gisteren" or "eergisteren")
        {
            return (string.Join(' ', words[..^1]), words[^1]);
        }

        return (rest, null);
    }

    [GeneratedRegex(@"^(?<h>\d{1,3}) (?:les)?(?:uur|uren) ongeoorloofd(?: verzuim)?(?: (?<rest>.*))?$", RegexOptions.None, 100)]
    private static partial Regex HoursFirst();

    [GeneratedRegex(@"^ongeoorloofd(?: verzuim)? (?<h>\d{1,3}) (?:les)?(?:uur|uren)(?: (?<rest>.*))?$", RegexOptions.None, 100)]
    private static partial Regex OngeoorloofdFirst();

    [GeneratedRegex(@"^(?<student>.+?) van (?<from>.+?) (?:tot en met|t/m|tot) (?<to>.+)$", RegexOptions.None, 100)]
    private static partial Regex Range();
}
