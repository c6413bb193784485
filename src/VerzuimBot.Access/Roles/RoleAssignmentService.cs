using System.Globalization;
using Microsoft.Extensions.Logging;
using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;

namespace VerzuimBot.Access.Roles;

/// <summary>
/// Executes role commands for a beheerder of one organisation (issue 7 item 2). The acting
/// beheerder is checked by <see cref="AccessPolicy"/>; every assignment and revocation is audited
/// (who, when, what). A role must fit the organisation: school roles only at a school, the
/// leerplichtambtenaar only at a leerplicht organisation, and so on.
/// </summary>
public sealed class RoleAssignmentService(RosterStore roster, AuditTrail audit, TenantPolicy tenants, TimeProvider time, ILogger<RoleAssignmentService> logger)
{
    public async Task<RoleCommandResult> ExecuteAsync(AccessActor actor, string organisationId, RoleCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(command);
        var organisation = tenants.FindOrganisation(organisationId);
        if (organisation is null)
        {
            return Refused($"Organisatie '{organisationId}' is niet bekend in VerzuimBot.");
        }

        var now = time.GetUtcNow();
        var decision = AccessPolicy.DecideForOrganisation(actor, AccessAction.ManageRoles, organisation.Id, now);
        if (!decision.IsAllowed)
        {
            logger.LogWarning("Role command refused for {UserId} at {OrganisationId}: {Code}", actor.UserId, organisation.Id, decision.LogCode);
            return Refused(decision.Reason!);
        }

        return command switch
        {
            AssignRoleCommand assign => await AssignAsync(actor, organisation, assign, now, cancellationToken).ConfigureAwait(false),
            RevokeRoleCommand revoke => await RevokeAsync(actor, organisation, revoke, cancellationToken).ConfigureAwait(false),
            ListRolesCommand list => await ListAsync(organisation, list, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown role command."),
        };
    }

    private async Task<RoleCommandResult> AssignAsync(AccessActor actor, Organisation organisation, AssignRoleCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Misfit(command.Role, organisation) is { } misfit)
        {
            return Refused(misfit);
        }

        if (OutsideServiceArea(command.Scope, organisation) is { } outside)
        {
            logger.LogWarning("Role {Role} at {OrganisationId} refused: scope outside the service area", command.Role, organisation.Id);
            return Refused(outside);
        }

        var existing = await FindAsync(organisation, command.Role, command.Email, command.Scope, cancellationToken).ConfigureAwait(false);
        var description = $"{RoleNames.Dutch(command.Role)} ({command.Scope.Describe()})";
        if (existing is not null)
        {
            return new RoleCommandResult(true, [$"{command.Email} had de rol {description} al; niets gewijzigd."]);
        }

        await roster.AssignRoleAsync(new RoleAssignment(organisation.Id, command.Role.ToString(), command.Email, command.Scope.ToStorage(), now), cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(
            new AuditRecord(organisation.Id, StudentOf(command.Scope), actor.UserId, RoleNames.Dutch(Role.Beheerder), organisation.Id, "rol-toegekend", $"rol {description} toegekend aan {command.Email}"),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Role {Role} assigned at {OrganisationId} by {UserId}", command.Role, organisation.Id, actor.UserId);
        return new RoleCommandResult(true, [$"{command.Email} heeft nu de rol {description} bij {organisation.Name}."]);
    }

    private async Task<RoleCommandResult> RevokeAsync(AccessActor actor, Organisation organisation, RevokeRoleCommand command, CancellationToken cancellationToken)
    {
        var description = $"{RoleNames.Dutch(command.Role)} ({command.Scope.Describe()})";
        var existing = await FindAsync(organisation, command.Role, command.Email, command.Scope, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return Refused($"{command.Email} heeft de rol {description} niet bij {organisation.Name}; niets ingetrokken.");
        }

        await roster.RevokeRoleAsync(organisation.Id, existing.Role, existing.UserId, existing.Scope, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(
            new AuditRecord(organisation.Id, StudentOf(command.Scope), actor.UserId, RoleNames.Dutch(Role.Beheerder), organisation.Id, "rol-ingetrokken", $"rol {description} ingetrokken van {command.Email}"),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Role {Role} revoked at {OrganisationId} by {UserId}", command.Role, organisation.Id, actor.UserId);
        return new RoleCommandResult(true, [$"De rol {description} van {command.Email} bij {organisation.Name} is ingetrokken."]);
    }

    private async Task<RoleCommandResult> ListAsync(Organisation organisation, ListRolesCommand command, CancellationToken cancellationToken)
    {
        var assignments = command.Email is null
            ? await roster.ListRoleAssignmentsAsync(organisation.Id, null, cancellationToken).ConfigureAwait(false)
            : await roster.ListRolesOfUserAsync(organisation.Id, command.Email, cancellationToken).ConfigureAwait(false);
        var lines = new List<string> { $"Rollen bij {organisation.Name}:" };
        lines.AddRange(organisation.Beheerders
            .Where(b => command.Email is null || b == command.Email)
            .Select(b => $"- {b}: beheerder (hele organisatie, uit de configuratie)"));
        foreach (var assignment in assignments.OrderBy(a => a.UserId, StringComparer.Ordinal).ThenBy(a => a.Role, StringComparer.Ordinal))
        {
            var grant = RoleGrants.FromAssignment(assignment, organisation);
            lines.Add(grant is null
                ? $"- {assignment.UserId}: onleesbare toekenning ({assignment.Role})"
                : $"- {assignment.UserId}: {RoleNames.Dutch(grant.Role)} ({grant.Scope.Describe()}), sinds {assignment.AssignedAt.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)}");
        }

        if (lines.Count == 1)
        {
            lines.Add("- (geen)");
        }

        return new RoleCommandResult(true, lines);
    }

    private async Task<RoleAssignment?> FindAsync(Organisation organisation, Role role, string email, RoleScope scope, CancellationToken cancellationToken)
    {
        var held = await roster.ListRolesOfUserAsync(organisation.Id, email, cancellationToken).ConfigureAwait(false);
        return held.FirstOrDefault(a => RoleGrants.FromAssignment(a, organisation) is { } grant && grant.Role == role && grant.Scope == scope);
    }

    private static string? Misfit(Role role, Organisation organisation)
    {
        var fits = role switch
        {
            Role.Beheerder => true,
            Role.Receptie or Role.Verzuimcoordinator or Role.Mentor or Role.Zorgcoordinator => organisation.Kind == OrganisationKind.School,
            Role.Leerplichtambtenaar => organisation.Kind == OrganisationKind.Leerplicht,
            Role.Jeugdarts => organisation.Kind == OrganisationKind.Jeugdgezondheidszorg,
            Role.Swv => organisation.Kind == OrganisationKind.Swv,
            Role.LokaalTeam => organisation.Kind == OrganisationKind.LokaalTeam,
            _ => false,
        };
        return fits ? null : $"De rol {RoleNames.Dutch(role)} kan niet worden toegekend door {organisation.Name}: die rol hoort bij een andere soort organisatie.";
    }

    /// <summary>A kernpartner may grant schools and gemeenten only inside its configured service area (issue 19 item 4).</summary>
    private static string? OutsideServiceArea(RoleScope scope, Organisation organisation)
    {
        if (organisation.IsSchool || scope.Kind is not (RoleScopeKind.Scholen or RoleScopeKind.Gemeenten))
        {
            return null;
        }

        var area = organisation.Area ?? ServiceArea.Of([], [], []);
        var outside = area.Outside(scope);
        if (outside.Count == 0)
        {
            return null;
        }

        var served = scope.Kind == RoleScopeKind.Scholen ? area.Schools(RoleScope.Scholen(area.Scholen)) : area.Gemeenten.Order(StringComparer.OrdinalIgnoreCase).ToList();
        var what = scope.Kind == RoleScopeKind.Scholen ? "scholen" : "gemeenten";
        return $"{string.Join(", ", outside)} valt buiten het werkgebied van {organisation.Name}; niets toegekend. "
            + $"{organisation.Name} werkt volgens de configuratie voor de {what}: {(served.Count == 0 ? "(geen)" : string.Join(", ", served))}"
            + (scope.Kind == RoleScopeKind.Scholen ? " (een school moet de organisatie ook als kernpartner noemen)." : ".")
            + " Vraag de beheerder van VerzuimBot als dat niet klopt.";
    }

    private static string? StudentOf(RoleScope scope) => scope.Kind == RoleScopeKind.Student ? scope.Values[0] : null;

    private static RoleCommandResult Refused(string message) => new(false, [message]);
}
