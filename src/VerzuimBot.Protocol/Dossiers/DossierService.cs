using System.Runtime.CompilerServices;
using System.Text.Json;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Storage;
using StoredEvent = VerzuimBot.Storage.DossierEvent;

namespace VerzuimBot.Protocol.Dossiers;

/// <summary>
/// Where the domain meets storage: one write per fact. The student's roster entry and dossier (events and tasks) are read
/// once per turn (<see cref="StoreSession"/>); the new fact is decided on that read ("still applies", idempotent by event
/// id), the rules engine runs once on the dossier after it, and the events, the tasks it asks for now (new ones
/// scheduled, changed ones moved, ones no longer asked for cancelled), the dossier's status and the turn's audit lines are
/// written in one transaction that requires the dossier and the roster entry unchanged since the read. On a conflict it
/// decides again on the dossier as it then is. The view after the write is the one it built, not a reread. The view
/// carries the roster's birth date and startkwalificatie, so the rules know who the leerplicht route is for (002 §1.1-1.2).
/// </summary>
internal sealed class DossierService(DossierStore dossiers, SchoolProtocols protocols, TimeProvider time, RosterStore? roster = null)
{
    public const string TaskPayloadType = "due-task-v1";
    private const int MaxAttempts = 20;

    // A view is built once per stored dossier (and roster facts): reads in the same turn share it.
    private readonly ConditionalWeakTable<Dossier, BuiltView> _views = [];

