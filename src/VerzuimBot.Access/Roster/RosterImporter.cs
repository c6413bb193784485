using Microsoft.Extensions.Logging;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;

namespace VerzuimBot.Access.Roster;

/// <summary>
/// Imports a school's roster export (issue 7 item 1). Every row is validated before anything is
/// written; with a problem in any row nothing is imported unless <see cref="RosterImportOptions.GoodRowsOnly"/>.
/// Only students whose details differ are written, so re-importing the same file writes nothing.
/// A student missing from a complete import is marked "vertrokken" with the date, never deleted.
/// Writes are per student (no transaction spans 5 000 rows): if the store fails halfway, running
/// the same import again completes it, because each write is an idempotent replace.
/// </summary>
public sealed class RosterImporter(RosterStore store, StudentIds ids, TimeProvider time, ILogger<RosterImporter> logger, Audit.AuditTrail? audit = null)
{
    public async Task<RosterImportReport> ImportAsync(SchoolId school, TextReader csv, RosterImportOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(school.Value);
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(options);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Amsterdam).DateTime);
        var parsed = RosterCsvParser.Parse(csv, options.Mapping, options.SchoolType, today, progress, options.MaxRows);
        if (parsed.Problems.Count > 0)
        {
            // Row numbers and field names only: the messages themselves may quote personal data.
            logger.LogWarning(
                "Roster import for school {SchoolId}: {BadRows} bad rows of {Rows} (first rows {FirstRows}), fields {Fields}",
                school.Value,
                parsed.BadRows,
                parsed.RowsRead,
                string.Join(",", parsed.Problems.Select(p => p.Row).Distinct().Take(10)),
                string.Join(",", parsed.Problems.Select(p => p.Field).Distinct()));
        }

        if (parsed.TooManyRows || (parsed.Problems.Count > 0 && (!options.GoodRowsOnly || parsed.Students.Count == 0)))
        {
            return new RosterImportReport(parsed.RowsRead, 0, 0, 0, 0, parsed.Problems, Imported: false);
        }

        var existing = (await store.ListStudentsAsync(school.Value, cancellationToken).ConfigureAwait(false))
            .ToDictionary(s => s.StudentId, StringComparer.Ordinal);
        int added = 0, changed = 0, unchanged = 0, left = 0;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, student) in parsed.Students)
        {
            var id = ids.For(school, student.Leerlingnummer).Value;
            present.Add(id);
            var envelope = student.ToEnvelope();
            existing.TryGetValue(id, out var current);
            if (current is not null && current.Details == envelope)
            {
                unchanged++;
                continue;
            }

            await store.UpsertStudentAsync(new RosterStudent(school.Value, id, envelope, now), cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                added++;
            }
            else
            {
                changed++;
            }
        }

        if (parsed.Problems.Count == 0)
        {
            foreach (var current in existing.Values.Where(s => !present.Contains(s.StudentId)))
            {
                if (RosterStudentDetails.FromEnvelope(current.Details) is { VertrokkenOp: null } details)
                {
                    var marked = details with { VertrokkenOp = today };
                    await store.UpsertStudentAsync(current with { Details = marked.ToEnvelope(), UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
                    left++;
                }
            }
        }

        var (mentorRoles, mentorRolesRevoked) = await DeriveMentorRolesAsync(school, parsed.Students.Select(s => s.Student), complete: parsed.Problems.Count == 0, now, cancellationToken).ConfigureAwait(false);
        progress?.Report(parsed.RowsRead);
        logger.LogInformation(
            "Roster import for school {SchoolId}: {Rows} rows, {Added} added, {Changed} changed, {Unchanged} unchanged, {Left} marked left, {BadRows} skipped",
            school.Value,
            parsed.RowsRead,
            added,
            changed,
            unchanged,
            left,
            parsed.BadRows);
        return new RosterImportReport(parsed.RowsRead, added, changed, unchanged, left, parsed.Problems, Imported: true, MentorRolesAdded: mentorRoles, MentorRolesRevoked: mentorRolesRevoked);
    }

    /// <summary>
    /// The administration system says who mentors which klas: that person gets the mentor role for the klas (audited
    /// as done by the import), so the mentor who is sent a reminder may also answer it. A complete list also ends the
    /// roles it gave earlier to someone who no longer mentors that klas, so a former mentor does not keep seeing the
    /// klas's students (domain.md §8). Roles a beheerder gave are never touched here.
    /// </summary>
    private async Task<(int Added, int Revoked)> DeriveMentorRolesAsync(SchoolId school, IEnumerable<RosterStudentDetails> students, bool complete, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var assignments = await store.ListRoleAssignmentsAsync(school.Value, nameof(Role.Mentor), cancellationToken).ConfigureAwait(false);
        var existing = assignments.Select(a => (a.UserId, a.Scope)).ToHashSet();
        var listed = students.Where(s => !string.IsNullOrWhiteSpace(s.MentorEmail))
            .Select(s => (Klas: s.Klas, Email: EmailAddress.Normalise(s.MentorEmail), Scope: Authorization.RoleScope.Klas(s.Klas).ToStorage())).Distinct().ToList();
        var added = 0;
        foreach (var (klas, email, scope) in listed)
        {
            if (existing.Add((email, scope)))
            {
                await store.AssignRoleAsync(new RoleAssignment(school.Value, nameof(Role.Mentor), email, scope, now, FromRoster), cancellationToken).ConfigureAwait(false);
                await AuditAsync(school, $"Rol mentor (klas {klas}) gegeven aan {email} op grond van de leerlingenlijst", "role-assigned", cancellationToken).ConfigureAwait(false);
                added++;
            }
        }

        var revoked = 0;
        if (complete)
        {
            var stillListed = listed.Select(l => (l.Email, l.Scope)).ToHashSet();
            foreach (var gone in assignments.Where(a => a.Source == FromRoster && !stillListed.Contains((a.UserId, a.Scope))))
            {
                await store.RevokeRoleAsync(school.Value, nameof(Role.Mentor), gone.UserId, gone.Scope, cancellationToken).ConfigureAwait(false);
                await AuditAsync(school, $"Rol mentor ({gone.Scope.Replace("klas:", "klas ", StringComparison.Ordinal)}) van {gone.UserId} ingetrokken: volgens de leerlingenlijst niet meer de mentor", "role-revoked", cancellationToken).ConfigureAwait(false);
                revoked++;
            }
        }

        return (added, revoked);
    }

    private async Task AuditAsync(SchoolId school, string text, string what, CancellationToken cancellationToken)
    {
        if (audit is not null)
        {
            await audit.RecordAsync(new Audit.AuditRecord(school.Value, null, "leerlingenimport", "beheerder", school.Value, what, text), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The source of a mentor role derived from the roster (so a later import may end it again).</summary>
    private const string FromRoster = "leerlingenlijst";

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
}
