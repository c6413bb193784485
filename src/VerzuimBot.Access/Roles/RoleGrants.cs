using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;

namespace VerzuimBot.Access.Roles;

/// <summary>Translation between stored role assignments and the policy's grants.</summary>
internal static class RoleGrants
{
    /// <summary>
    /// Null when role or scope is unreadable: an unknown scope is never widened to the whole organisation. A kernpartner's
    /// grant carries its organisation's service area, so what it reaches follows the configuration as it is now.
    /// </summary>
    public static RoleGrant? FromAssignment(RoleAssignment assignment, Organisation organisation) =>
        Enum.TryParse<Role>(assignment.Role, out var role) && Enum.IsDefined(role) && RoleScope.FromStorage(assignment.Scope) is { } scope
            ? new RoleGrant(role, organisation.Id, organisation.Kind, scope, assignment.AssignedAt, Area: organisation.Area)
            : null;
}
