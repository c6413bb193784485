using VerzuimBot.Access.Authorization;
using VerzuimBot.Access;
using VerzuimBot.Access.Roster;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;

namespace VerzuimBot.Protocol.Staff;

/// <summary>Someone to tell: an e-mail address and the organisation whose role makes them the one.</summary>
internal sealed record Recipient(string Email, Organisation Organisation, Role Role);

/// <summary>
/// Who holds a role for a student now (domain.md §1): the mentor of the klas, the school's coördinatoren, and the
/// kernpartners whose scope covers the student's school or woongemeente inside their service area. Read from the role
/// assignments per organisation only: the roster's mentor column counts through the mentor role its import derives, so a
/// revoked mentor whom the roster still names gets nothing (issue 19 item 11).
/// </summary>
internal sealed class TaskRecipients(TenantPolicy tenants, RosterStore roster)
{
    public async Task<IReadOnlyList<Recipient>> ForAsync(Role role, string schoolId, string studentId, RosterStudentDetails student, CancellationToken cancellationToken)
    {
        var found = new List<Recipient>();
        foreach (var organisation in tenants.Organisations.Where(o => Serves(o, role, schoolId)))
        {
            foreach (var assignment in await roster.ListRoleAssignmentsAsync(organisation.Id, role.ToString(), cancellationToken).ConfigureAwait(false))
            {
                if (RoleScope.FromStorage(assignment.Scope) is { } scope && Covers(scope, organisation.Area, role, schoolId, studentId, student))
                {
                    found.Add(new Recipient(EmailAddress.Normalise(assignment.UserId), organisation, role));
                }
            }
        }

        return found.DistinctBy(r => r.Email).ToList();
    }

    public static bool Serves(Organisation organisation, Role role, string schoolId) => role switch
    {
        Role.Jeugdarts => organisation.Kind == OrganisationKind.Jeugdgezondheidszorg,
        Role.Leerplichtambtenaar => organisation.Kind == OrganisationKind.Leerplicht,
        Role.Swv => organisation.Kind == OrganisationKind.Swv,
        Role.LokaalTeam => organisation.Kind == OrganisationKind.LokaalTeam,
        _ => organisation.IsSchool && string.Equals(organisation.Id, schoolId, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>
    /// Whether a role's scope covers this student (mentor: klas or leerling; kernpartners: school or woongemeente, inside
    /// their organisation's service area).
    /// </summary>
    public static bool Covers(RoleScope scope, ServiceArea? area, Role role, string schoolId, string studentId, RosterStudentDetails student) => role switch
    {
        Role.Mentor => scope.Kind switch
        {
            RoleScopeKind.Klas => scope.Contains(student.Klas),
            RoleScopeKind.Student => scope.Contains(studentId),
            _ => false,
        },
        Role.Jeugdarts or Role.Swv => scope.Kind == RoleScopeKind.Scholen && scope.Contains(schoolId) && area?.Covers(scope.Kind, schoolId, student.Woongemeente) == true,
        Role.Leerplichtambtenaar or Role.LokaalTeam => scope.Kind == RoleScopeKind.Gemeenten && scope.Contains(student.Woongemeente) && area?.Covers(scope.Kind, schoolId, student.Woongemeente) == true,
        _ => scope.Kind == RoleScopeKind.Organisation,
    };
}
