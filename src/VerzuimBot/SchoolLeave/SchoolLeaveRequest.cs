using System.Globalization;
using System.Text.RegularExpressions;
using VerzuimBot.Domain.Dossier;

namespace VerzuimBot.SchoolLeave;

/// <summary>What is recorded: the routes of 002 §1.3 besides illness and ongeoorloofd verzuim.</summary>
internal enum SchoolLeaveKind
{
    /// <summary>A schorsing (reported to leerplicht).</summary>
    Schorsing = 1,

    /// <summary>The parents' written request for extra verlof (decided by the school).</summary>
    VerlofAanvraag,

    /// <summary>Geoorloofd verzuim with a reason other than illness (dokter, religieuze feestdag, huwelijk, begrafenis).</summary>
    Geoorloofd,

    /// <summary>The directeur agreed more hours at home for a 5-year-old (002 §1.1 footnote 4).</summary>
    VijfjarigeExtraUren,

    /// <summary>Left school without a startkwalificatie (type 7, VSV).</summary>
    Vsv,
}

/// <summary>A parsed command: the kind, the student as typed, the day(s) as typed (null: vandaag), the reason.</summary>
internal sealed record SchoolLeaveRequest(SchoolLeaveKind Kind, string Student, string? From, string? Until, string? Reason = null, AuthorisedAbsenceReason? AuthorisedReason = null, int? Hours = null);

/// <summary>A request, or the Dutch problem to answer with.</summary>
internal sealed record SchoolLeaveParse(SchoolLeaveRequest? Request, string? Problem);

/// <summary>
/// Reads the commands (text already lower case, single spaces): "schorsing daan van 2-11 tot 4-11", "verlof aanvraag daan van
/// 1-3 tot 5-3 reden beroep vader", "geoorloofd daan begrafenis op 12-1", "geoorloofd daan dokter 2 uur op 12-1",
/// "vijfjarige extra uren daan vanaf 9-11" and "vsv daan op 1-2". "verlof", "schorsing" or "geoorloofd" alone: how to type them.
/// </summary>
internal static partial class SchoolLeaveCommandParser
{
    public const string Usage =
        "Zo leg je verlof, schorsing en geoorloofd verzuim vast (002 §1.3):\n"
        + "- \"verlof aanvraag Daan van 1-3 tot 5-3 reden beroep vader\": de schriftelijke aanvraag van de ouders; de verzuimcoördinator beslist\n"
        + "- \"geoorloofd Daan begrafenis op 12-1\" (of dokter, tandarts, hulpverlening, religieuze feestdag, huwelijk; \"… dokter 2 uur op 12-1\", \"… van 12-1 tot 13-1\"): telt nooit als verzuim\n"
        + "- \"schorsing Daan van 2-11 tot 4-11\": de schorsing, die de school bij leerplicht meldt\n"
        + "- \"vijfjarige extra uren Daan\": de directeur stemt in met meer uren thuis voor een vijfjarige\n"
        + "- \"vsv Daan op 1-2\": vertrokken zonder startkwalificatie (type 7)";

    private static readonly Dictionary<string, AuthorisedAbsenceReason> Reasons = new(StringComparer.Ordinal)
    {
        ["dokter"] = AuthorisedAbsenceReason.DokterOfHulpverlening,
        ["tandarts"] = AuthorisedAbsenceReason.DokterOfHulpverlening,
        ["arts"] = AuthorisedAbsenceReason.DokterOfHulpverlening,
        ["ziekenhuis"] = AuthorisedAbsenceReason.DokterOfHulpverlening,
        ["hulpverlening"] = AuthorisedAbsenceReason.DokterOfHulpverlening,
        ["religieuze feestdag"] = AuthorisedAbsenceReason.ReligieuzeFeestdag,
        ["feestdag"] = AuthorisedAbsenceReason.ReligieuzeFeestdag,
        ["huwelijk"] = AuthorisedAbsenceReason.Huwelijk,
        ["bruiloft"] = AuthorisedAbsenceReason.Huwelijk,
        ["begrafenis"] = AuthorisedAbsenceReason.Begrafenis,
        ["uitvaart"] = AuthorisedAbsenceReason.Begrafenis,
    };

