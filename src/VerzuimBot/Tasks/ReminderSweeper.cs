using System.Collections.Concurrent;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Telemetry;

namespace VerzuimBot.Tasks;

/// <summary>
/// One pass over the due tasks: each is checked against the dossier as it is now (a task the rules no longer produce is
/// cancelled, not sent), sent to whoever holds the role (per person one card, or one morning overview: see
/// <see cref="MorningDelivery"/>), claimed just before (exactly one instance wins) and marked delivered after; a person's
/// tasks are claimed and marked together (one store transaction per school, not one per task). A failed
/// send is put back for later, never dropped; a task nobody can receive yet waits for the next school day. Up to
/// <see cref="ReminderOptions.Parallelism"/> people are sent to at once (the 08:30 storm is bound by Teams' rate, not by
/// one send after another).
/// </summary>
internal sealed class ReminderSweeper(
    TaskStore tasks, StudentDirectory students, DossierService dossiers, SchoolProtocols protocols, TaskRecipients recipients,
    MorningDelivery delivery, ReminderOptions options, TimeProvider time, ILogger<ReminderSweeper> logger)
{
    private readonly string _instance = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>The tasks this sweep finished, per student, as written (one sweep at a time uses it).</summary>
    private readonly ConcurrentDictionary<(string School, string Student), ConcurrentBag<DueTask>> _finished = new();

    /// <returns>How many tasks were delivered in this pass.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var span = BotTelemetry.StartJob("reminder-sweep");
        try
        {
            var now = time.GetUtcNow();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken };
            var due = await tasks.ListDueStudentsAsync(now, cancellationToken).ConfigureAwait(false);
            var ready = new ConcurrentBag<ReadyTask>();
            // A student's tasks due together are checked together: their roster entry and dossier are read once.
            await Parallel.ForEachAsync(due, parallel, async (student, ct) =>
            {
                foreach (var prepared in await PrepareAsync(student, now, ct).ConfigureAwait(false))
                {
                    ready.Add(prepared);
                }
            }).ConfigureAwait(false);

            // Sent per person, not per task: one card or one morning overview each (issue 21 item 3). A person's tasks are
            // claimed together just before their card goes out, so at most Parallelism people's tasks are in flight at once.
            var delivered = await delivery.SendAsync([.. ready], now, parallel, (batch, ct) => ClaimAsync(batch, now, ct), (sent, ct) => FinishAsync(sent, now, ct)).ConfigureAwait(false);

            // The students whose due tasks are all finished now: their hints move on to their next task, so the next sweep
            // does not look at them again first.
            try
            {
                await tasks.SettleAsync([.. due.Select(s => (s, (IReadOnlyList<Storage.DueTask>)(_finished.TryGetValue((s.SchoolId, s.StudentId), out var done) ? [.. done] : [])))], now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StoreErrors.IsStoreFailure(ex, out _))
            {
                // Nothing is lost: the hints stay where they were, and the next sweep looks at those students again.
                logger.LogWarning("Moving the due hints on after the sweep failed ({Error}); the next sweep looks again", ex.GetType().Name);
            }
            span?.SetTag(BotTelemetry.Tags.Count, delivered);
            return delivered;
        }
        finally
        {
            _finished.Clear();
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Finds the student's tasks to act on, checks them against the dossier as it is now and finds who receives each; those
    /// that no longer apply are cancelled.
    /// </summary>
    private async Task<List<ReadyTask>> PrepareAsync(DueStudent due, DateTimeOffset sweepStart, CancellationToken cancellationToken)
    {
        // One unit of work per student, as per turn: the student's roster entry and dossier are read once (the tasks come
        // with the dossier), and who holds a role for them is looked up once per role.
        using var session = StoreSession.Begin();
        if (await students.GetAsync(due.SchoolId, due.StudentId, cancellationToken).ConfigureAwait(false) is { } onRoster)
        {
            await dossiers.ReadAsync(due.SchoolId, onRoster.Id, cancellationToken).ConfigureAwait(false);
        }

        var stored = await tasks.DueTasksOfAsync(due, sweepStart, cancellationToken).ConfigureAwait(false);
        BotTelemetry.RemindersDue.Add(stored.Count);
        var ready = new List<ReadyTask>();
        var people = new Dictionary<Role, IReadOnlyList<Recipient>>();
        foreach (var task in stored)
        {
            if (await CheckAsync(task, sweepStart, people, cancellationToken).ConfigureAwait(false) is { } checkedTask)
            {
                ready.Add(checkedTask);
            }
        }

        await session.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ready;
    }

    private async Task<ReadyTask?> CheckAsync(DueTask stored, DateTimeOffset sweepStart, Dictionary<Role, IReadOnlyList<Recipient>> peopleOfStudent, CancellationToken cancellationToken)
    {
        var now = Max(time.GetUtcNow(), sweepStart);
        var definition = stored.Definition;
        var protocol = protocols.For(definition.SchoolId);
        var student = definition.StudentId is { } id ? await students.GetAsync(definition.SchoolId, id, cancellationToken).ConfigureAwait(false) : null;
        if (student is null)
        {
            logger.LogWarning("Task {TaskId} cancelled: the student is no longer on the roster", definition.TaskId);
            await CancelAsync(stored, now, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var dossier = await dossiers.ReadAsync(definition.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
        var current = protocol.Engine.Evaluate(dossier, now).FirstOrDefault(t => t.Id.Value == definition.TaskId);
        if (current is null)
        {
            // The dossier moved on (answered, beter gemeld, hersteld): nothing to remind of.
            logger.LogInformation("Task {TaskId} ({Kind}) no longer applies; cancelled", definition.TaskId, definition.Kind);
            await CancelAsync(stored, now, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (!peopleOfStudent.TryGetValue(current.Assignee, out var people))
        {
            people = await recipients.ForAsync(current.Assignee, student.SchoolId, student.Id.Value, student.Details, cancellationToken).ConfigureAwait(false);
            peopleOfStudent[current.Assignee] = people;
        }

        return new ReadyTask(stored, current, student, dossier, protocol, people);
    }

    /// <summary>Cancels a task that no longer applies, under a claim so that an instance sending it right now keeps it.</summary>
    private async Task CancelAsync(DueTask stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await tasks.TryClaimAsync(stored, _instance, now, TimeSpan.FromSeconds(options.LeaseSeconds), cancellationToken).ConfigureAwait(false) is { } claim
            && await tasks.CancelAsync(claim, cancellationToken).ConfigureAwait(false))
        {
            Finished(stored with { Status = DueTaskStatus.Cancelled });
        }
    }

    /// <summary>Exactly one instance wins a task; the lease counts from the claim, not from the start of a sweep that may have run for minutes.</summary>
    private Task<IReadOnlyList<TaskClaim?>> ClaimAsync(IReadOnlyList<ReadyTask> ready, DateTimeOffset sweepStart, CancellationToken cancellationToken) =>
        tasks.TryClaimManyAsync([.. ready.Select(r => r.Stored)], _instance, Max(time.GetUtcNow(), sweepStart), TimeSpan.FromSeconds(options.LeaseSeconds), cancellationToken);

    /// <summary>Marks sent tasks delivered; one nobody could receive waits for the next school day, a failed send backs off.</summary>
    /// <returns>How many were marked delivered (a claim lost meanwhile is not).</returns>
    private async Task<int> FinishAsync(IReadOnlyList<SentTask> sent, DateTimeOffset sweepStart, CancellationToken cancellationToken)
    {
        var now = Max(time.GetUtcNow(), sweepStart);
        var completions = sent.Select(s => Completion(s, now)).ToList();
        var written = await tasks.CompleteManyAsync(completions, cancellationToken).ConfigureAwait(false);
        foreach (var task in written.OfType<DueTask>())
        {
            Finished(task);
        }

        BotTelemetry.RemindersRetried.Add(completions.Count(c => !c.IsDelivered));
        return written.Count(t => t?.Status == DueTaskStatus.Delivered);
    }

    private TaskCompletion Completion(SentTask sent, DateTimeOffset now)
    {
        var (current, protocol, claim) = (sent.Task.Task, sent.Task.Protocol, sent.Claim);
        var definition = claim.Task.Definition;
        if (sent.Outcome.Failure is { } ex)
        {
            // Teams throttled or failed: back off (1, 2, 4 … 60 minutes) and try again; never drop the reminder.
            var backoff = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(claim.Task.Attempts, 6))));
            logger.LogWarning("Sending task {TaskId} failed (status {Status}); retry in {Backoff}", definition.TaskId, ex.Status, backoff);
            BotTelemetry.RemindersFailed.Add(1);
            return TaskCompletion.RetryAt(claim, now + backoff);
        }

        if (sent.Outcome.Reached == 0)
        {
            var next = SchoolClock.At(protocol.Calendar.AddSchoolDays(SchoolClock.LocalDate(now), 1), protocol.Profile.ReminderTime);
            logger.LogWarning("Task {TaskId} ({Kind}) has no reachable {Role}; tried again on {Next}", definition.TaskId, definition.Kind, current.Assignee, next);
            return TaskCompletion.RetryAt(claim, next);
        }

        BotTelemetry.RemindersSent.Add(1);
        return TaskCompletion.Delivered(claim, time.GetUtcNow());
    }

    private void Finished(DueTask task) =>
        _finished.GetOrAdd((task.Definition.SchoolId, task.Definition.StudentId ?? string.Empty), _ => []).Add(task);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
