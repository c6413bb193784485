using VerzuimBot.Storage.Keys;
using VerzuimBot.Storage.Schools;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Scheduled tasks (reminders, deadlines) as the scheduler sees them. A task lives in its school's partition as a task
/// row in the student's range and, while unfinished, a due row ordered by due time (<see cref="TaskRows"/>); the dossier
/// write that makes a task due writes both in its own transaction, so the due row is never missing and never stale. The
/// sweep reads the registry of schools and, per school, the due rows up to now: its cost follows the schools and the
/// tasks due, not the dossiers stored. Every state change (claim, delivered, reschedule, cancel) writes both rows guarded
/// by the ETag the task was listed with, so a claim succeeds exactly once; the changes of several tasks of one school go
/// in one transaction (up to 100 rows), tried one task at a time when one of them conflicts. Claims carry a lease: a
/// crashed instance's claim expires and the task is offered again.
/// </summary>
public sealed class TaskStore(ITableStoreFactory tables)
{
    private const int MaxAttempts = 10;
    private const int MaxActions = 100;
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
                await SubmitAsync(changes, cancellationToken).ConfigureAwait(false);
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
        return row is null ? null : TaskRows.Read(row, fromDueRow: false);
    }

    /// <summary>
    /// Tasks to act on at <paramref name="now"/>: pending ones due by then and claimed ones whose lease expired, of every
    /// registered school (one read of the registry, then one range of due rows per school). Ordered by due time.
    /// </summary>
    public async Task<IReadOnlyList<DueTask>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<DueTask>();
        foreach (var school in await _table.ListRegisteredAsync(cancellationToken).ConfigureAwait(false))
        {
            var prefix = SchoolRows.DueTag + KeyEncoder.Separator;
            var filter = TableFilter.PartitionKeyEquals(SchoolRows.Partition(school))
                .And(TableFilter.GreaterThanOrEqual(TableEntity.RowKeyName, prefix))
                .And(TableFilter.LessThan(TableEntity.RowKeyName, SchoolRows.DueAfter(now)));
            await foreach (var row in table.QueryAsync(new TableQuery(filter), cancellationToken).ConfigureAwait(false))
            {
                var task = TaskRows.Read(row, fromDueRow: true);
                var actionable = task.Status == DueTaskStatus.Pending
                    ? task.Definition.DueAt <= now
                    : task.Status == DueTaskStatus.Claimed && (task.LeaseUntil is null || task.LeaseUntil <= now);
                if (actionable)
                {
                    due.Add(task);
                }
            }
        }

        return due.OrderBy(t => t.Definition.DueAt).ThenBy(t => t.Definition.TaskId, StringComparer.Ordinal).ToList();
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
            var claimable = task.Status == DueTaskStatus.Pending
                ? task.Definition.DueAt <= now
                : task.Status == DueTaskStatus.Claimed && (task.LeaseUntil is null || task.LeaseUntil <= now);
            if (!claimable)
            {
                return null;
            }

            var claimed = task with { Status = DueTaskStatus.Claimed, ClaimedBy = instanceId, LeaseUntil = leaseUntil };
            return new TaskChange(task.Definition,
            [
                new(TableTransactionActionType.UpdateReplace, TaskRows.DueRow(claimed), task.FromDueRow ? task.ETag : "*"),
                new(TableTransactionActionType.UpdateReplace, TaskRows.TaskRow(claimed), task.FromDueRow ? "*" : task.ETag),
            ]);
        }).ToList();
        var written = await TrySubmitManyAsync(changes, cancellationToken).ConfigureAwait(false);
        return [.. tasks.Select((task, i) => written[i] is { } etags
            ? new TaskClaim(task with { Status = DueTaskStatus.Claimed, ClaimedBy = instanceId, LeaseUntil = leaseUntil, ETag = etags[0], FromDueRow = true }, instanceId, leaseUntil, etags[0])
            : null)];
    }

    /// <summary>Records a successful send. False when the claim was lost (lease expired and someone else claimed it, or the task was cancelled).</summary>
    public async Task<bool> MarkDeliveredAsync(TaskClaim claim, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await CompleteManyAsync([TaskCompletion.Delivered(claim, now)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>After a failed send: pending again at <paramref name="retryAt"/>, one attempt more. False when the claim was lost.</summary>
    public async Task<bool> RescheduleAsync(TaskClaim claim, DateTimeOffset retryAt, CancellationToken cancellationToken = default) =>
        (await CompleteManyAsync([TaskCompletion.RetryAt(claim, retryAt)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Records what became of several claimed tasks (delivered, or pending again later), as <see cref="MarkDeliveredAsync"/>
    /// and <see cref="RescheduleAsync"/> do each, in one transaction per school partition of up to 100 rows; when one claim
    /// was lost meanwhile, that transaction writes nothing and its tasks are recorded one by one.
    /// </summary>
    /// <returns>Per completion, in order: false when its claim was lost.</returns>
    public async Task<IReadOnlyList<bool>> CompleteManyAsync(IReadOnlyList<TaskCompletion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        var changes = completions.Select(completion =>
        {
            ArgumentNullException.ThrowIfNull(completion);
            var claim = completion.Claim;
            return new TaskChange(claim.Task.Definition, completion.IsDelivered ? DeliveredActions(claim, completion.At) : RescheduleActions(claim, completion.At));
        }).ToList();
        var written = await TrySubmitManyAsync(changes, cancellationToken).ConfigureAwait(false);
        return [.. written.Select(etags => etags is not null)];
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
                await SubmitAsync(changes, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TableTransactionFailedException exception) when (exception.InnerException is PreconditionFailedException or EntityNotFoundException)
            {
                // Changed meanwhile (claimed, delivered): look again.
            }
        }

        throw new PreconditionFailedException("The task kept changing while it was being cancelled.");
    }

    /// <summary>Submits a plan; a due row that is already gone is left out rather than failing the whole change.</summary>
    internal static async Task<IReadOnlyList<string>> SubmitAsync(ITableStore table, List<TableTransactionAction> actions, HashSet<int> optionalDeletes, Action<int> drop, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException exception) when (exception.InnerException is EntityNotFoundException && optionalDeletes.Contains(exception.FailedActionIndex))
            {
                drop(exception.FailedActionIndex);
                if (actions.Count == 0)
                {
                    return [];
                }
            }
        }
    }

    private async Task SubmitAsync(TaskChanges changes, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await SubmitAsync(table, changes.Actions, changes.OptionalDeletes, changes.Drop, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> FinishAsync(TaskClaim claim, TableEntity taskRow, CancellationToken cancellationToken) =>
        await TrySubmitAsync(FinishActions(claim, taskRow), cancellationToken).ConfigureAwait(false) is not null;

    private static List<TableTransactionAction> FinishActions(TaskClaim claim, TableEntity taskRow) =>
    [
        new(TableTransactionActionType.Delete, DueRowKey(claim.Task.Definition), claim.ETag),
        new(TableTransactionActionType.UpdateReplace, taskRow, "*"),
    ];

    private static List<TableTransactionAction> DeliveredActions(TaskClaim claim, DateTimeOffset now)
    {
        var delivered = TaskRows.TaskRow(claim.Task with { Status = DueTaskStatus.Delivered, Attempts = claim.Task.Attempts + 1, LeaseUntil = null });
        delivered["DeliveredAt"] = now;
        return FinishActions(claim, delivered);
    }

    private static List<TableTransactionAction> RescheduleActions(TaskClaim claim, DateTimeOffset retryAt)
    {
        var moved = claim.Task with
        {
            Definition = claim.Task.Definition with { DueAt = retryAt },
            Status = DueTaskStatus.Pending,
            Attempts = claim.Task.Attempts + 1,
            ClaimedBy = null,
            LeaseUntil = null,
        };
        return TaskRows.DueKey(claim.Task.Definition) == TaskRows.DueKey(moved.Definition)
            ?
            [
                new(TableTransactionActionType.UpdateReplace, TaskRows.DueRow(moved), claim.ETag),
                new(TableTransactionActionType.UpdateReplace, TaskRows.TaskRow(moved), "*"),
            ]
            :
            [
                new(TableTransactionActionType.Delete, DueRowKey(claim.Task.Definition), claim.ETag),
                new(TableTransactionActionType.UpsertReplace, TaskRows.DueRow(moved)),
                new(TableTransactionActionType.UpdateReplace, TaskRows.TaskRow(moved), "*"),
            ];
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
        // A row may appear only once in a transaction: a task listed again goes on its own, after the first.
        var keys = new HashSet<(string, string)>();
        var again = Enumerable.Range(0, changes.Count)
            .Where(i => changes[i] is { } change && !keys.Add((TaskRows.Partition(change.Definition), TaskRows.TaskKey(change.Definition))))
            .ToList();
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

    private static TableEntity DueRowKey(DueTaskDefinition definition) => new(TaskRows.Partition(definition), TaskRows.DueKey(definition));

    /// <summary>The rows one task's state change writes, all in its school's partition.</summary>
    private sealed record TaskChange(DueTaskDefinition Definition, IReadOnlyList<TableTransactionAction> Actions);
}
