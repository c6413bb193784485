using System.Text.Json;
using Microsoft.Extensions.Logging;
using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Roster;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Storage;

namespace VerzuimBot.Access.Retention;

/// <summary>
/// Anonymises closed cases after the retention period (issue 7 item 6; domain.md §8). Per closed
/// dossier whose last event is older than <see cref="RetentionOptions.RetentionMonths"/>: claim the
/// head (ETag-guarded, with a lease), delete its events and decisions, keep on the head only a
/// name-free summary (event counts per type, school year of closing), mark it anonymised, audit.
/// A vertrokken student whose retention has passed and who has no case left is removed from the
/// roster. Safe to run twice and on several instances at once: a lost claim skips the dossier,
/// every delete is idempotent, and an interrupted run is finished by the next one after the lease.
/// </summary>
public sealed class RetentionJob(StudentDataStore data, DossierStore dossiers, RosterStore roster, IEnumerable<IStudentDataHolder> holders, AuditTrail audit, TenantPolicy tenants, RetentionOptions options, TimeProvider time, ILogger<RetentionJob> logger)
{
    internal const string SystemActor = "systeem";

    /// <summary>Runs for every school in the tenant allow-list.</summary>
    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var total = new RetentionReport(0, 0, 0, 0, 0);
        foreach (var school in tenants.Organisations.Where(o => o.IsSchool).OrderBy(o => o.Id, StringComparer.Ordinal))
        {
            total = total.Add(await RunForSchoolAsync(school.Id, cancellationToken).ConfigureAwait(false));
        }

        return total;
    }

    public async Task<RetentionReport> RunForSchoolAsync(string schoolId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schoolId);
        var now = time.GetUtcNow();
        var claimant = $"{options.InstanceId}/{Guid.NewGuid():N}";
        int kept = 0, anonymised = 0, already = 0, elsewhere = 0;
        var stillHeld = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dossier in await data.ListClosedDossiersAsync(schoolId, cancellationToken).ConfigureAwait(false))
        {
            if (dossier.State == RetentionState.Anonymised)
            {
                already++;
                continue;
            }

            if (now < dossier.ClosedAt.AddMonths(options.RetentionMonths))
            {
                kept++;
                stillHeld.Add(dossier.StudentId);
                continue;
            }

            if (dossier.State == RetentionState.Anonymising && dossier.LeaseUntil > now
                || !await data.TryClaimAsync(dossier, claimant, now + options.ClaimLease, cancellationToken).ConfigureAwait(false))
            {
                elsewhere++;
                stillHeld.Add(dossier.StudentId);
                continue;
            }

            if (await AnonymiseAsync(dossier, claimant, now, cancellationToken).ConfigureAwait(false))
            {
                anonymised++;
            }
            else
            {
                elsewhere++;
                stillHeld.Add(dossier.StudentId);
            }
        }

        foreach (var open in await dossiers.ListOpenAsync(schoolId, cancellationToken).ConfigureAwait(false))
        {
            stillHeld.Add(open.StudentId);
        }

        var removed = await RemoveLeaversAsync(schoolId, stillHeld, now, cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Retention run for school {SchoolId}: {Anonymised} anonymised, {Removed} roster entries removed, {Kept} kept, {Already} already anonymised, {Elsewhere} claimed elsewhere",
            schoolId,
            anonymised,
            removed,
            kept,
            already,
            elsewhere);
        return new RetentionReport(kept, anonymised, already, elsewhere, removed);
    }

    private async Task<bool> AnonymiseAsync(ClosedDossier dossier, string claimant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var read = await dossiers.ReadAsync(dossier.SchoolId, dossier.StudentId, cancellationToken).ConfigureAwait(false);
        var summary = JsonSerializer.Serialize(new
        {
            closedInSchoolYear = SchoolYear.Of(DateOnly.FromDateTime(dossier.ClosedAt.UtcDateTime)).ToString(),
            events = read.Events.Where(e => e.Sequence <= dossier.Version).GroupBy(e => e.Event.Payload.Type).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
        });
        await data.DeleteEventsAsync(dossier.SchoolId, dossier.StudentId, dossier.Version, cancellationToken).ConfigureAwait(false);
        // Decisions are kept per case; by convention a student's case id is the student id.
        await data.DeleteDecisionsAsync(dossier.SchoolId, dossier.StudentId, cancellationToken).ConfigureAwait(false);
        foreach (var holder in holders)
        {
            await holder.DeleteStudentAsync(dossier.SchoolId, dossier.StudentId, cancellationToken).ConfigureAwait(false);
        }

        if (!await data.CompleteAnonymisationAsync(dossier.SchoolId, dossier.StudentId, claimant, summary, now, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await audit.RecordAsync(
            new AuditRecord(dossier.SchoolId, dossier.StudentId, SystemActor, "bewaartermijn", dossier.SchoolId, "geanonimiseerd", $"dossier geanonimiseerd na de bewaartermijn van {options.RetentionMonths} maanden"),
            $"retention-{dossier.StudentId}-{dossier.Version}",
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<int> RemoveLeaversAsync(string schoolId, HashSet<string> stillHeld, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var removed = 0;
        foreach (var student in await roster.ListStudentsAsync(schoolId, cancellationToken).ConfigureAwait(false))
        {
            if (stillHeld.Contains(student.StudentId)
                || RosterStudentDetails.FromEnvelope(student.Details) is not { VertrokkenOp: { } left }
                || today < left.AddMonths(options.RetentionMonths))
            {
                continue;
            }

            await roster.RemoveStudentAsync(schoolId, student.StudentId, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(
                new AuditRecord(schoolId, student.StudentId, SystemActor, "bewaartermijn", schoolId, "leerling-verwijderd", $"leerlinggegevens verwijderd: vertrokken en bewaartermijn van {options.RetentionMonths} maanden verstreken"),
                $"retention-roster-{student.StudentId}",
                cancellationToken).ConfigureAwait(false);
            removed++;
        }

        return removed;
    }
}
