using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Authorization;

/// <summary>
/// A role someone holds, granted by one organisation, for a scope, from <paramref name="ValidFrom"/>
/// until (exclusive) <paramref name="ValidUntil"/> (null: until revoked; a revoked role is no longer
/// returned by the store, and a snapshot taken earlier stops counting at its revocation time).
/// </summary>
public sealed record RoleGrant(Role Role, string OrganisationId, OrganisationKind OrganisationKind, RoleScope Scope, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil = null)
{
    public bool IsValidAt(DateTimeOffset now) => ValidFrom <= now && (ValidUntil is null || now < ValidUntil);
}
