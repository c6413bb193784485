using VerzuimBot.Connector.Client;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Staff;
using VerzuimBot.Storage;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Telemetry;

namespace VerzuimBot.Tasks;

/// <summary>
/// One pass over the due tasks: each is claimed (exactly one instance wins), checked against the
/// dossier as it is now (a task the rules no longer produce is cancelled, not sent), sent to whoever
/// holds the role, and marked delivered. A failed send is put back for later, never dropped; a task
/// nobody can receive yet waits for the next school day. Up to <see cref="ReminderOptions.Parallelism"/>
/// tasks are in flight at once (the 08:30 storm is bound by Teams' rate, not by one send after another);
/// each is still claimed before it is sent.
/// </summary>
internal sealed class ReminderSweeper(
    TaskStore tasks, StudentDirectory students, DossierService dossiers, SchoolProtocols protocols, TaskRecipients recipients,
    StaffMessenger messenger, TaskCards cards, ReminderOptions options, TimeProvider time, ILogger<ReminderSweeper> logger)
{
    private readonly string _instance = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <returns>How many tasks were delivered in this pass.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var span = BotTelemetry.StartJob("reminder-sweep");
        try
        {
            var now = time.GetUtcNow();
            var delivered = 0;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken };
            var due = await tasks.ListDueAsync(now, cancellationToken).ConfigureAwait(false);
            BotTelemetry.RemindersDue.Add(due.Count);
            await Parallel.ForEachAsync(due, parallel, async (task, ct) =>
            {
                if (await DeliverAsync(task, now, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref delivered);
                }
            }).ConfigureAwait(false);

            span?.SetTag(BotTelemetry.Tags.Count, delivered);
            return delivered;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<bool> DeliverAsync(DueTask stored, DateTimeOffset sweepStart, CancellationToken cancellationToken)
    {
        // One unit of work per reminder, as per turn: the student's roster entry and dossier are read once.
        using var session = StoreSession.Begin();
        var delivered = await ClaimAndDeliverAsync(stored, sweepStart, cancellationToken).ConfigureAwait(false);
        await session.FlushAsync(cancellationToken).ConfigureAwait(false);
        return delivered;
    }

    private async Task<bool> ClaimAndDeliverAsync(DueTask stored, DateTimeOffset sweepStart, CancellationToken cancellationToken)
    {
        // The lease counts from the claim, not from the start of a sweep that may have run for minutes.
        var now = Max(time.GetUtcNow(), sweepStart);
        var claim = await tasks.TryClaimAsync(stored, _instance, now, TimeSpan.FromSeconds(options.LeaseSeconds), cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return false;
        }

        var definition = claim.Task.Definition;
        var protocol = protocols.For(definition.SchoolId);
        try
        {
            var student = definition.StudentId is { } id ? await students.GetAsync(definition.SchoolId, id, cancellationToken).ConfigureAwait(false) : null;
            if (student is null)
            {
                logger.LogWarning("Task {TaskId} cancelled: the student is no longer on the roster", definition.TaskId);
                await tasks.CancelAsync(claim, cancellationToken).ConfigureAwait(false);
                return false;
            }

            var dossier = await dossiers.ReadAsync(definition.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
            var current = protocol.Engine.Evaluate(dossier, now).FirstOrDefault(t => t.Id.Value == definition.TaskId);
            if (current is null)
            {
                // The dossier moved on (answered, beter gemeld, hersteld): nothing to remind of.
                logger.LogInformation("Task {TaskId} ({Kind}) no longer applies; cancelled", definition.TaskId, definition.Kind);
                await tasks.CancelAsync(claim, cancellationToken).ConfigureAwait(false);
                return false;
            }

            var people = await recipients.ForAsync(current.Assignee, student.SchoolId, student.Id.Value, student.Details, cancellationToken).ConfigureAwait(false);
            var reached = await messenger.SendAsync(people, cards.For(current, student, dossier, protocol, now), cancellationToken).ConfigureAwait(false);
            if (reached == 0)
            {
                var next = SchoolClock.At(protocol.Calendar.AddSchoolDays(SchoolClock.LocalDate(now), 1), protocol.Profile.ReminderTime);
                logger.LogWarning("Task {TaskId} ({Kind}) has no reachable {Role}; tried again on {Next}", definition.TaskId, definition.Kind, current.Assignee, next);
                await tasks.RescheduleAsync(claim, next, cancellationToken).ConfigureAwait(false);
                BotTelemetry.RemindersRetried.Add(1);
                return false;
            }

            BotTelemetry.RemindersSent.Add(1);
            return await tasks.MarkDeliveredAsync(claim, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            // Teams throttled or failed: back off (1, 2, 4 … 60 minutes) and try again; never drop the reminder.
            var backoff = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(claim.Task.Attempts, 6))));
            logger.LogWarning("Sending task {TaskId} failed (status {Status}); retry in {Backoff}", definition.TaskId, ex.Status, backoff);
            BotTelemetry.RemindersFailed.Add(1);
            await tasks.RescheduleAsync(claim, now + backoff, cancellationToken).ConfigureAwait(false);
            BotTelemetry.RemindersRetried.Add(1);
            return false;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
