using Microsoft.Extensions.Logging;
using VerzuimBot.Access.Retention;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;
using VerzuimBot.Storage.Pseudonyms;

namespace VerzuimBot.Access.Pseudonyms;

/// <summary>
/// "beheer pseudonyms migrate --from-unkeyed" (issue 19 item 5): moves data stored under the unkeyed student ids of
/// earlier versions to the keyed ids of <see cref="StudentIds"/>. Per school, the roster says which students there are:
/// an entry whose id is the unkeyed id of its leerlingnummer gets the keyed id in every table (dossiers, decisions,
/// audit trail, due tasks and their index, role scopes, dialog states, the overleg rows of other stores) and, last, in
/// the roster itself. Resumable and idempotent: a student whose roster entry already has the keyed id is done, and a
/// student interrupted half-way still has the old entry, so the next run finishes it. Data of a student no longer on
/// any roster (erased, or left and removed) has no leerlingnummer to derive the new id from and stays as it is; the
/// report counts such dossiers. Run it with every bot instance stopped.
/// </summary>
public sealed class PseudonymMigration(StudentDataStore data, RosterStore roster, DossierStore dossiers, StudentIdRewriter rewriter, IEnumerable<IStudentDataHolder> holders, StudentIds ids, ILogger<PseudonymMigration> logger)
{
    public async Task<PseudonymMigrationReport> FromUnkeyedAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        var schools = new List<SchoolMigration>();
        foreach (var school in await data.ListSchoolsAsync(cancellationToken).ConfigureAwait(false))
        {
            schools.Add(await MigrateSchoolAsync(school, dryRun, cancellationToken).ConfigureAwait(false));
        }

        return new PseudonymMigrationReport(schools, dryRun);
    }

    private async Task<SchoolMigration> MigrateSchoolAsync(string schoolId, bool dryRun, CancellationToken cancellationToken)
    {
        var school = new SchoolId(schoolId);
        var newIdByOldId = new Dictionary<string, string>(StringComparer.Ordinal);
        var onRoster = new HashSet<string>(StringComparer.Ordinal);
        int done = 0, unknown = 0;
        foreach (var student in await roster.ListStudentsAsync(schoolId, cancellationToken).ConfigureAwait(false))
        {
            onRoster.Add(student.StudentId);
            if (RosterStudentDetails.FromEnvelope(student.Details) is not { } details)
            {
                unknown++;
            }
            else if (ids.For(school, details.Leerlingnummer).Value == student.StudentId)
            {
                done++;
            }
            else if (UnkeyedStudentIds.For(school, details.Leerlingnummer).Value == student.StudentId)
            {
                newIdByOldId[student.StudentId] = ids.For(school, details.Leerlingnummer).Value;
            }
            else
            {
                unknown++;
            }
        }

        var heads = await dossiers.ListHeadsAsync(schoolId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var withoutRoster = heads.Count(h => !onRoster.Contains(h.StudentId));
        var rows = 0;
        if (newIdByOldId.Count > 0)
        {
            rows += (await rewriter.RewriteSchoolAsync(schoolId, newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false)).Total;
            if (!dryRun)
            {
                foreach (var holder in holders)
                {
                    rows += await holder.RenameStudentsAsync(schoolId, newIdByOldId, cancellationToken).ConfigureAwait(false);
                }
            }

            rows += await rewriter.RewriteRosterStudentsAsync(schoolId, newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation(
            "Pseudonym migration{DryRun} for school {SchoolId}: {Migrated} students, {Rows} rows, {Done} already keyed, {Unknown} unknown, {WithoutRoster} dossiers without roster entry",
            dryRun ? " (dry run)" : string.Empty,
            schoolId,
            newIdByOldId.Count,
            rows,
            done,
            unknown,
            withoutRoster);
        return new SchoolMigration(schoolId, newIdByOldId.Count, rows, done, unknown, withoutRoster);
    }
}
