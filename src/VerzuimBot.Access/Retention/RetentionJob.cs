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
/// dossier whose last event is older than the school's bewaartermijn (its profile's, see
/// <see cref="MonthsFor"/>): claim the head (ETag-guarded, with a lease), delete its events and decisions,
/// keep on the head only a name-free summary (event counts per type, school year of closing), mark it
/// anonymised, audit. A vertrokken student whose retention has passed and who has no case left is removed
/// from the roster. Every school in the store is swept, also one no longer configured (issue 19 item 8), and
/// dialogs abandoned for a day are removed. Safe to run twice and on several instances at once: a lost claim
/// skips the dossier, every delete is idempotent, and an interrupted run is finished by the next one after the lease.
/// </summary>
public sealed class RetentionJob(
    StudentDataStore data, DossierStore dossiers, RosterStore roster, DialogStateStore dialogStates, IEnumerable<IStudentDataHolder> holders, AuditTrail audit, TenantPolicy tenants,
    IRetentionPeriods periods, RetentionOptions options, TimeProvider time, ILogger<RetentionJob> logger)
{
    internal const string SystemActor = "systeem";

    /// <summary>Runs for every school in the store or in the tenant allow-list, then removes abandoned dialogs.</summary>
    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var total = new RetentionReport(0, 0, 0, 0, 0);
        var schools = (await data.ListSchoolsAsync(cancellationToken).ConfigureAwait(false))
            .Union(ConfiguredSchools(), StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);
        foreach (var school in schools)
        {
            total = total.Add(await RunForSchoolAsync(school, cancellationToken).ConfigureAwait(false));
        }

        var abandoned = await dialogStates.DeleteIdleAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Retention run: {DialogStates} abandoned dialog states removed", abandoned);
        return total with { DialogStatesRemoved = abandoned };
    }

    /// <summary>
    /// The bewaartermijn of a school: its profile's while it is configured. A school no longer configured keeps the
    /// longest period of the configured schools, at least <see cref="RetentionOptions.RetentionMonths"/>: its own profile
    /// is no longer known, and a shorter guess could destroy records the school still had to keep, while the data still
    /// goes in the end.
    /// </summary>
    public int MonthsFor(string schoolId) =>
        ConfiguredSchools().Contains(schoolId, StringComparer.OrdinalIgnoreCase)
            ? periods.MonthsFor(schoolId)
            : ConfiguredSchools().Select(periods.MonthsFor).Append(options.RetentionMonths).Max();

    public async Task<RetentionReport> RunForSchoolAsync(string schoolId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schoolId);
        var now = time.GetUtcNow();
        var months = MonthsFor(schoolId);
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

            if (now < dossier.ClosedAt.AddMonths(months))
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

            if (await AnonymiseAsync(dossier, claimant, months, now, cancellationToken).ConfigureAwait(false))
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

        var removed = await RemoveLeaversAsync(schoolId, stillHeld, months, now, cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Retention run for school {SchoolId} ({Months} months): {Anonymised} anonymised, {Removed} roster entries removed, {Kept} kept, {Already} already anonymised, {Elsewhere} claimed elsewhere",
            schoolId,
            months,
            anonymised,
            removed,
            kept,
            already,
            elsewhere);
        return new RetentionReport(kept, anonymised, already, elsewhere, removed);
    }

    private async Task<bool> AnonymiseAsync(ClosedDossier dossier, string claimant, int months, DateTimeOffset now, CancellationToken cancellationToken)
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
            new AuditRecord(dossier.SchoolId, dossier.StudentId, SystemActor, "bewaartermijn", dossier.SchoolId, "geanonimiseerd", $"dossier geanonimiseerd na de bewaartermijn van {months} maanden"),
            $"retention-{dossier.StudentId}-{dossier.Version}",
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    private IEnumerable<string> ConfiguredSchools() => tenants.Organisations.Where(o => o.IsSchool).Select(o => o.Id);

    private async Task<int> RemoveLeaversAsync(string schoolId, HashSet<string> stillHeld, int months, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var removed = 0;
        foreach (var student in await roster.ListStudentsAsync(schoolId, cancellationToken).ConfigureAwait(false))
        {
            if (stillHeld.Contains(student.StudentId)
                || RosterStudentDetails.FromEnvelope(student.Details) is not { VertrokkenOp: { } left }
                || today < left.AddMonths(months))
            {
                continue;
            }

            await roster.RemoveStudentAsync(schoolId, student.StudentId, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(
                new AuditRecord(schoolId, student.StudentId, SystemActor, "bewaartermijn", schoolId, "leerling-verwijderd", $"leerlinggegevens verwijderd: vertrokken en bewaartermijn van {months} maanden verstreken"),
                $"retention-roster-{student.StudentId}",
                cancellationToken).ConfigureAwait(false);
            removed++;
        }

        return removed;
    }
}
