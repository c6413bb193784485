using System.Text.Json.Nodes;
using VerzuimBot.Cards;
using VerzuimBot.Connector.Schema;

namespace VerzuimBot.Messages;

/// <summary>Every Dutch text and card the bot answers with in this layer.</summary>
internal sealed class BotReplies(CardTemplateLibrary cards)
{
    public const string NotUnderstood = "Dat begrijp ik niet. Typ "help" voor wat ik kan.";
    public const string Empty = "Ik zie geen tekst. Typ "help" voor wat ik kan.";
    public const string UnknownCardAction = "Deze kaart hoort bij een actie die ik niet (meer) ken. Er is niets veranderd.";
    public const string StoreUnavailable = "Er ging iets mis bij het opslaan. Probeer het zo opnieuw.";

    private static readonly (string Name, string Explanation)[] Commands =
    [
        ("help", "Dit overzicht."),
        ("ziekmelding, of ziek Daan", "Een ziekmelding doorgeven, vraag voor vraag (naam, klas of leerlingnummer)."),
        ("ziekmelding formulier", "Hetzelfde, in één formulier."),
        ("beter Daan", "De leerling is weer op school."),
        ("herstel Daan", "Een melding die niet klopt herstellen (er wordt niets gewist)."),
        ("taken", "Wat er nu van jou verwacht wordt."),
        ("3 uur ongeoorloofd Daan / te laat Daan / luxeverzuim Daan van 12-1 tot 16-1", "Ongeoorloofd verzuim, te laat komen en luxeverzuim vastleggen (of: ongeoorloofd formulier)."),
        ("ongeoorloofd afwezig Daan vanaf 2-11 / weer aanwezig Daan", "Hele dagen wegblijven zonder geldige reden: elke schooldag telt mee op de verzuimladder en voor 4 weken afwezig."),
        ("verlof aanvraag Daan van 1-3 tot 5-3 reden …", "Een aanvraag extra verlof vastleggen; de verzuimcoördinator beslist namens de directeur (max. 10 schooldagen, niet in de eerste twee weken)."),
        ("geoorloofd Daan begrafenis op 12-1", "Geoorloofd afwezig (dokter, religieuze feestdag, huwelijk, begrafenis): telt nooit als verzuim."),
        ("schorsing Daan van 2-11 tot 4-11", "Een schorsing vastleggen; de school meldt haar bij leerplicht."),
        ("thuiszitter Daan", "De thuiszitterzaak: type, code, checklist en wat er besloten is."),
        ("vrijstelling 123456", "Voor leerplicht: een aanvraag vrijstelling 5a vastleggen."),
        ("doorzettingsmacht 123456", "Voor het SWV: doorzettingsmacht inzetten en de termijn bewaken."),
        ("overleg Daan", "Besluiten of er een kernpartneroverleg, MDO of groot overleg komt, en met wie."),
        ("overleg hier Kernpartneroverleg", "In een groepschat: deze chat gebruiken voor het overleg."),
        ("wie ben ik", "Je naam en Teams-id, voor de beheerder die je rol instelt."),
        ("overzicht / overzicht 12AB00 / overzicht export", "Voor het samenwerkingsverband: thuiszitters en verzuim per school, met een export voor Excel."),
        ("overzicht hier / overzicht stop", "In het kanaal van het samenwerkingsverband: elke week het overzicht hier neerzetten, of daarmee stoppen."),
        ("afwezig / afwezig formulier / afwezig?", "Doorgeven wie je taken overneemt als je er niet bent."),
        ("rol toekennen / rol intrekken / rollen", "Voor de beheerder: rollen geven en intrekken."),
        ("leerlingen importeren", "Voor de beheerder: de leerlingenlijst (CSV) als bijlage."),
        ("audit 123456", "Voor de beheerder: wie deed wat in het dossier."),
    ];

    public static string WhoAmI(ChannelAccount? from) =>
        from?.AadObjectId is { Length: > 0 } aad
            ? $"Je bent {from.Name ?? "onbekend"}. Je Teams-id (Azure AD object-id) is {aad}. Geef dit door aan de beheerder om je rol te laten instellen."
            : "Ik kan je Teams-id niet zien in dit gesprek.";

    public JsonNodeCard Welcome() => Render("welkom", new JsonObject
    {
        ["intro"] = "Ik help scholen en kernpartners het verzuimprotocol te volgen: van ziekmelding en mentorcontact tot de jeugdarts, leerplicht en het samenwerkingsverband. Ik herinner je op schooldagen aan wat er van jou verwacht wordt.",
        ["commandos"] = CommandList(),
        ["privacy"] = "Ik deel alleen wat jouw rol nodig heeft. Medische details staan nooit in een kaart in een groepsgesprek.",
    });

    public JsonNodeCard Help() => Render("help", new JsonObject
    {
        ["commandos"] = CommandList(),
        ["voetnoot"] = "Typ een opdracht in dit gesprek. In een groepsgesprek of kanaal noem je mij eerst met @VerzuimBot.",
    });

    public JsonNodeCard AbsenceForm(string? replacement, string? reason, string? until, DateOnly today, string? problem) => Render("afwezigheid", new JsonObject
    {
        ["heeftFout"] = problem is not null,
        ["foutmelding"] = problem ?? string.Empty,
        ["vervanger"] = replacement ?? string.Empty,
        ["reden"] = reason ?? string.Empty,
        ["totEnMet"] = until ?? string.Empty,
        ["minDatum"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>A result card; the caller has already escaped whatever user-supplied text it put in.</summary>
    public JsonNodeCard Result(string title, string text, string footnote) => Render("afwezigheid-resultaat", new JsonObject
    {
        ["titel"] = title,
        ["tekst"] = text,
        ["voetnoot"] = footnote,
    });

    private static JsonArray CommandList() =>
        new(Commands.Select(c => (JsonNode)new JsonObject { ["naam"] = c.Name, ["uitleg"] = c.Explanation }).ToArray());

    private JsonNodeCard Render(string template, JsonObject data) => JsonNodeCard.From(cards.Render(template, data));
}
