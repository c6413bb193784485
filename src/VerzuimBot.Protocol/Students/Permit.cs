using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Protocol.Students;

/// <summary>
/// One way to be allowed: the policy's <paramref name="Action"/>, judged on the person's grants of <paramref name="Role"/>
/// only when one is given. That is for a decision one role owns (domain.md §6): a zorgcoördinator cannot answer the SWV's
/// card, although both may take kernpartner decisions.
/// </summary>
internal sealed record Permit(AccessAction Action, Role? Role = null)
{
    /// <summary>The roles that can hold this permit at all, for any student.</summary>
    public IReadOnlyList<Role> Roles => Role is { } only ? [only] : AccessPolicy.RolesFor(Action);
}
