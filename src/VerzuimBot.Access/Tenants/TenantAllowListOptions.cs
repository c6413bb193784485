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

/// <summary>One organisation as configured; <see cref="Kind"/> is School, Leerplicht, Jeugdgezondheidszorg, Swv or LokaalTeam.</summary>
public sealed class OrganisationOptions
{
    public string Id { get; set; } = string.Empty;

    public OrganisationKind Kind { get; set; } = OrganisationKind.School;

    public string Name { get; set; } = string.Empty;

    public List<string> TenantIds { get; set; } = [];

    public List<string> Beheerders { get; set; } = [];

    /// <summary>The name of the organisation's SharePoint tenant ("demoschool" for demoschool.sharepoint.com): files sent in chat come only from there.</summary>
    public string? SharePointTenant { get; set; }
}
