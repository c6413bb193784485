namespace VerzuimBot.Access.Tenants;

/// <summary>
/// A school (by BRIN) or kernpartner organisation, with the Microsoft 365 tenants its people use.
/// Role assignments are kept per organisation (the roster partition of <see cref="Id"/>).
/// </summary>
public sealed record Organisation(string Id, OrganisationKind Kind, string Name, IReadOnlyList<string> TenantIds, IReadOnlyList<string> Beheerders)
{
    public bool IsSchool => Kind == OrganisationKind.School;
}
