using System.Text.Json.Nodes;
using VerzuimBot.Cards;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Messages;

/// <summary>Every Dutch text and card the bot answers with in this layer.</summary>
internal sealed class BotReplies(CardTemplateLibrary cards)
{
    public const string NotUnderstood = "Dat begrijp ik niet. Typ \"help\" voor wat ik kan.";
    public const string Empty = "Ik zie geen tekst. Typ \"help\" voor wat ik kan.";
    public const string UnknownCardAction = "Deze kaart hoort bij een actie die ik niet (meer) ken. Er is niets veranderd.";
    public const string StoreUnavailable = "Er ging iets mis bij het opslaan. Probeer het zo opnieuw.";

    public static string WhoAmI(ChannelAccount? from) =>
        from?.AadObjectId is { Length: > 0 } aad
            ? $"Je bent {from.Name ?? "onbekend"}. Je Teams-id (Azure AD object-id) is {aad}. Geef dit door aan de beheerder om je rol te laten instellen."
            : "Ik kan je Teams-id niet zien in dit gesprek.";

    public JsonNodeCard Welcome() => Render("welkom", new JsonObject
    {
        ["intro"] = "Ik help scholen en kernpartners het verzuimprotocol te volgen: van ziekmelding en mentorcontact tot de jeugdarts, leerplicht en het samenwerkingsverband. Ik herinner je op schooldagen aan wat er van jou verwacht wordt.",
        ["commandos"] = new JsonArray(CommandCatalog.All.Select(c => (JsonNode)new JsonObject { ["naam"] = c.Example, ["uitleg"] = c.Explanation }).ToArray()),
        ["privacy"] = "Ik deel alleen wat jouw rol nodig heeft. Medische details staan nooit in een kaart in een groepsgesprek.",
    });

    /// <summary>Help is short: at most this many commands on the card itself, the rest behind a button.</summary>
    public const int HelpScreen = 6;

    /// <summary>"Dat begrijp ik niet", with the nearest real command when one is close ("Bedoel je "ziekmelding Daan"?").</summary>
    public static string NotUnderstoodFor(string command, string original) =>
        CommandCatalog.Nearest(command, original) is { } nearest ? $"Dat begrijp ik niet. Bedoel je \"{nearest}\"? Typ \"help\" voor wat ik kan." : NotUnderstood;

    /// <summary>
    /// Help that fits the person (issue 21 item 7): the commands for the roles they hold now, at most <see cref="HelpScreen"/>
    /// with an example each, and a button that shows all the others. Without a known role: what everyone can do, and why.
    /// </summary>
    public JsonNodeCard Help(string? name, IReadOnlyCollection<Role> roles, string? whyNoRoles)
    {
        var mine = CommandCatalog.For(roles).Take(HelpScreen).ToList();
        var others = CommandCatalog.All.Except(mine).ToList();
        var roleNames = string.Join(", ", roles.Distinct().Select(RoleNames.Dutch));
        return Render("help", new JsonObject
        {
            ["titel"] = name is null ? "Wat kan ik voor je doen?" : $"Wat kan ik voor je doen, {name}?",
            ["ondertitel"] = roles.Count == 0
                ? whyNoRoles ?? "Je hebt nog geen rol in VerzuimBot."
                : $"Je rol: {roleNames}. Typ een opdracht zo in dit gesprek; in plaats van een naam mag ook een klas of leerlingnummer.",
            ["commandos"] = Commands(mine),
            ["voetnoot"] = "In een groepsgesprek of kanaal noem je mij eerst met @VerzuimBot.",
            ["knop"] = $"Alle opdrachten ({others.Count})",
            ["overige"] = Commands(others),
        });
    }

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

    private static JsonArray Commands(IEnumerable<CommandHelp> commands) =>
        new(commands.Select(c => (JsonNode)new JsonObject { ["voorbeeld"] = c.Example, ["uitleg"] = c.Explanation }).ToArray());

    private JsonNodeCard Render(string template, JsonObject data) => JsonNodeCard.From(cards.Render(template, data));
}
