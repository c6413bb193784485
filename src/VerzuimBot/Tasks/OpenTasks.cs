using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.CardActions;

namespace VerzuimBot.Tasks;

/// <summary>
/// "taken": what the protocol asks of this person now, across the open dossiers of the schools their
/// roles cover (a partition read per school, then only the open dossiers). Overdue ones are marked.
/// </summary>
internal sealed class OpenTasks(DossierStore heads, DossierService dossiers, StudentDirectory students, SchoolProtocols protocols, RouteCards cards, TimeProvider time)
{
    public async Task<JsonNodeCard> ForAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = SchoolClock.LocalDate(now);
        var grants = staff.Actor.Grants.Where(g => g.IsValidAt(now)).ToList();
        var schools = SchoolsOf(staff, now);
        var rows = new List<(DateTimeOffset Due, string What, string Student, string When, bool Late)>();
        foreach (var school in schools)
        {
            var protocol = protocols.For(school);
            foreach (var head in await heads.ListOpenAsync(school, cancellationToken).ConfigureAwait(false))
            {
                if (await students.GetAsync(school, head.StudentId, cancellationToken).ConfigureAwait(false) is not { } student)
                {
                    continue;
                }

                var dossier = await dossiers.ReadAsync(school, student.Id, cancellationToken).ConfigureAwait(false);
                foreach (var task in protocol.Engine.Evaluate(dossier, now).Where(t => SchoolClock.LocalDate(t.DueAt) <= today && IsMine(grants, t.Assignee, student)))
                {
                    var late = SchoolClock.LocalDate(task.DueAt) < today;
                    rows.Add((task.DueAt, TaskTitles.Of(task.Kind), student.Label, $"sinds {DutchDates.Moment(task.DueAt)}", late));
                }
            }
        }

        var roles = string.Join(", ", grants.Select(g => RoleNames.Dutch(g.Role)).Distinct());
        return cards.TaskList($"{DutchDates.LongDate(today)} · als {roles}", rows.OrderBy(r => r.Due).Take(30).Select(r => (r.What, r.Student, r.When, r.Late)));
    }

    /// <summary>The schools whose open dossiers "taken" reads for this person: their own school, or every school a kernpartner role reaches.</summary>
    public static IReadOnlyList<string> SchoolsOf(StaffMember staff, DateTimeOffset now) =>
        staff.Actor.Grants.Where(g => g.IsValidAt(now)).SelectMany(g => g.ReachableSchools()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>A task of a role this person holds now, for this student (a mentor by their mentor role, never by the roster's mentor column alone).</summary>
    internal static bool IsMine(IEnumerable<RoleGrant> grants, Role assignee, StudentRecord student) =>
        grants.Any(g => g.Role == assignee
            && (g.OrganisationKind != OrganisationKind.School || string.Equals(g.OrganisationId, student.SchoolId, StringComparison.OrdinalIgnoreCase))
            && TaskRecipients.Covers(g.Scope, g.Area, assignee, student.SchoolId, student.Id.Value, student.Details));
}
