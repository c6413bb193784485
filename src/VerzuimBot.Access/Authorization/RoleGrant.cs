using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Authorization;

/// <summary>
/// A role someone holds, granted by one organisation, for a scope, from <paramref name="ValidFrom"/>
/// until (exclusive) <paramref name="ValidUntil"/> (null: until revoked; a revoked role is no longer
/// returned by the store, and a snapshot taken earlier stops counting at its revocation time). A kernpartner's grant
/// carries its organisation's <paramref name="Area"/>; without one it reaches no student.
/// </summary>
public sealed record RoleGrant(Role Role, string OrganisationId, OrganisationKind OrganisationKind, RoleScope Scope, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil = null, ServiceArea? Area = null)
{
    public bool IsValidAt(DateTimeOffset now) => ValidFrom <= now && (ValidUntil is null || now < ValidUntil);

    /// <summary>
    /// The schools whose students this grant may concern (where to look, not whether): a school's own staff their school;
    /// a kernpartner the schools of its service area that its scope reaches.
    /// </summary>
    public IReadOnlyList<string> ReachableSchools() =>
        OrganisationKind == OrganisationKind.School ? [OrganisationId] : Area?.Schools(Scope) ?? [];
}
