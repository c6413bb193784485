using Quickenshtein;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Messages;

/// <summary>One chat command as help shows it: an example to type, what it does, and who it is for (none: everyone).</summary>
internal sealed record CommandHelp(string Example, string Explanation, string[] Keywords, Role[] For);

/// <summary>
/// Every chat command with an example, for "help", the welcome card and "Bedoel je …?" (issue 21 item 7). The roles follow
/// the access policy (<c>AccessPolicy</c>): help only points people to what they may do; the command itself still decides.
/// </summary>
internal static class CommandCatalog
{
    private static readonly Role[] Everyone = [];
    private static readonly Role[] SchoolStaff = [Role.Receptie, Role.Verzuimcoordinator, Role.Zorgcoordinator, Role.Mentor];
    private static readonly Role[] Administration = [Role.Receptie, Role.Verzuimcoordinator];
    private static readonly Role[] CaseRoles = [Role.Verzuimcoordinator, Role.Zorgcoordinator, Role.Mentor, Role.Leerplichtambtenaar, Role.Jeugdarts, Role.Swv, Role.LokaalTeam];
    private static readonly Role[] Kernpartners = [Role.Zorgcoordinator, Role.Leerplichtambtenaar, Role.Jeugdarts, Role.Swv];

    public static IReadOnlyList<CommandHelp> All { get; } =
    [
        new("ziek Daan", "Een ziekmelding doorgeven, vraag voor vraag (naam, klas of leerlingnummer). Van een eerdere dag: \"ziek Daan vanaf maandag\" of \"ziek 123456 sinds 19-10\".", ["ziek", "ziekmelding"], SchoolStaff),
        new("beter Daan", "De leerling is weer op school.", ["beter"], SchoolStaff),
        new("taken", "Wat er nu van jou verwacht wordt.", ["taken"], Everyone),
        new("ziekmelding formulier", "Een ziekmelding in één formulier.", ["formulier"], SchoolStaff),
        new("herstel Daan", "Een melding die niet klopt herstellen (er wordt niets gewist).", ["herstel"], SchoolStaff),
        new("3 uur ongeoorloofd Daan", "Ongeoorloofd verzuim vastleggen; ook \"te laat Daan\", \"luxeverzuim Daan van 12-1 tot 16-1\" en \"ongeoorloofd formulier\".", ["ongeoorloofd", "te laat", "luxeverzuim"], Administration),
        new("ongeoorloofd afwezig Daan vanaf 2-11", "Hele dagen weg zonder geldige reden; \"weer aanwezig Daan\" als de leerling terug is.", ["afwezig", "aanwezig"], Administration),
        new("verlof aanvraag Daan van 1-3 tot 5-3 reden bruiloft", "Een aanvraag extra verlof; de verzuimcoördinator beslist (max. 10 schooldagen).", ["verlof"], Administration),
        new("geoorloofd Daan begrafenis op 12-1", "Geoorloofd afwezig (dokter, begrafenis, religieuze feestdag): telt nooit als verzuim.", ["geoorloofd"], Administration),
        new("schorsing Daan van 2-11 tot 4-11", "Een schorsing vastleggen; de school meldt haar bij leerplicht.", ["schorsing"], [Role.Verzuimcoordinator, Role.Zorgcoordinator]),
        new("thuiszitter 123456", "De thuiszitterzaak: type, code, checklist en besluiten.", ["thuiszitter"], CaseRoles),
        new("overleg Daan", "Besluiten of er een kernpartneroverleg, MDO of groot overleg komt, en met wie.", ["overleg"], Kernpartners),
        new("overleg hier Kernpartneroverleg", "In een groepschat: deze chat gebruiken voor het overleg.", ["overleg hier"], Kernpartners),
        new("vrijstelling 123456", "Een aanvraag vrijstelling 5a vastleggen.", ["vrijstelling"], [Role.Leerplichtambtenaar]),
        new("doorzettingsmacht 123456", "Doorzettingsmacht inzetten en de termijn bewaken.", ["doorzettingsmacht"], [Role.Swv]),
        new("overzicht", "Thuiszitters en verzuim per school; \"overzicht 12AB00\" voor één school, \"overzicht export\" voor Excel.", ["overzicht"], [Role.Swv]),
        new("overzicht hier", "In het kanaal van het samenwerkingsverband: elke week het overzicht hier (\"overzicht stop\" om te stoppen).", ["overzicht hier", "overzicht stop"], [Role.Swv]),
        new("afwezig", "Doorgeven wie je taken overneemt als je er niet bent (ook \"afwezig formulier\" en \"afwezig?\").", ["afwezig"], Everyone),
        new("rol toekennen mentor a@school.nl klas 2b", "Rollen geven en intrekken (\"rol intrekken …\", \"rollen\").", ["rol", "rollen"], [Role.Beheerder]),
        new("leerlingen importeren", "De leerlingenlijst (CSV) als bijlage inlezen.", ["leerlingen"], [Role.Beheerder]),
        new("absenties importeren", "De absenties uit het schoolsysteem (CSV of .xlsx) als bijlage inlezen; \"absenties importeren proef\" laat eerst zien wat er verandert.", ["absenties"], [Role.Beheerder, Role.Verzuimcoordinator]),
        new("audit 123456", "Wie deed wat in het dossier van een leerling.", ["audit"], [Role.Beheerder]),
        new("wie ben ik", "Je naam en Teams-id, voor de beheerder die je rol instelt.", ["wie ben ik"], Everyone),
        new("help", "Dit overzicht.", ["help", "hulp"], Everyone),
    ];

    /// <summary>The commands for someone with <paramref name="roles"/>: theirs first, then the ones for everyone, in catalog order.</summary>
    public static IReadOnlyList<CommandHelp> For(IReadOnlyCollection<Role> roles) =>
        All.Where(c => c.For.Any(roles.Contains)).Concat(All.Where(c => c.For.Length == 0)).ToList();

    /// <summary>
    /// The real command closest to what was typed ("ziekmeldng Daan" → "ziekmelding Daan"), for "Bedoel je …?": the typed first
    /// word (or first two) against each keyword, at most two edits (one for keywords of three letters or fewer); the rest as typed
    /// in <paramref name="original"/>. Null when nothing is close.
    /// </summary>
    public static string? Nearest(string command, string original)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var typedWords = original.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || typedWords.Length != words.Length)
        {
            typedWords = words;
        }

        if (words.Length == 0)
        {
            return null;
        }

        var best = All.SelectMany(c => c.Keywords)
            .Select(keyword =>
            {
                var length = keyword.Count(ch => ch == ' ') + 1;
                var typed = string.Join(' ', words.Take(length));
                return (Keyword: keyword, Typed: typed, After: string.Join(' ', typedWords.Skip(length)), Distance: Levenshtein.GetDistance(typed, keyword));
            })
            .Where(m => m.Distance > 0 && m.Typed.Length >= 3 && m.Distance <= (m.Keyword.Length > 3 ? 2 : 1))
            .OrderBy(m => m.Distance)
            .ThenByDescending(m => m.Keyword.Length)
            .FirstOrDefault();
        return best.Keyword is null ? null : $"{best.Keyword} {best.After}".Trim();
    }
}
