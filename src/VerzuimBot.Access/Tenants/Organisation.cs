using VerzuimBot.Access.Authorization;

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

    /// <summary>A school's kernpartner organisations (ids): the only ones whose roles reach its students.</summary>
    public IReadOnlyList<string> Kernpartners { get; init; } = [];

    /// <summary>A kernpartner's service area; null for a school (its roles are bounded by the school itself).</summary>
    public ServiceArea? Area { get; init; }
}
