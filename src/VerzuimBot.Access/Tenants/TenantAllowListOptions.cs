namespace VerzuimBot.Access.Tenants;

/// <summary>
/// Configuration section "Tenants": every organisation that may use the bot and its tenant ids.
/// <c>Beheerders</c> are the e-mail addresses that hold the beheerder role from the start, so a
/// new organisation can assign its other roles (bootstrap; further beheerders by command).
/// </summary>
public sealed class TenantAllowListOptions
{
    public const string SectionName = "Tenants";

    public List<OrganisationOptions> Organisations { get; set; } = [];
}

/// <summary>
/// One organisation as configured; <see cref="Kind"/> is School, Leerplicht, Jeugdgezondheidszorg, Swv or LokaalTeam.
/// The bounds of kernpartner scopes (issue 19 item 4): a kernpartner lists the <see cref="Scholen"/> (BRIN) and/or
/// <see cref="Gemeenten"/> it serves, a school the <see cref="Kernpartners"/> it works with. A role "scholen:X" needs X
/// in both lists, "gemeenten:G" needs G in the kernpartner's list, and either reaches only students of the schools
/// that name the kernpartner.
/// </summary>
public sealed class OrganisationOptions
{
    public string Id { get; set; } = string.Empty;

    public OrganisationKind Kind { get; set; } = OrganisationKind.School;

    public string Name { get; set; } = string.Empty;

    public List<string> TenantIds { get; set; } = [];

    public List<string> Beheerders { get; set; } = [];

    /// <summary>The name of the organisation's SharePoint tenant ("demoschool" for demoschool.sharepoint.com): files sent in chat come only from there.</summary>
    public string? SharePointTenant { get; set; }

    /// <summary>Kernpartner: the schools (BRIN) it serves, for jeugdarts and SWV roles ("scholen:…").</summary>
    public List<string> Scholen { get; set; } = [];

    /// <summary>Kernpartner: the gemeenten it serves, for leerplicht and lokaal team roles ("gemeenten:…").</summary>
    public List<string> Gemeenten { get; set; } = [];

    /// <summary>School: the ids of the kernpartner organisations it works with.</summary>
    public List<string> Kernpartners { get; set; } = [];
}