    public async Task<DossierView> ReadAsync(string schoolId, StudentId student, CancellationToken cancellationToken = default)
    {
        var entry = await EntryAsync(schoolId, student, cancellationToken).ConfigureAwait(false);
        var stored = await dossiers.LoadAsync(schoolId, student.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        return View(student, stored, RosterFacts.Of(entry?.Student));
    }

    public Task<RecordOutcome> RecordAsync(string schoolId, StudentId student, Domain.Dossier.DossierEvent fact, CancellationToken cancellationToken = default) =>
        RecordAsync(schoolId, student, fact, stillApplies: null, cancellationToken);

    /// <summary>
    /// Appends <paramref name="fact"/> if <paramref name="stillApplies"/> holds for the dossier as stored at that moment:
    /// the check and the append are one step (the write requires the dossier it was decided on), so of two people
    /// answering the same card at once only the first is stored; the other gets <see cref="FactNoLongerAppliesException"/>.
    /// The same fact again (same event id) is stored once.
    /// </summary>
    public async Task<RecordOutcome> RecordAsync(string schoolId, StudentId student, Domain.Dossier.DossierEvent fact, Func<DossierView, bool>? stillApplies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return await WriteAsync(schoolId, student, [fact], stillApplies, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends several facts of one student at once (an import): one read, the rules engine once, the events in as few
    /// transactions as fit (99 events besides the head each, the tasks with the last), the tasks brought in line once.
    /// Facts already stored (by event id) are skipped, so the same batch again stores nothing.
    /// </summary>
    public async Task<RecordOutcome> RecordManyAsync(string schoolId, StudentId student, IReadOnlyList<Domain.Dossier.DossierEvent> facts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return await WriteAsync(schoolId, student, facts, stillApplies: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RecordOutcome> WriteAsync(string schoolId, StudentId student, IReadOnlyList<Domain.Dossier.DossierEvent> facts, Func<DossierView, bool>? stillApplies, CancellationToken cancellationToken)
    {
        var protocol = protocols.For(schoolId);
        var now = time.GetUtcNow();
        var entry = await EntryAsync(schoolId, student, cancellationToken).ConfigureAwait(false);
        var stored = await dossiers.LoadAsync(schoolId, student.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var studentFacts = RosterFacts.Of(entry?.Student);
            var before = View(student, stored, studentFacts);
            var known = before.Events.Select(e => e.Id).ToHashSet();
            var fresh = facts.Where(f => known.Add(f.Id)).ToList();
            if (fresh.Count == 0)
            {
                // The same facts again (a redelivered message, a card pressed twice): stored once.
                return new RecordOutcome(before, protocol.Engine.Evaluate(before, now), []);
            }

            if (stillApplies is not null && !stillApplies(before))
            {
                throw new FactNoLongerAppliesException();
            }

            var after = DossierView.From(student, before.Events.Concat(fresh), studentFacts);
            var due = protocol.Engine.Evaluate(after, now);
            // Open while anything is going on: away now (sick or without leave), an open case, or a task the protocol still asks for
            // (a ladder rung, a melding), so "taken" finds it with one range read of open dossiers.
            var status = after.IsAwayOpenEnded || after.OpenThuiszitterCase(protocol.Profile.Thuiszitter) is not null || due.Count > 0
                ? DossierStatus.Open
                : DossierStatus.Closed;
            var write = new DossierWrite(fresh.Select(Stored).ToList(), status, due.Select(t => Definition(schoolId, t)).ToList(), entry);
            try
            {
                var result = await dossiers.WriteAsync(schoolId, student.Value, stored, write, cancellationToken).ConfigureAwait(false);
                _views.AddOrUpdate(result.Dossier, new BuiltView(studentFacts, after));
                return new RecordOutcome(after, due, result.Cancelled.Select(id => new TaskId(id)).ToList());
            }
            catch (DossierConflictException conflict) when (attempt < MaxAttempts)
            {
                // Someone else wrote first: decide again on the dossier as it is now.
                stored = conflict.Latest ?? await dossiers.LoadAsync(schoolId, student.Value, fresh: true, cancellationToken).ConfigureAwait(false);
            }
            catch (RosterEntryChangedException) when (attempt < MaxAttempts && roster is not null)
            {
                // The roster changed since the decision's read (e.g. while a dialog waited for "ja"): read it and decide again.
                entry = await roster.ReadEntryAsync(schoolId, student.Value, cancellationToken).ConfigureAwait(false) ?? throw new StudentLeftRosterException();
            }
        }
    }

    private async Task<RosterEntry?> EntryAsync(string schoolId, StudentId student, CancellationToken cancellationToken) =>
        roster is null ? null : await roster.FindEntryAsync(schoolId, student.Value, cancellationToken).ConfigureAwait(false);

    private DossierView View(StudentId student, Dossier stored, StudentFacts facts)
    {
        if (_views.TryGetValue(stored, out var built) && built.Facts == facts)
        {
            return built.View;
        }

        var view = DossierView.From(student, stored.Events.Select(e => DossierEventSerializer.Deserialize(e.Event.Payload.Json)), facts);
        _views.AddOrUpdate(stored, new BuiltView(facts, view));
        return view;
    }

    private static StoredEvent Stored(Domain.Dossier.DossierEvent fact)
    {
        var (type, json) = DossierEventSerializer.Serialize(fact);
        return new StoredEvent(fact.Id.Value, new StoredEnvelope(type, json), fact.RecordedAt);
    }

    private static DueTaskDefinition Definition(string schoolId, Domain.Rules.DueTask task) => new(
        task.Id.Value, schoolId, task.Student.Value, task.Kind.ToString(), task.Assignee.ToString(), task.DueAt,
        new StoredEnvelope(TaskPayloadType, JsonSerializer.Serialize(new { anchor = task.Anchor, detail = task.Detail })));

    private sealed record BuiltView(StudentFacts Facts, DossierView View);
}

/// <summary>The condition a fact was recorded under no longer holds: someone else's fact was stored first.</summary>
internal sealed class FactNoLongerAppliesException() : Exception("The dossier changed; the fact no longer applies.");

/// <summary>The student left the roster between reading and recording (e.g. while a dialog waited for its last answer).</summary>
internal sealed class StudentLeftRosterException() : Exception("The student is no longer on the roster.");

/// <summary>The dossier after the fact, the tasks now due or scheduled, and the ones cancelled by it.</summary>
internal sealed record RecordOutcome(DossierView Dossier, IReadOnlyList<Domain.Rules.DueTask> Scheduled, IReadOnlyList<TaskId> Cancelled);
