using Microsoft.Extensions.Logging;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Roles;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;

namespace VerzuimBot.Access.Identities;

/// <summary>
/// Links Teams users to staff (issue 7 item 2) and resolves who is acting. Roles are assigned to
/// e-mail addresses (what a beheerder types); a Teams user is linked to the address of their UPN
/// on first contact. Grants are read only from the organisations of the user's own tenant, so a
/// user of tenant A never acts with a role granted by an organisation of tenant B.
/// </summary>
public sealed class IdentityService(StaffIdentityStore identities, RosterStore roster, TenantPolicy tenants, TimeProvider time, ILogger<IdentityService> logger)
{
    /// <summary>On first contact (or when the UPN changed): link the user to the e-mail address of their UPN.</summary>
    public async Task<IdentityLinkResult> LinkOnFirstContactAsync(TeamsUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tenant = tenants.Check(user.TenantId);
        if (!tenant.IsAllowed)
        {
            logger.LogWarning("Identity link refused: {Reason}, tenant {TenantId}", tenant.LogReason, user.TenantId);
            return new IdentityLinkResult(false, null, 0, tenant.RefusalMessage, tenant.LogReason!);
        }

        if (string.IsNullOrWhiteSpace(user.AadObjectId) || string.IsNullOrWhiteSpace(user.Upn) || !EmailAddress.IsValid(EmailAddress.Normalise(user.Upn)))
        {
            logger.LogWarning("Identity link refused: no usable UPN, tenant {TenantId}, user {AadObjectId}", user.TenantId, user.AadObjectId);
            return new IdentityLinkResult(false, null, 0, "Je Teams-account heeft geen bruikbaar e-mailadres, daarom kan VerzuimBot je niet herkennen. Neem contact op met de beheerder van je school.", "no-upn");
        }

        var email = EmailAddress.Normalise(user.Upn);
        var existing = await identities.FindAsync(user.TenantId, user.AadObjectId, cancellationToken).ConfigureAwait(false);
        if (existing is null || !string.Equals(existing.Email, email, StringComparison.Ordinal))
        {
            await identities.SaveAsync(new StaffIdentity(user.TenantId, user.AadObjectId, email, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Linked Teams user {AadObjectId} of tenant {TenantId}", user.AadObjectId, user.TenantId);
        }

        var grants = await GrantsAsync(tenant.Organisations, email, cancellationToken).ConfigureAwait(false);
        return grants.Count == 0
            ? new IdentityLinkResult(true, email, 0, "Je bent nog niet bekend als medewerker met een rol in VerzuimBot. Vraag de beheerder van je school om je een rol te geven.", "linked-no-roles")
            : new IdentityLinkResult(true, email, grants.Count, null, "linked");
    }

    /// <summary>
    /// The acting person with their current grants; null when the tenant is not allowed or the user
    /// was never linked. Call per turn / card action: a revoked role is gone at once.
    /// </summary>
    public async Task<AccessActor?> ResolveActorAsync(string tenantId, string aadObjectId, CancellationToken cancellationToken = default)
    {
        var tenant = tenants.Check(tenantId);
        if (!tenant.IsAllowed || string.IsNullOrWhiteSpace(aadObjectId))
        {
            return null;
        }

        var identity = await identities.FindAsync(tenantId, aadObjectId, cancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            return null;
        }

        var grants = await GrantsAsync(tenant.Organisations, identity.Email, cancellationToken).ConfigureAwait(false);
        return new AccessActor(identity.Email, tenantId, grants);
    }

    /// <summary>
    /// The actor for a staff e-mail address within an allowed tenant, without a Teams link. Used by
    /// the Development demo's "speel &lt;rol&gt;" (one Playground user plays every role); never in production.
    /// </summary>
    public async Task<AccessActor?> ResolveByEmailAsync(string tenantId, string email, CancellationToken cancellationToken = default)
    {
        var tenant = tenants.Check(tenantId);
        if (!tenant.IsAllowed || !EmailAddress.IsValid(EmailAddress.Normalise(email)))
        {
            return null;
        }

        var normalised = EmailAddress.Normalise(email);
        return new AccessActor(normalised, tenantId, await GrantsAsync(tenant.Organisations, normalised, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The person's roles in the tenant's organisations: one read of their roles in every organisation (the store's index
    /// by e-mail address), kept to the organisations this tenant serves now.
    /// </summary>
    private async Task<List<RoleGrant>> GrantsAsync(IReadOnlyList<Organisation> organisations, string email, CancellationToken cancellationToken)
    {
        var grants = new List<RoleGrant>();
        var held = organisations.Count == 0 ? [] : await roster.ListRolesOfUserAsync(email, cancellationToken).ConfigureAwait(false);
        foreach (var organisation in organisations)
        {
            if (organisation.Beheerders.Contains(email, StringComparer.Ordinal))
            {
                grants.Add(new RoleGrant(Role.Beheerder, organisation.Id, organisation.Kind, RoleScope.Organisation, DateTimeOffset.MinValue));
            }

            foreach (var assignment in held.Where(a => string.Equals(a.SchoolId, organisation.Id, StringComparison.Ordinal)))
            {
                if (RoleGrants.FromAssignment(assignment, organisation) is { } grant)
                {
                    grants.Add(grant);
                }
                else
                {
                    logger.LogWarning("Ignored an unreadable role assignment in organisation {OrganisationId}", organisation.Id);
                }
            }
        }

        return grants;
    }
}
