using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.Protocol.Thuiszitter;

/// <summary>
/// Finds a student for the route's commands. School staff search their own school as everywhere else;
/// kernpartners search the schools their role covers inside their service area (SWV and jeugdarts: their scholen;
/// leerplicht: the schools that work with them, for students living in their gemeenten). A kernpartner is only ever offered students whose case
/// they may see now (domain.md §8), so a search never reveals that a child exists.
/// </summary>
internal sealed class CaseFinder(StudentDirectory students, DossierService dossiers, SchoolProtocols protocols, TimeProvider time)
{
    public async Task<IReadOnlyList<StudentRecord>> FindAsync(StaffMember staff, string query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grants = staff.Actor.Grants.Where(g => g.IsValidAt(now)).ToList();
        var schools = grants.SelectMany(g => g.ReachableSchools()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        // The directory searches the rosters of the schools named in the grants it is given: these stand only for
        // where to look. Whether this person may see each student is decided below, on their real grants.
        var where = staff.Actor with { Grants = schools.Select(s => new RoleGrant(Role.Receptie, s, OrganisationKind.School, RoleScope.Organisation, now)).ToList() };
        var found = await students.SearchAsync(where, query, now, cancellationToken).ConfigureAwait(false);
        var visible = new List<StudentRecord>();
        foreach (var student in found)
        {
            var dossier = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
            var context = StudentContexts.For(student, dossier, protocols.For(student.SchoolId), now);
            if (AccessPolicy.Decide(staff.Actor, AccessAction.ViewDossier, context, now).IsAllowed)
            {
                visible.Add(student);
            }
        }

        return visible;
    }
}
