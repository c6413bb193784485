using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Authorization;

/// <summary>The Dutch names of roles as users type and read them.</summary>
public static class RoleNames
{
    private static readonly Dictionary<string, Role> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["receptie"] = Role.Receptie,
        ["verzuimcoordinator"] = Role.Verzuimcoordinator,
        ["verzuimcoördinator"] = Role.Verzuimcoordinator,
        ["mentor"] = Role.Mentor,
        ["zorgcoordinator"] = Role.Zorgcoordinator,
        ["zorgcoördinator"] = Role.Zorgcoordinator,
        ["ib-er"] = Role.Zorgcoordinator,
        ["leerplichtambtenaar"] = Role.Leerplichtambtenaar,
        ["leerplicht"] = Role.Leerplichtambtenaar,
        ["jeugdarts"] = Role.Jeugdarts,
        ["swv"] = Role.Swv,
        ["lokaalteam"] = Role.LokaalTeam,
        ["lokaal-team"] = Role.LokaalTeam,
        ["wijkteam"] = Role.LokaalTeam,
        ["beheerder"] = Role.Beheerder,
    };

    public static bool TryParse(string? text, out Role role) => Aliases.TryGetValue(text?.Trim() ?? string.Empty, out role);

    public static string Dutch(Role role) => role switch
    {
        Role.Receptie => "receptie",
        Role.Verzuimcoordinator => "verzuimcoördinator",
        Role.Mentor => "mentor",
        Role.Zorgcoordinator => "zorgcoördinator",
        Role.Leerplichtambtenaar => "leerplichtambtenaar",
        Role.Jeugdarts => "jeugdarts",
        Role.Swv => "SWV",
        Role.LokaalTeam => "lokaal team",
        Role.Beheerder => "beheerder",
        _ => role.ToString(),
    };
}
