using System.Text.Json;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Storage;
using VerzuimBot.Protocol.Schools;
using StoredEvent = VerzuimBot.Storage.DossierEvent;

namespace VerzuimBot.Protocol.Dossiers;

/// <summary>
/// Where the domain meets storage: a new fact is appended to the student's dossier (never lost on a
/// concurrent append), the rules engine is asked what is due now, and the due-task index is brought
/// in line: new tasks scheduled (idempotent by task id), tasks that no longer apply cancelled. The view carries the roster's
/// birth date and startkwalificatie, so the rules know who the leerplicht route is for (002 §1.1-1.2).
/// </summary>
internal sealed class DossierService(DossierStore dossiers, TaskStore tasks, SchoolProtocols protocols, TimeProvider time, RosterStore? roster = null)
{
    public const string TaskPayloadType = "due-task-v1";

    public async Task<DossierView> ReadAsync(string schoolId, StudentId student, CancellationToken cancellationToken = default)
    {
        var dossier = await dossiers.ReadAsync(schoolId, student.Value, cancellationToken).ConfigureAwait(false);
        var facts = await FactsAsync(schoolId, student, cancellationToken).ConfigureAwait(false);
        return DossierView.From(student, dossier.Events.Select(e => DossierEventSerializer.Deserialize(e.Event.Payload.Json)), facts);
    }

    /// <summary>The roster's birth date and startkwalificatie of the student; unknown without a roster entry.</summary>
    private async Task<StudentFacts> FactsAsync(string schoolId, StudentId student, CancellationToken cancellationToken)
    {
        if (roster is null || await roster.FindStudentAsync(schoolId, student.Value, cancellationToken).ConfigureAwait(false) is not { } stored
            || RosterStudentDetails.FromEnvelope(stored.Details) is not { } details)
        {
            return StudentFacts.Unknown;
        }

        return new StudentFacts(details.Geboortedatum, details.Startkwalificatie);
    }

    public Task<RecordOutcome> RecordAsync(string schoolId, StudentId student, Domain.Dossier.DossierEvent fact, CancellationToken cancellationToken = default) =>
        RecordAsync(schoolId, student, fact, stillApplies: null, cancellationToken);

    /// <summary>
    /// Appends <paramref name="fact"/> if <paramref name="stillApplies"/> holds for the dossier as stored at that moment:
    /// the check and the append are one step (the store's append on the dossier's version, asked again after a conflict), so of two people
    /// answering the same card at once only the first is stored; the other gets <see cref="FactNoLongerAppliesException"/>.
    /// </summary>
    public async Task<RecordOutcome> RecordAsync(string schoolId, StudentId student, Domain.Dossier.DossierEvent fact, Func<DossierView, bool>? stillApplies, CancellationToken cancellationToken = default)
    {
        var protocol = protocols.For(schoolId);
        var now = time.GetUtcNow();
        var facts = await FactsAsync(schoolId, student, cancellationToken).ConfigureAwait(false);
        DossierView before = null!;
        await dossiers.AppendWhenAsync(schoolId, student.Value, stored =>
        {
            before = DossierView.From(student, stored.Events.Select(e => DossierEventSerializer.Deserialize(e.Event.Payload.Json)), facts);

            // The same fact twice (a redelivered message, a card pressed twice) is stored once.
            if (stored.Events.Any(e => e.Event.EventId == fact.Id.Value))
            {
                return null;
            }

            if (stillApplies is not null && !stillApplies(before))
            {
                throw new FactNoLongerAppliesException();
            }

            var (type, json) = DossierEventSerializer.Serialize(fact);
            var expected = DossierView.From(student, before.Events.Append(fact), facts);
            // Open while anything is going on: away now (sick or without leave), an open case, or a task the protocol still asks for
            // (a ladder rung, a melding), so "taken" finds it with one range read of open dossiers.
            var status = expected.IsAwayOpenEnded || expected.OpenThuiszitterCase(protocol.Profile.Thuiszitter) is not null || protocol.Engine.Evaluate(expected, now).Count > 0
                ? DossierStatus.Open
                : DossierStatus.Closed;
            return ([new StoredEvent(fact.Id.Value, new StoredEnvelope(type, json), fact.RecordedAt)], status);
        }, cancellationToken).ConfigureAwait(false);

        // Reread: a concurrent append may have landed first; the tasks follow the dossier as stored.
        var after = await ReadAsync(schoolId, student, cancellationToken).ConfigureAwait(false);
        var due = protocol.Engine.Evaluate(after, now);
        foreach (var task in due)
        {
            var payload = JsonSerializer.Serialize(new { anchor = task.Anchor, detail = task.Detail });
            await tasks.UpsertAsync(new DueTaskDefinition(task.Id.Value, schoolId, student.Value, task.Kind.ToString(), task.Assignee.ToString(), task.DueAt, new StoredEnvelope(TaskPayloadType, payload)), cancellationToken).ConfigureAwait(false);
        }

        var cancelled = ProtocolEngine.Cancelled(protocol.Engine.Evaluate(before, now).Select(t => t.Id), due);
        foreach (var id in cancelled)
        {
            await tasks.CancelAsync(id.Value, cancellationToken).ConfigureAwait(false);
        }

        return new RecordOutcome(after, due, cancelled);
    }

