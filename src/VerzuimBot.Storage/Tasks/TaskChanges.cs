using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// The actions that bring a student's stored tasks in line with what the rules produce now: new tasks added, changed ones
/// rewritten (their claim kept), ones no longer produced cancelled, and one due hint at the earliest due time among the
/// tasks added or moved (so the sweep finds them whatever became of the student's other hints meanwhile, see
/// <see cref="TaskHints"/>). Delivered and cancelled tasks are never revived; when the dossier closes, the tasks that were
/// already finished are removed (nothing is due any more, and a dossier read stays small; the ones this change cancels
/// stay readable until the next close). Every task row is guarded by the ETag it was read with, so a claim made meanwhile
/// makes the write fail and be decided again.
/// </summary>
internal sealed class TaskChanges
{
    private readonly List<(DueTask Task, int? TaskAction)> _after = [];

    private TaskChanges()
    {
    }

    public List<TableTransactionAction> Actions { get; } = [];

    public List<string> Cancelled { get; } = [];

    public static TaskChanges Plan(IReadOnlyList<DueTask> stored, IReadOnlyList<DueTaskDefinition> due, bool closing)
    {
        var changes = new TaskChanges();
        var byId = stored.ToDictionary(t => t.Definition.TaskId, StringComparer.Ordinal);
        DueTaskDefinition? earliest = null;
        foreach (var definition in due.DistinctBy(d => d.TaskId))
        {
            TaskRows.Validate(definition);
            if (!byId.Remove(definition.TaskId, out var existing))
            {
                changes.Write(new DueTask(definition, DueTaskStatus.Pending, 0, null, null, string.Empty), TableTransactionActionType.Add, "*");
                earliest = Earlier(earliest, definition);
            }
            else if (!TaskRows.IsUnfinished(existing.Status) || existing.Definition == definition)
            {
                changes._after.Add((existing, null));
            }
            else
            {
                changes.Write(existing with { Definition = definition }, TableTransactionActionType.UpdateReplace, existing.ETag);
                if (definition.DueAt != existing.Definition.DueAt)
                {
                    earliest = Earlier(earliest, definition);
                }
            }
        }

        foreach (var existing in byId.Values)
        {
            if (TaskRows.IsUnfinished(existing.Status))
            {
                changes.Cancelled.Add(existing.Definition.TaskId);
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

        if (earliest is not null)
        {
            changes.Actions.Add(new(TableTransactionActionType.UpsertReplace, TaskRows.HintRow(earliest, earliest.DueAt)));
        }

        return changes;
    }

    /// <summary>The tasks after the transaction, each task row with the ETag it got.</summary>
    public IReadOnlyList<DueTask> After(IReadOnlyList<string> etags, int offset) =>
        _after.Select(a => a.TaskAction is { } index ? a.Task with { ETag = etags[index + offset] } : a.Task)
            .OrderBy(t => t.Definition.TaskId, StringComparer.Ordinal)
            .ToList();

    private static DueTaskDefinition Earlier(DueTaskDefinition? earliest, DueTaskDefinition definition) =>
        earliest is null || definition.DueAt < earliest.DueAt ? definition : earliest;

    private void Write(DueTask task, TableTransactionActionType type, string ifMatch)
    {
        _after.Add((task, Actions.Count));
        Actions.Add(new(type, TaskRows.TaskRow(task), ifMatch));
    }
}
