using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Roles;

/// <summary>
/// Parses the beheerder's role commands (pure):
/// <list type="bullet">
/// <item>"rol toekennen &lt;rol&gt; &lt;e-mail&gt; [bereik]" and "rol intrekken &lt;rol&gt; &lt;e-mail&gt; [bereik]"</item>
/// <item>"rollen" or "rollen &lt;e-mail&gt;"</item>
/// </list>
/// Bereik: mentor "2b", "klas 2b" or "leerling &lt;leerlingnummer&gt;"; leerplichtambtenaar and lokaal team
/// "gemeenten Utrecht, Stichtse Vecht"; jeugdarts and SWV "scholen 12AB00, 34CD00". Other roles hold
/// for the whole organisation. A leerlingnummer becomes the student id at once, so it is never stored.
/// </summary>
public static class RoleCommandParser
{
    public const string Usage =
        "Gebruik: 'rol toekennen <rol> <e-mail> [bereik]', 'rol intrekken <rol> <e-mail> [bereik]' of 'rollen [e-mail]'. "
        + "Rollen: receptie, verzuimcoördinator, mentor, zorgcoördinator, leerplichtambtenaar, jeugdarts, swv, lokaal team, beheerder. "
        + "Bereik: mentor 'klas 2b' of 'leerling 123456'; leerplichtambtenaar/lokaal team 'gemeenten Utrecht, Zeist'; jeugdarts/swv 'scholen 12AB00, 34CD00'.";

    public static RoleCommandParseResult Parse(string? text, string organisationId, StudentIds ids)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationId);
        ArgumentNullException.ThrowIfNull(ids);
        var words = (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count >= 1 && Is(words[0], "rollen"))
        {
            return words.Count switch
            {
                1 => Ok(new ListRolesCommand(null)),
                2 when EmailAddress.IsValid(EmailAddress.Normalise(words[1])) => Ok(new ListRolesCommand(EmailAddress.Normalise(words[1]))),
                _ => Fail($"'{string.Join(' ', words.Skip(1))}' is geen e-mailadres. {Usage}"),
            };
        }

        if (words.Count < 2 || !Is(words[0], "rol") || !(Is(words[1], "toekennen") || Is(words[1], "intrekken")))
        {
            return Fail(Usage);
        }

        var assign = Is(words[1], "toekennen");
        var rest = words.Skip(2).ToList();
        if (rest.Count >= 2 && Is(rest[0], "lokaal") && Is(rest[1], "team"))
        {
            rest = ["lokaalteam", .. rest.Skip(2)];
        }

        if (rest.Count < 2)
        {
            return Fail($"Geef een rol en een e-mailadres. {Usage}");
        }

        if (!RoleNames.TryParse(rest[0], out var role))
        {
            return Fail($"'{rest[0]}' is geen rol. {Usage}");
        }

        var email = EmailAddress.Normalise(rest[1]);
        if (!EmailAddress.IsValid(email))
        {
            return Fail($"'{rest[1]}' is geen geldig e-mailadres.");
        }

        var (scope, error) = ParseScope(role, rest.Skip(2).ToList(), organisationId, ids);
        if (scope is null)
        {
            return Fail(error!);
        }

        return Ok(assign ? new AssignRoleCommand(role, email, scope) : new RevokeRoleCommand(role, email, scope));
    }

    private static (RoleScope? Scope, string? Error) ParseScope(Role role, List<string> words, string organisationId, StudentIds ids)
    {
        var name = RoleNames.Dutch(role);
        switch (role)
        {
            case Role.Mentor:
                if (words.Count == 2 && Is(words[0], "leerling"))
                {
                    return (RoleScope.Student(ids.For(new SchoolId(organisationId), words[1]).Value), null);
                }

                var klas = words.Count == 2 && Is(words[0], "klas") ? words[1] : words.Count == 1 ? words[0] : null;
                return klas is null
                    ? (null, "Geef bij mentor de klas ('klas 2b') of de leerling ('leerling 123456').")
                    : (RoleScope.Klas(klas), null);

            case Role.Leerplichtambtenaar or Role.LokaalTeam:
                var gemeenten = List(words, "gemeenten", "gemeente");
                return gemeenten.Count == 0
                    ? (null, $"Geef bij {name} de gemeenten, bijvoorbeeld 'gemeenten Utrecht, Stichtse Vecht'.")
                    : (RoleScope.Gemeenten(gemeenten), null);

            case Role.Jeugdarts or Role.Swv:
                var scholen = List(words, "scholen", "school");
                return scholen.Count == 0
                    ? (null, $"Geef bij {name} de scholen (BRIN), bijvoorbeeld 'scholen 12AB00, 34CD00'.")
                    : (RoleScope.Scholen(scholen), null);

            default:
                return words.Count == 0
                    ? (RoleScope.Organisation, null)
                    : (null, $"De rol {name} geldt voor de hele organisatie; laat '{string.Join(' ', words)}' weg.");
        }
    }

    private static List<string> List(List<string> words, params string[] keywords)
    {
        var text = string.Join(' ', words.Count > 0 && keywords.Any(k => Is(words[0], k)) ? words.Skip(1) : words);
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private static bool Is(string word, string expected) => string.Equals(word, expected, StringComparison.OrdinalIgnoreCase);

    private static RoleCommandParseResult Ok(RoleCommand command) => new(command, null);

    private static RoleCommandParseResult Fail(string error) => new(null, error);
}
