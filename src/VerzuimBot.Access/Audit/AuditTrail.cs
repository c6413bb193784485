using System.Globalization;
using System.Text.Json;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Storage;

namespace VerzuimBot.Access.Audit;

/// <summary>
/// The audit log (issue 7 item 5): every change, and every read of a dossier by someone outside
/// the student's school, is appended with who, role, organisation, when, what and the student id.
/// Entries are append-only (<see cref="AuditStore"/> has no update or delete).
/// </summary>
public sealed class AuditTrail(AuditStore store, TimeProvider time)
{
    internal const string EnvelopeType = "audit-v1";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <param name="entryId">Give a stable id to make a retried append a no-op; default a new one.</param>
    public Task RecordAsync(AuditRecord record, string? entryId = null, CancellationToken cancellationToken = default) =>
        store.AppendAsync(Entry(record, entryId), cancellationToken);

    /// <summary>
    /// Audits an allowed change (any action that writes) on a student. Within a turn the line goes with the change's own
    /// dossier write (one transaction: the change is never stored without its line, and costs no round trip of its own);
    /// what no write takes along is written when the turn ends.
    /// </summary>
    public Task RecordChangeAsync(AccessActor actor, AccessDecision decision, AccessAction action, StudentContext student, CancellationToken cancellationToken = default) =>
        store.AppendWithNextWriteAsync(Entry(ForDecision(actor, decision, action, student), null), cancellationToken);

    private AuditEntry Entry(AuditRecord record, string? entryId)
    {
        ArgumentNullException.ThrowIfNull(record);
        var details = new AuditDetails(record.Role, record.Organisation, record.What);
        return new AuditEntry(
            record.SchoolId,
            record.StudentId,
            entryId ?? Guid.NewGuid().ToString("N"),
            time.GetUtcNow(),
            record.ActorId,
            record.Code,
            new StoredEnvelope(EnvelopeType, JsonSerializer.Serialize(details, Json)));
    }

    /// <summary>
    /// Audits an allowed read when the reader is outside the student's school (domain.md §8).
    /// Reads by the school's own staff are not logged.
    /// </summary>
    /// <returns>Whether an entry was written.</returns>
    public async Task<bool> RecordReadAsync(AccessActor actor, AccessDecision decision, AccessAction action, StudentContext student, CancellationToken cancellationToken = default)
    {
        if (!decision.IsAllowed || !decision.IsOutsideSchool)
        {
            return false;
        }

        await RecordAsync(ForDecision(actor, decision, action, student), cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A student's trail as Dutch lines, oldest first (for the beheerder's "audit" command).</summary>
    public async Task<IReadOnlyList<string>> StudentTrailAsync(string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        var entries = await store.ListForStudentAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        return entries.Select(Describe).ToList();
    }

    internal static string Describe(AuditEntry entry)
    {
        var details = entry.Details.Type == EnvelopeType ? JsonSerializer.Deserialize<AuditDetails>(entry.Details.Json, Json) : null;
        var when = TimeZoneInfo.ConvertTime(entry.OccurredAt, Amsterdam).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);
        return details is null
            ? $"{when} · {entry.ActorId} · {entry.Action}"
            : $"{when} · {entry.ActorId} ({details.Role}, {details.Organisation}) · {details.What}";
    }

    private static AuditRecord ForDecision(AccessActor actor, AccessDecision decision, AccessAction action, StudentContext student)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(student);
        var grant = decision.Grant ?? throw new ArgumentException("Only allowed actions are audited here.", nameof(decision));
        return new AuditRecord(student.SchoolId, student.StudentId, actor.UserId, RoleNames.Dutch(grant.Role), grant.OrganisationId, Code(action), AuditTexts.For(action));
    }

    internal static string Code(AccessAction action) => JsonNamingPolicy.KebabCaseLower.ConvertName(action.ToString());

    internal sealed record AuditDetails(string Role, string Organisation, string What);
}