    /// <summary>
    /// INTERIM (issue 22, to be replaced by the rewritten write path): records many facts of one student. Facts whose event
    /// id is already stored are skipped (idempotent by event id); the rest are appended in chunks of at most
    /// <see cref="DossierStore.MaxEventsPerAppend"/>, then the tasks are brought in line once, as <see cref="RecordAsync(string, StudentId, Domain.Dossier.DossierEvent, CancellationToken)"/> does for one.
    /// </summary>
    public async Task<RecordOutcome> RecordManyAsync(string schoolId, StudentId student, IReadOnlyList<Domain.Dossier.DossierEvent> facts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var protocol = protocols.For(schoolId);
        var now = time.GetUtcNow();
        var before = await ReadAsync(schoolId, student, cancellationToken).ConfigureAwait(false);
        var factsOfStudent = before.Facts;
        foreach (var chunk in facts.Chunk(DossierStore.MaxEventsPerAppend))
        {
            await dossiers.AppendWhenAsync(schoolId, student.Value, stored =>
            {
                var known = stored.Events.Select(e => e.Event.EventId).ToHashSet(StringComparer.Ordinal);
                var fresh = chunk.Where(f => known.Add(f.Id.Value)).ToList();
                if (fresh.Count == 0)
                {
                    return null;
                }

                var current = stored.Events.Select(e => DossierEventSerializer.Deserialize(e.Event.Payload.Json));
                var expected = DossierView.From(student, current.Concat(fresh), factsOfStudent);
                var status = expected.IsAwayOpenEnded || expected.OpenThuiszitterCase(protocol.Profile.Thuiszitter) is not null || protocol.Engine.Evaluate(expected, now).Count > 0
                    ? DossierStatus.Open
                    : DossierStatus.Closed;
                return (fresh.Select(f =>
                {
                    var (type, json) = DossierEventSerializer.Serialize(f);
                    return new StoredEvent(f.Id.Value, new StoredEnvelope(type, json), f.RecordedAt);
                }).ToList(), status);
            }, cancellationToken).ConfigureAwait(false);
        }

        var after = await ReadAsync(schoolId, student, cancellationToken).ConfigureAwait(false);
        var due = protocol.Engine.Evaluate(after, now);
        foreach (var task in due)
        {
            var payload = JsonSerializer.Serialize(new { anchor = task.Anchor, detail = task.Detail });
            await tasks.UpsertAsync(new DueTaskDefinition(task.Id.Value, schoolId, student.Value, task.Kind.ToString(), task.Assignee.ToString(), task.DueAt, new StoredEnvelope(TaskPayloadType, payload)), cancellationToken).ConfigureAwait(false);
        }

        var cancelled = ProtocolEngine.Cancelled(protocol.Engine.Evaluate(before, now).Select(t => t.Id), due);
        foreach (var id in cancelled)
        {
            await tasks.CancelAsync(id.Value, cancellationToken).ConfigureAwait(false);
        }

        return new RecordOutcome(after, due, cancelled);
    }
}

/// <summary>The condition a fact was recorded under no longer holds: someone else's fact was stored first.</summary>
internal sealed class FactNoLongerAppliesException() : Exception("The dossier changed; the fact no longer applies.");

/// <summary>The dossier after the fact, the tasks now due or scheduled, and the ones cancelled by it.</summary>
internal sealed record RecordOutcome(DossierView Dossier, IReadOnlyList<Domain.Rules.DueTask> Scheduled, IReadOnlyList<TaskId> Cancelled);
