using VerzuimBot.Storage.Keys;
using VerzuimBot.Storage.Schools;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Scheduled tasks (reminders, deadlines) as the scheduler sees them. A task is one row in its student's range of the
/// school's partition (<see cref="TaskRows"/>); the dossier write that makes tasks due writes them with a due hint for the
/// student in the same transaction (<see cref="TaskHints"/>). The sweep reads the registry of schools, per school the
/// hints up to now, and per student hinted the task rows: its cost follows the schools and the students with something
/// due, not the dossiers stored. Every state change (claim, delivered, reschedule, cancel) rewrites the task row guarded
/// by the ETag it was listed with, so a claim succeeds exactly once; the changes of several tasks of one school go in one
/// transaction (up to 100 rows), tried one task at a time when one of them conflicts. Claims carry a lease: a crashed
/// instance's claim expires and the task is offered again.
/// </summary>
public sealed class TaskStore(ITableStoreFactory tables)
{
    private const int MaxAttempts = 10;
    private const int MaxActions = 100;

    /// <summary>Students whose tasks are read at once while listing what is due.</summary>
    private const int StudentsAtOnce = 16;
    private readonly SchoolTable _table = SchoolTable.For(tables);

    /// <summary>
    /// Creates the task, or updates its definition while it is pending or claimed; a delivered or cancelled task is never
    /// revived. The dossier write does this for the tasks the rules produce; this is the same for one task on its own.
    /// </summary>
    public async Task UpsertAsync(DueTaskDefinition definition, CancellationToken cancellationToken = default)
    {
        TaskRows.Validate(definition);
        await _table.EnsureRegisteredAsync(definition.SchoolId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await GetAsync(definition.SchoolId, definition.StudentId!, definition.TaskId, cancellationToken).ConfigureAwait(false);
            var others = existing is null ? [] : new[] { existing };
            var changes = TaskChanges.Plan(others, [definition], closing: false);
            if (changes.Actions.Count == 0)
            {
                return;
            }

            try
            {
                var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
                await table.SubmitTransactionAsync(changes.Actions, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException exception) when (attempt < MaxAttempts && exception.InnerException is EntityAlreadyExistsException or PreconditionFailedException or EntityNotFoundException)
            {
                // Someone else changed the task meanwhile: reread and apply again.
            }
        }
    }

    public async Task<DueTask?> GetAsync(string schoolId, string studentId, string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetAsync(SchoolRows.Partition(schoolId), SchoolRows.Task(studentId, taskId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : TaskRows.Read(row);
    }

    /// <summary>
    /// Tasks to act on at <paramref name="now"/>: pending ones due by then and claimed ones whose lease expired, of every
    /// registered school (<see cref="ListDueStudentsAsync"/>, then <see cref="DueTasksOfAsync"/> for each student), ordered
    /// by due time.
    /// </summary>
    public async Task<IReadOnlyList<DueTask>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var due = new System.Collections.Concurrent.ConcurrentBag<DueTask>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = StudentsAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(await ListDueStudentsAsync(now, cancellationToken).ConfigureAwait(false), parallel, async (student, ct) =>
        {
            foreach (var task in await DueTasksOfAsync(student, now, ct).ConfigureAwait(false))
            {
                due.Add(task);
            }
        }).ConfigureAwait(false);

        return due.OrderBy(t => t.Definition.DueAt).ThenBy(t => t.Definition.TaskId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The students that may have a task to act on at <paramref name="now"/>: one read of the registry of schools, then one
    /// range of due hints per school (<see cref="TaskHints"/>). A hint may be early: <see cref="DueTasksOfAsync"/> says.
    /// </summary>
    public async Task<IReadOnlyList<DueStudent>> ListDueStudentsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var schools = await _table.ListRegisteredAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await TaskHints.DueAsync(table, schools, now, cancellationToken).ConfigureAwait(false)).Select(h => new DueStudent(h))];
    }

    /// <summary>
    /// The student's tasks to act on at <paramref name="now"/>, from the dossier the store session already read (else one
    /// range read of the task rows). With none, the student's hints move on to the next moment a task will need the sweep.
    /// </summary>
    public async Task<IReadOnlyList<DueTask>> DueTasksOfAsync(DueStudent student, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(student);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var tasks = await TaskHints.TasksOfAsync(table, student.SchoolId, student.StudentId, cancellationToken).ConfigureAwait(false);
        var read = tasks.Select(TaskTiming.Of).ToList();
        student.Read = read;
        var actionable = tasks.Where(t => TaskRows.IsActionable(t, now)).OrderBy(t => t.Definition.DueAt).ThenBy(t => t.Definition.TaskId, StringComparer.Ordinal).ToList();
        if (actionable.Count == 0)
        {
            await TaskHints.MoveOnAsync(table, student.Hints, read, cancellationToken).ConfigureAwait(false);
        }

        return actionable;
    }

    /// <summary>
    /// After the sweep finished students' due tasks (per student, each task as it was written: delivered, cancelled or
    /// pending again later): a student none of whose tasks read is left to act on at <paramref name="now"/> has its hints
    /// moved on to the next moment a task will need the sweep, now rather than at the next sweep's look. The moves of one
    /// school go in one transaction (up to 100 rows).
    /// </summary>
    public async Task SettleAsync(IReadOnlyList<(DueStudent Student, IReadOnlyList<DueTask> Finished)> students, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(students);
        var moves = new List<(string Partition, List<TableTransactionAction> Actions)>();
        foreach (var (student, finished) in students.Where(s => s.Student.Read is not null))
        {
            var written = finished.ToDictionary(t => t.Definition.TaskId, TaskTiming.Of, StringComparer.Ordinal);
            var after = student.Read!.Select(t => written.GetValueOrDefault(t.TaskId, t)).ToList();
            if (!after.Any(t => t.IsActionableAt(now)))
            {
                moves.Add((SchoolRows.Partition(student.SchoolId), TaskHints.MoveOnActions(student.Hints, after)));
            }
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var school in moves.Where(m => m.Actions.Count > 0).GroupBy(m => m.Partition, StringComparer.Ordinal))
        {
            var batch = new List<TableTransactionAction>();
            foreach (var (_, actions) in school)
            {
                if (batch.Count + actions.Count > MaxActions)
                {
                    await TaskHints.SubmitAsync(table, batch, cancellationToken).ConfigureAwait(false);
                    batch = [];
                }

                batch.AddRange(actions);
            }

            await TaskHints.SubmitAsync(table, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Claims the task for <paramref name="instanceId"/> until now + <paramref name="lease"/>, guarded by the ETag it was
    /// listed or read with. Exactly one of several instances wins; the others get null.
    /// </summary>
    public async Task<TaskClaim?> TryClaimAsync(DueTask task, string instanceId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        (await TryClaimManyAsync([task], instanceId, now, lease, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Claims several tasks as <see cref="TryClaimAsync"/> does each, in one transaction per school partition (up to 50
    /// tasks: two rows each), every task guarded by the ETag it was listed with. When one of them was changed or taken
    /// meanwhile that transaction writes nothing, and its tasks are claimed one by one, so exactly the free ones are won.
    /// </summary>
    /// <returns>Per task, in order, its claim or null.</returns>
    public async Task<IReadOnlyList<TaskClaim?>> TryClaimManyAsync(IReadOnlyList<DueTask> tasks, string instanceId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var leaseUntil = now + lease;
        var changes = tasks.Select(task =>
        {
            ArgumentNullException.ThrowIfNull(task);
            if (!TaskRows.IsActionable(task, now))
            {
                return null;
            }

            // The student's hint stays where it is (at or before the task's due time, so before the lease ends).
            var claimed = task with { Status = DueTaskStatus.Claimed, ClaimedBy = instanceId, LeaseUntil = leaseUntil };
            return new TaskChange(task.Definition, [new(TableTransactionActionType.UpdateReplace, TaskRows.TaskRow(claimed), task.ETag)]);
        }).ToList();
        var written = await TrySubmitManyAsync(changes, cancellationToken).ConfigureAwait(false);
        return [.. tasks.Select((task, i) => written[i] is { } etags
            ? new TaskClaim(task with { Status = DueTaskStatus.Claimed, ClaimedBy = instanceId, LeaseUntil = leaseUntil, ETag = etags[0] }, instanceId, leaseUntil, etags[0])
            : null)];
    }

    /// <summary>Records a successful send. False when the claim was lost (lease expired and someone else claimed it, or the task was cancelled).</summary>
    public async Task<bool> MarkDeliveredAsync(TaskClaim claim, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await CompleteManyAsync([TaskCompletion.Delivered(claim, now)], cancellationToken).ConfigureAwait(false))[0] is not null;

    /// <summary>After a failed send: pending again at <paramref name="retryAt"/>, one attempt more. False when the claim was lost.</summary>
    public async Task<bool> RescheduleAsync(TaskClaim claim, DateTimeOffset retryAt, CancellationToken cancellationToken = default) =>
        (await CompleteManyAsync([TaskCompletion.RetryAt(claim, retryAt)], cancellationToken).ConfigureAwait(false))[0] is not null;

    /// <summary>
    /// Records what became of several claimed tasks (delivered, or pending again later), as <see cref="MarkDeliveredAsync"/>
    /// and <see cref="RescheduleAsync"/> do each, in one transaction per school partition of up to 100 rows; when one claim
    /// was lost meanwhile, that transaction writes nothing and its tasks are recorded one by one.
    /// </summary>
    /// <returns>Per completion, in order: the task as it is now stored (with its new ETag), or null when its claim was lost.</returns>
    public async Task<IReadOnlyList<DueTask?>> CompleteManyAsync(IReadOnlyList<TaskCompletion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        var outcomes = completions.Select(c => Outcome(c ?? throw new ArgumentNullException(nameof(completions), "A completion is null."))).ToList();
        var changes = completions.Select((c, i) => new TaskChange(c.Claim.Task.Definition, CompletionActions(c, outcomes[i]))).ToList();
        var written = await TrySubmitManyAsync(changes, cancellationToken).ConfigureAwait(false);
        return [.. outcomes.Select((task, i) => written[i] is { } etags ? task with { ETag = etags[0] } : null)];
    }

    /// <summary>Cancels a claimed task (the sweep found it no longer applies). False when the claim was lost.</summary>
    public Task<bool> CancelAsync(TaskClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return FinishAsync(claim, TaskRows.TaskRow(claim.Task with { Status = DueTaskStatus.Cancelled, ClaimedBy = null, LeaseUntil = null }), cancellationToken);
    }

    /// <summary>Cancels a task that was not delivered yet. False when it does not exist or was already delivered.</summary>
    public async Task<bool> CancelAsync(string schoolId, string studentId, string taskId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var task = await GetAsync(schoolId, studentId, taskId, cancellationToken).ConfigureAwait(false);
            if (task is null || task.Status == DueTaskStatus.Delivered)
            {
                return false;
            }

            if (task.Status == DueTaskStatus.Cancelled)
            {
                return true;
            }

            var changes = TaskChanges.Plan([task], [], closing: false);
            try
            {
                var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
                await table.SubmitTransactionAsync(changes.Actions, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TableTransactionFailedException exception) when (exception.InnerException is PreconditionFailedException or EntityNotFoundException)
            {
                // Changed meanwhile (claimed, delivered): look again.
            }
        }

        throw new PreconditionFailedException("The task kept changing while it was being cancelled.");
    }

    private async Task<bool> FinishAsync(TaskClaim claim, TableEntity taskRow, CancellationToken cancellationToken) =>
        await TrySubmitAsync(FinishActions(claim, taskRow), cancellationToken).ConfigureAwait(false) is not null;

    private static List<TableTransactionAction> FinishActions(TaskClaim claim, TableEntity taskRow) =>
        [new(TableTransactionActionType.UpdateReplace, taskRow, claim.ETag)];

    /// <summary>The claimed task as a completion leaves it: delivered, or pending again at the retry time with one attempt more.</summary>
    private static DueTask Outcome(TaskCompletion completion)
    {
        var task = completion.Claim.Task;
        return completion.IsDelivered
            ? task with { Status = DueTaskStatus.Delivered, Attempts = task.Attempts + 1, LeaseUntil = null }
            : task with
            {
                Definition = task.Definition with { DueAt = completion.At },
                Status = DueTaskStatus.Pending,
                Attempts = task.Attempts + 1,
                ClaimedBy = null,
                LeaseUntil = null,
            };
    }

    /// <summary>
    /// The rows of a completion, guarded by the claim's ETag. A task pending again gets a hint at its retry time: the lease
    /// the student's hints were moved on to may end later.
    /// </summary>
    private static List<TableTransactionAction> CompletionActions(TaskCompletion completion, DueTask outcome)
    {
        var row = TaskRows.TaskRow(outcome);
        if (completion.IsDelivered)
        {
            row["DeliveredAt"] = completion.At;
            return FinishActions(completion.Claim, row);
        }

        return [.. FinishActions(completion.Claim, row), new(TableTransactionActionType.UpsertReplace, TaskRows.HintRow(outcome.Definition, completion.At))];
    }

    /// <summary>
    /// Submits each task's change (null: nothing to do), those of one partition together, at most 100 rows per transaction.
    /// A transaction that fails because one guarded row changed or is gone wrote nothing: its changes are then tried one by
    /// one, so each succeeds exactly when it would have on its own.
    /// </summary>
    /// <returns>Per change, in order, the new ETags of its rows, or null when it was not written.</returns>
    private async Task<IReadOnlyList<string>?[]> TrySubmitManyAsync(IReadOnlyList<TaskChange?> changes, CancellationToken cancellationToken)
    {
        var written = new IReadOnlyList<string>?[changes.Count];
        // A row may appear only once in a transaction: a task listed again (or a second reschedule of a student to the same
        // moment, the same hint) goes on its own, after the first.
        var keys = new HashSet<(string, string)>();
        var again = Enumerable.Range(0, changes.Count)
            .Where(i => changes[i] is { } change && !AddAll(change.Actions))
            .ToList();

        // Every row of the change is noted, also after one was seen already; false when any was.
        bool AddAll(IEnumerable<TableTransactionAction> actions) =>
            actions.Aggregate(true, (fresh, a) => keys.Add((a.Entity.PartitionKey, a.Entity.RowKey)) && fresh);

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var batch in Batches(changes, again).Concat(again.Select(i => new List<int> { i })))
        {
            if (batch.Count == 1)
            {
                written[batch[0]] = await TrySubmitAsync(changes[batch[0]]!.Actions, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                var etags = await table.SubmitTransactionAsync([.. batch.SelectMany(i => changes[i]!.Actions)], cancellationToken).ConfigureAwait(false);
                var offset = 0;
                foreach (var i in batch)
                {
                    written[i] = etags.Skip(offset).Take(changes[i]!.Actions.Count).ToList();
                    offset += changes[i]!.Actions.Count;
                }
            }
            catch (TableTransactionFailedException exception) when (exception.InnerException is PreconditionFailedException or EntityNotFoundException)
            {
                // Another instance (or a dossier write) got to one of them first: find out which, each on its own.
                foreach (var i in batch)
                {
                    written[i] = await TrySubmitAsync(changes[i]!.Actions, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return written;
    }

    /// <summary>Indexes of the changes to write (but <paramref name="leftOut"/>), per partition in their order, chunked to at most 100 rows per transaction.</summary>
    private static IEnumerable<List<int>> Batches(IReadOnlyList<TaskChange?> changes, IReadOnlyCollection<int> leftOut)
    {
        foreach (var partition in Enumerable.Range(0, changes.Count).Where(i => changes[i] is not null && !leftOut.Contains(i)).GroupBy(i => TaskRows.Partition(changes[i]!.Definition), StringComparer.Ordinal))
        {
            var batch = new List<int>();
            var rows = 0;
            foreach (var i in partition)
            {
                var size = changes[i]!.Actions.Count;
                if (batch.Count > 0 && rows + size > MaxActions)
                {
                    yield return batch;
                    (batch, rows) = ([], 0);
                }

                batch.Add(i);
                rows += size;
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }

    /// <summary>The new ETags, or null when the guarded row changed or is gone (someone else acted first).</summary>
    private async Task<IReadOnlyList<string>?> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exception) when (exception.InnerException is PreconditionFailedException or EntityNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The rows one task's state change writes, all in its school's partition.</summary>
    private sealed record TaskChange(DueTaskDefinition Definition, IReadOnlyList<TableTransactionAction> Actions);
}
