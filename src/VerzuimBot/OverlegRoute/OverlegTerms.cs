using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.OverlegRoute;

/// <summary>A kind of overleg the school or RBL can decide on (000; 002 Bijlage 2; 004 Werkwijzer "MDO belegd").</summary>
internal sealed record OverlegSoort(string Value, string Title);

/// <summary>
/// A participant of an overleg (domain.md §5: school, ouders, leerplicht, zo mogelijk leerling, plus SWV/JGZ/lokaal
/// team as chosen). <see cref="Organisation"/> is the kind of organisation whose staff may act in the overleg chat;
/// ouders and the leerling have none (they are not Teams users of the bot).
/// </summary>
internal sealed record OverlegPartner(string Value, string Title, OrganisationKind? Organisation);

/// <summary>The fixed words of the overleg cards: soorten, partners and the roles that can own an agreed action.</summary>
internal static class OverlegTerms
{
    public const string DecisionQuestion = "Kernpartneroverleg / MDO / groot overleg gewenst?";

    public static readonly IReadOnlyList<OverlegSoort> Soorten =
    [
        new("kernpartneroverleg", "Kernpartneroverleg"),
        new("mdo", "MDO (multidisciplinair overleg)"),
        new("groot-overleg", "Groot overleg"),
    ];

    public static readonly IReadOnlyList<OverlegPartner> Partners =
    [
        new("school", "School", OrganisationKind.School),
        new("ouders", "Ouders", null),
        new("leerling", "Leerling (zo mogelijk)", null),
        new("leerplicht", "Leerplicht (RBL)", OrganisationKind.Leerplicht),
        new("swv", "Samenwerkingsverband (SWV)", OrganisationKind.Swv),
        new("jgz", "JGZ / jeugdarts", OrganisationKind.Jeugdgezondheidszorg),
        new("lokaal-team", "Lokaal team", OrganisationKind.LokaalTeam),
    ];

    /// <summary>
    /// Who can own an agreed action: a role the bot can remind in Teams and that can mark the action done for this
    /// student (ouders are no Teams users; the lokaal team has no access to a case unless it was shared with it).
    /// </summary>
    public static readonly IReadOnlyList<(string Value, string Title, Role Role, string Partner)> Owners =
    [
        ("zorgcoordinator", "School: zorgcoördinator", Role.Zorgcoordinator, "school"),
        ("mentor", "School: mentor", Role.Mentor, "school"),
        ("leerplicht", "Leerplicht: leerplichtambtenaar", Role.Leerplichtambtenaar, "leerplicht"),
        ("swv", "SWV: consulent", Role.Swv, "swv"),
        ("jeugdarts", "JGZ: jeugdarts", Role.Jeugdarts, "jgz"),
    ];

    public static OverlegSoort? Soort(string? value) => Soorten.FirstOrDefault(s => s.Value == value);

    public static string SoortTitle(string value) => Soort(value)?.Title ?? value;

    public static OverlegPartner? Partner(string value) => Partners.FirstOrDefault(p => p.Value == value);

    public static string PartnerList(IEnumerable<string> partners) => string.Join(", ", partners.Select(p => Partner(p)?.Title ?? p));
}
