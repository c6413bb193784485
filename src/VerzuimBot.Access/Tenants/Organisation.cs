namespace VerzuimBot.Access.Tenants;

/// <summary>
/// A school (by BRIN) or kernpartner organisation, with the Microsoft 365 tenants its people use.
/// Role assignments are kept per organisation (the roster partition of <see cref="Id"/>).
/// </summary>
public sealed record Organisation(string Id, OrganisationKind Kind, string Name, IReadOnlyList<string> TenantIds, IReadOnlyList<string> Beheerders)
{
    public bool IsSchool => Kind == OrganisationKind.School;

    /// <summary>
    /// The hosts of the organisation's own Microsoft 365 files: <c>&lt;tenant&gt;.sharepoint.com</c> and its people's
    /// OneDrive <c>&lt;tenant&gt;-my.sharepoint.com</c>. Empty when no SharePoint tenant is configured.
    /// </summary>
    public IReadOnlyList<string> SharePointHosts { get; init; } = [];
}
