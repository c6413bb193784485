using System.Globalization;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Scheduled tasks (reminders, deadlines) and an index by due date, so the scheduler never scans
/// dossiers. The task row (DueTasks, PartitionKey = task id) is the truth and every state change
/// is an ETag-conditional update of it; the index (DueTaskIndex, PartitionKey = school-local due
/// date, RowKey = due ticks + task id) is a hint, written before the task row points at it and
/// cleaned up lazily, so a task is never missing from the index while it is due.
/// Claims carry a lease: a crashed instance's claim expires and the task is offered again.
/// </summary>
public sealed class TaskStore(ITableStoreFactory tables, TaskStoreOptions? options = null)
{
    private const string TaskRow = "task";
    private const int MaxAttempts = 10;
    private readonly TaskStoreOptions _options = options ?? new TaskStoreOptions();
    private readonly TableHandle _tasks = new(tables, TableNames.DueTasks);
    private readonly TableHandle _index = new(tables, TableNames.DueTaskIndex);

    /// <summary>
    /// Creates the task, or updates its definition when it is still pending or claimed. Replaying
    /// the same task id is harmless; a delivered or cancelled task is never revived.
    /// </summary>
    public async Task UpsertAsync(DueTaskDefinition definition, CancellationToken cancellationToken = default)
    {
        Validate(definition);
        var tasks = await _tasks.GetAsync(cancellationToken).ConfigureAwait(false);
        var index = await _index.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await GetAsync(definition.TaskId, cancellationToken).ConfigureAwait(false);
            if (existing is { Status: DueTaskStatus.Delivered or DueTaskStatus.Cancelled } || existing?.Definition == definition)
            {
                // Finished tasks are never revived; an unchanged definition needs no write.
                return;
            }

            await index.UpsertAsync(IndexEntity(definition), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            try
            {
                if (existing is null)
                {
                    await tasks.AddAsync(TaskEntity(definition, DueTaskStatus.Pending, 0, null, null), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var updated = TaskEntity(definition, existing.Status, existing.Attempts, existing.ClaimedBy, existing.LeaseUntil);
                    await tasks.UpdateAsync(updated, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    await RemoveStaleIndexAsync(index, existing.Definition, definition.DueAt, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (TableStoreException exception) when (attempt < MaxAttempts && exception is EntityAlreadyExistsException or PreconditionFailedException or EntityNotFoundException)
            {
                // Someone else changed the task meanwhile: reread and apply again.
            }
        }
    }

    public async Task<DueTask?> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        var tasks = await _tasks.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await tasks.GetAsync(KeyEncoder.Encode(taskId), TaskRow, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToTask(row);
    }

    /// <summary>
    /// Tasks to act on at <paramref name="now"/>: pending ones due by then and claimed ones whose
    /// lease expired, from the due-date partitions of the last <see cref="TaskStoreOptions.SweepDays"/>
    /// days up to today. Ordered by due time.
    /// </summary>
    public async Task<IReadOnlyList<DueTask>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var index = await _index.GetAsync(cancellationToken).ConfigureAwait(false);
        var today = LocalDate(now);
        var upperRowKey = (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        var due = new List<DueTask>();
        for (var day = today.AddDays(-_options.SweepDays); day <= today; day = day.AddDays(1))
        {
            var filter = TableFilter.PartitionKeyEquals(DayKey(day)).And(TableFilter.LessThan(TableEntity.RowKeyName, upperRowKey));
            await foreach (var entry in index.QueryAsync(new TableQuery(filter), cancellationToken).ConfigureAwait(false))
            {
                var task = await GetAsync(entry.Required("TaskId"), cancellationToken).ConfigureAwait(false);
                if (task is { Status: DueTaskStatus.Delivered or DueTaskStatus.Cancelled })
                {
                    // A leftover hint of a finished task.
                    await index.DeleteAsync(entry.PartitionKey, entry.RowKey, entry.ETag ?? "*", cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (task is null || IndexKey(task.Definition) != (entry.PartitionKey, entry.RowKey))
                {
                    // No task row yet, or one that points elsewhere: the hint is written before the row, so this may be
                    // a task being created or moved right now. Deleting it would lose that task; the writer removes the
                    // old hint of a moved task itself, and a hint whose row never came ages out of the sweep window.
                    continue;
                }

                var actionable = task.Status == DueTaskStatus.Pending
                    ? task.Definition.DueAt <= now
                    : task.LeaseUntil is null || task.LeaseUntil <= now;
                if (actionable)
                {
                    due.Add(task);
                }
            }
        }

        return due.OrderBy(t => t.Definition.DueAt).ThenBy(t => t.Definition.TaskId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Claims the task for <paramref name="instanceId"/> until now + <paramref name="lease"/>, with
    /// an ETag-conditional update of the row as it was listed. Exactly one of several instances wins;
    /// the others get null.
    /// </summary>
    public async Task<TaskClaim?> TryClaimAsync(DueTask task, string instanceId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var claimable = task.Status == DueTaskStatus.Pending
            ? task.Definition.DueAt <= now
            : task.Status == DueTaskStatus.Claimed && (task.LeaseUntil is null || task.LeaseUntil <= now);
        if (!claimable)
        {
            return null;
        }

        var leaseUntil = now + lease;
        var tasks = await _tasks.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var etag = await tasks.UpdateAsync(TaskEntity(task.Definition, DueTaskStatus.Claimed, task.Attempts, instanceId, leaseUntil), task.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            var claimed = task with { Status = DueTaskStatus.Claimed, ClaimedBy = instanceId, LeaseUntil = leaseUntil, ETag = etag };
            return new TaskClaim(claimed, instanceId, leaseUntil, etag);
        }
        catch (TableStoreException exception) when (exception is PreconditionFailedException or EntityNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Records a successful send. False when the claim was lost (lease expired and someone else claimed it).</summary>
    public async Task<bool> MarkDeliveredAsync(TaskClaim claim, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var tasks = await _tasks.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = TaskEntity(claim.Task.Definition, DueTaskStatus.Delivered, claim.Task.Attempts + 1, claim.ClaimedBy, null);
        entity["DeliveredAt"] = now;
        if (!await TryUpdateAsync(tasks, entity, claim.ETag, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var index = await _index.GetAsync(cancellationToken).ConfigureAwait(false);
        var (partition, row) = IndexKey(claim.Task.Definition);
        await index.DeleteAsync(partition, row, "*", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>After a failed send: pending again at <paramref name="retryAt"/>, one attempt more. False when the claim was lost.</summary>
    public async Task<bool> RescheduleAsync(TaskClaim claim, DateTimeOffset retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var moved = claim.Task.Definition with { DueAt = retryAt };
        var index = await _index.GetAsync(cancellationToken).ConfigureAwait(false);
        await index.UpsertAsync(IndexEntity(moved), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        var tasks = await _tasks.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!await TryUpdateAsync(tasks, TaskEntity(moved, DueTaskStatus.Pending, claim.Task.Attempts + 1, null, null), claim.ETag, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await RemoveStaleIndexAsync(index, claim.Task.Definition, retryAt, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Cancels a task that was not delivered yet. False when it does not exist or was already delivered.</summary>
    public async Task<bool> CancelAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var tasks = await _tasks.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var task = await GetAsync(taskId, cancellationToken).ConfigureAwait(false);
            if (task is null || task.Status == DueTaskStatus.Delivered)
            {
                return false;
            }

            if (task.Status == DueTaskStatus.Cancelled)
            {
                return true;
            }

            if (await TryUpdateAsync(tasks, TaskEntity(task.Definition, DueTaskStatus.Cancelled, task.Attempts, null, null), task.ETag, cancellationToken).ConfigureAwait(false))
            {
                var index = await _index.GetAsync(cancellationToken).ConfigureAwait(false);
                var (partition, row) = IndexKey(task.Definition);
                await index.DeleteAsync(partition, row, "*", cancellationToken).ConfigureAwait(false);
                return true;
            }
        }

        throw new PreconditionFailedException("The task kept changing while it was being cancelled.");
    }

    private static async Task<bool> TryUpdateAsync(ITableStore tasks, TableEntity entity, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await tasks.UpdateAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableStoreException exception) when (exception is PreconditionFailedException or EntityNotFoundException)
        {
            return false;
        }
    }

    private async Task RemoveStaleIndexAsync(ITableStore index, DueTaskDefinition previous, DateTimeOffset newDueAt, CancellationToken cancellationToken)
    {
        if (previous.DueAt.UtcTicks == newDueAt.UtcTicks)
        {
            return;
        }

        var (partition, row) = IndexKey(previous);
        await index.DeleteAsync(partition, row, "*", cancellationToken).ConfigureAwait(false);
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _options.TimeZone).DateTime);

    private static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private (string Partition, string Row) IndexKey(DueTaskDefinition definition) =>
        (DayKey(LocalDate(definition.DueAt)), KeyEncoder.Compose(definition.DueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture), KeyEncoder.Encode(definition.TaskId)));

    private TableEntity IndexEntity(DueTaskDefinition definition)
    {
        var (partition, row) = IndexKey(definition);
        return new TableEntity(partition, row) { ["TaskId"] = definition.TaskId, ["SchoolId"] = definition.SchoolId };
    }

    private static TableEntity TaskEntity(DueTaskDefinition definition, DueTaskStatus status, int attempts, string? claimedBy, DateTimeOffset? leaseUntil)
    {
        var entity = new TableEntity(KeyEncoder.Encode(definition.TaskId), TaskRow)
        {
            ["TaskId"] = definition.TaskId,
            ["SchoolId"] = definition.SchoolId,
            ["StudentId"] = definition.StudentId,
            ["Kind"] = definition.Kind,
            ["AssigneeRole"] = definition.AssigneeRole,
            ["DueAt"] = definition.DueAt,
            ["PayloadType"] = definition.Payload.Type,
            ["Status"] = status.ToString(),
            ["Attempts"] = attempts,
            ["ClaimedBy"] = claimedBy,
        };
        if (leaseUntil is not null)
        {
            entity["LeaseUntil"] = leaseUntil.Value;
        }

        PayloadColumns.Write(entity, "Payload", definition.Payload.Json);
        return entity;
    }

    private static DueTask ToTask(TableEntity row) => new(
        new DueTaskDefinition(
            row.Required("TaskId"),
            row.Required("SchoolId"),
            row.GetString("StudentId"),
            row.Required("Kind"),
            row.Required("AssigneeRole"),
            row.GetDateTimeOffset("DueAt") ?? throw new InvalidDataException("Stored task misses DueAt."),
            new StoredEnvelope(row.Required("PayloadType"), PayloadColumns.Read(row, "Payload") ?? string.Empty)),
        row.EnumOr("Status", DueTaskStatus.Pending),
        row.GetInt32("Attempts") ?? 0,
        row.GetString("ClaimedBy"),
        row.GetDateTimeOffset("LeaseUntil"),
        row.ETag ?? string.Empty);

    private static void Validate(DueTaskDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrEmpty(definition.TaskId);
        ArgumentException.ThrowIfNullOrEmpty(definition.SchoolId);
        ArgumentException.ThrowIfNullOrEmpty(definition.Kind);
        ArgumentException.ThrowIfNullOrEmpty(definition.AssigneeRole);
        ArgumentNullException.ThrowIfNull(definition.Payload);
    }
}