    public static SchoolLeaveParse? Parse(string command)
    {
        if (command is "verlof" or "schorsing" or "geoorloofd" or "verlof aanvraag" or "vsv" or "vijfjarige extra uren")
        {
            return new SchoolLeaveParse(null, Usage);
        }

        if (Starts(command, "verlof aanvraag") is { } verlof)
        {
            var (student, reason) = Split(verlof, " reden ");
            return Range(student) is { } range
                ? new SchoolLeaveParse(new SchoolLeaveRequest(SchoolLeaveKind.VerlofAanvraag, range.Student, range.From, range.Until, reason ?? "extra verlof"), null)
                : new SchoolLeaveParse(null, "Typ de leerling en de verlofdagen, bijvoorbeeld \"verlof aanvraag Daan 2b van 1-3 tot 5-3 reden beroep vader\".");
        }

        if (Starts(command, "schorsing") is { } schorsing)
        {
            var range = Range(schorsing) ?? OneDay(schorsing);
            return range.Student.Length == 0
                ? new SchoolLeaveParse(null, "Wie is er geschorst? Typ bijvoorbeeld \"schorsing Daan 2b van 2-11 tot 4-11\" of \"schorsing 123456 op 2-11\".")
                : new SchoolLeaveParse(new SchoolLeaveRequest(SchoolLeaveKind.Schorsing, range.Student, range.From, range.Until), null);
        }

        if (Starts(command, "geoorloofd") is { } geoorloofd)
        {
            return Authorised(geoorloofd);
        }

        if (Starts(command, "vijfjarige extra uren") is { } vijfjarige)
        {
            var day = OneDay(vijfjarige, "vanaf");
            return day.Student.Length == 0
                ? new SchoolLeaveParse(null, "Voor welke leerling? Typ bijvoorbeeld \"vijfjarige extra uren Daan vanaf 9-11\".")
                : new SchoolLeaveParse(new SchoolLeaveRequest(SchoolLeaveKind.VijfjarigeExtraUren, day.Student, day.From, null), null);
        }

        if (Starts(command, "vsv") is { } vsv)
        {
            var day = OneDay(vsv);
            return day.Student.Length == 0
                ? new SchoolLeaveParse(null, "Wie vertrok er zonder startkwalificatie? Typ bijvoorbeeld \"vsv Daan op 1-2\".")
                : new SchoolLeaveParse(new SchoolLeaveRequest(SchoolLeaveKind.Vsv, day.Student, day.From, null), null);
        }

        return null;
    }

    private static SchoolLeaveParse Authorised(string rest)
    {
        if (AuthorisedPattern().Match(rest) is not { Success: true } match)
        {
            return new SchoolLeaveParse(null, "Typ de leerling, de reden en de dag, bijvoorbeeld \"geoorloofd Daan begrafenis op 12-1\" of \"geoorloofd Daan dokter 2 uur op 12-1\". Redenen: dokter, tandarts, hulpverlening, religieuze feestdag, huwelijk, begrafenis.");
        }

        int? hours = null;
        if (match.Groups["hours"].Success)
        {
            hours = int.Parse(match.Groups["hours"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            if (hours is < 1 or > Domain.Profiles.UnauthorisedAbsenceRules.MaxLessonHoursPerDay)
            {
                return new SchoolLeaveParse(null, $"Het aantal lesuren moet tussen 1 en {Domain.Profiles.UnauthorisedAbsenceRules.MaxLessonHoursPerDay} liggen.");
            }
        }

        var (from, until) = match.Groups["days"].Success && Between().Match(match.Groups["days"].Value) is { Success: true } between
            ? (between.Groups["from"].Value, (string?)between.Groups["to"].Value)
            : (match.Groups["days"].Success ? match.Groups["days"].Value : null, null);
        if (hours is not null && until is not null)
        {
            return new SchoolLeaveParse(null, "Lesuren gaan over één dag: typ \"… dokter 2 uur op 12-1\", of laat de uren weg voor hele dagen.");
        }

        return new SchoolLeaveParse(new SchoolLeaveRequest(SchoolLeaveKind.Geoorloofd, match.Groups["student"].Value, from, until, null, Reasons[match.Groups["reason"].Value], hours), null);
    }

    private static string? Starts(string command, string word) =>
        command.StartsWith(word + " ", StringComparison.Ordinal) ? command[(word.Length + 1)..].Trim() : null;

    private static (string Before, string? After) Split(string text, string separator)
    {
        var at = text.IndexOf(separator, StringComparison.Ordinal);
        return at < 0 ? (text, null) : (text[..at].Trim(), text[(at + separator.Length)..].Trim());
    }

    /// <summary>"daan 2b van 2-11 tot 4-11".</summary>
    private static (string Student, string? From, string? Until)? Range(string rest) =>
        RangePattern().Match(rest) is { Success: true } m ? (m.Groups["student"].Value.Trim(), m.Groups["from"].Value, m.Groups["to"].Value) : null;

    /// <summary>"daan op 2-11" (or "daan vanaf 2-11"); without a day: vandaag.</summary>
    private static (string Student, string? From, string? Until) OneDay(string rest, string word = "op")
    {
        var at = rest.LastIndexOf($" {word} ", StringComparison.Ordinal);
        return at > 0 ? (rest[..at].Trim(), rest[(at + word.Length + 2)..].Trim(), null) : (rest.Trim(), null, null);
    }

    [GeneratedRegex(@"^(?<student>.+?) van (?<from>.+?) (?:tot en met|t/m|tot) (?<to>.+)$", RegexOptions.None, 100)]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^(?<from>.+?) (?:tot en met|t/m|tot) (?<to>.+)$", RegexOptions.None, 100)]
    private static partial Regex Between();

    [GeneratedRegex(@"^(?<student>.+?) (?<reason>religieuze feestdag|feestdag|dokter|tandarts|arts|ziekenhuis|hulpverlening|huwelijk|bruiloft|begrafenis|uitvaart)(?: (?<hours>\d{1,2}) (?:les)?(?:uur|uren))?(?: (?:op|van) (?<days>.+))?$", RegexOptions.None, 100)]
    private static partial Regex AuthorisedPattern();
}
