using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// The actions that bring a student's stored tasks in line with what the rules produce now: new tasks added (task row and
/// due row), changed ones rewritten (their claim kept), ones no longer produced cancelled. Delivered and cancelled tasks
/// are never revived; when the dossier closes, the tasks that were already finished are removed (nothing is due any more,
/// and a dossier read stays small; the ones this change cancels stay readable until the next close). Every task row is guarded by the ETag it was read with, so a claim made meanwhile makes the write
/// fail and be decided again.
/// </summary>
internal sealed class TaskChanges
{
    private readonly List<(DueTask Task, int? TaskAction)> _after = [];

    private TaskChanges()
    {
    }

    public List<TableTransactionAction> Actions { get; } = [];

    /// <summary>Indexes of due-row deletes: such a row may already be gone (a transaction may then go without them).</summary>
    public HashSet<int> OptionalDeletes { get; } = [];

    public List<string> Cancelled { get; } = [];

    public static TaskChanges Plan(IReadOnlyList<DueTask> stored, IReadOnlyList<DueTaskDefinition> due, bool closing)
    {
        var changes = new TaskChanges();
        var byId = stored.ToDictionary(t => t.Definition.TaskId, StringComparer.Ordinal);
        foreach (var definition in due.DistinctBy(d => d.TaskId))
        {
            TaskRows.Validate(definition);
            if (!byId.Remove(definition.TaskId, out var existing))
            {
                var created = new DueTask(definition, DueTaskStatus.Pending, 0, null, null, string.Empty);
                changes.Write(created, TableTransactionActionType.Add, "*");
                changes.Actions.Add(new(TableTransactionActionType.UpsertReplace, TaskRows.DueRow(created)));
            }
            else if (!TaskRows.IsUnfinished(existing.Status) || existing.Definition == definition)
            {
                changes._after.Add((existing, null));
            }
            else
            {
                var changed = existing with { Definition = definition };
                changes.Write(changed, TableTransactionActionType.UpdateReplace, existing.ETag);
                changes.MoveDueRow(existing, changed);
            }
        }

        foreach (var existing in byId.Values)
        {
            var unfinished = TaskRows.IsUnfinished(existing.Status);
            if (unfinished)
            {
                changes.Cancelled.Add(existing.Definition.TaskId);
                changes.DeleteDueRow(existing.Definition);
            }

            if (unfinished)
            {
                changes.Write(existing with { Status = DueTaskStatus.Cancelled, ClaimedBy = null, LeaseUntil = null }, TableTransactionActionType.UpdateReplace, existing.ETag);
            }
            else if (closing)
            {
                changes.Actions.Add(new(TableTransactionActionType.Delete, new TableEntity(TaskRows.Partition(existing.Definition), TaskRows.TaskKey(existing.Definition)), existing.ETag));
            }
            else
            {
                changes._after.Add((existing, null));
            }
        }

        return changes;
    }

    /// <summary>The tasks after the transaction, each task row with the ETag it got.</summary>
    public IReadOnlyList<DueTask> After(IReadOnlyList<string> etags, int offset) =>
        _after.Select(a => a.TaskAction is { } index ? a.Task with { ETag = etags[index + offset], FromDueRow = false } : a.Task)
            .OrderBy(t => t.Definition.TaskId, StringComparer.Ordinal)
            .ToList();

    /// <summary>The same plan without the actions at <paramref name="removed"/> (due rows found gone).</summary>
    public void Drop(int removed)
    {
        Actions.RemoveAt(removed);
        OptionalDeletes.Remove(removed);
        var shifted = OptionalDeletes.Select(i => i > removed ? i - 1 : i).ToList();
        OptionalDeletes.Clear();
        OptionalDeletes.UnionWith(shifted);
        for (var i = 0; i < _after.Count; i++)
        {
            if (_after[i].TaskAction is { } index && index > removed)
            {
                _after[i] = (_after[i].Task, index - 1);
            }
        }
    }

    private void Write(DueTask task, TableTransactionActionType type, string ifMatch)
    {
        _after.Add((task, Actions.Count));
        Actions.Add(new(type, TaskRows.TaskRow(task), ifMatch));
    }

    private void MoveDueRow(DueTask before, DueTask after)
    {
        if (TaskRows.DueKey(before.Definition) != TaskRows.DueKey(after.Definition))
        {
            DeleteDueRow(before.Definition);
        }

        Actions.Add(new(TableTransactionActionType.UpsertReplace, TaskRows.DueRow(after)));
    }

    private void DeleteDueRow(DueTaskDefinition definition)
    {
        OptionalDeletes.Add(Actions.Count);
        Actions.Add(new(TableTransactionActionType.Delete, new TableEntity(TaskRows.Partition(definition), TaskRows.DueKey(definition))));
    }
}
