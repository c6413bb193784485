using VerzuimBot.Storage.Keys;
using VerzuimBot.Storage.Schools;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Due hints: small rows "Q|ticks|student" in the school's partition, ordered by time, that tell the sweep which students
/// to look at. The guarantee: a student with an unfinished task has a hint at or before the moment that task next needs
/// the sweep (its due time; for a claimed task, the end of its lease). A hint that is early or points at nothing is
/// harmless: the sweep reads the student's tasks, finds nothing to do and moves the hint on.
/// <list type="bullet">
/// <item>A write that adds tasks or moves their due time writes a hint at the earliest of them, in its own transaction,
/// whatever hints the student has: so it never depends on a hint someone else is moving at that moment.</item>
/// <item>A claim only postpones when a task needs the sweep; a reschedule writes a hint at its new time.</item>
/// <item>Only the sweep removes hints: after listing them it reads the student's tasks, and when none needs acting on now
/// it writes one hint at the earliest moment one will, and removes the listed ones, each guarded by the ETag it was
/// listed with. A task added after that read came with its own hint; one written again under a listed key meanwhile changed
/// that row's ETag, so that row stays.</item>
/// </list>
/// Rows written before hints ("Q|ticks|task", a copy of the task) carry the student too and are read as hints.
/// </summary>
internal static class TaskHints
{
    /// <summary>Students' hints whose time has come, per student (a school's range of hints up to now, one query per school).</summary>
    public static async Task<List<StudentHints>> DueAsync(ITableStore table, IEnumerable<string> schools, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = new List<TableEntity>();
        foreach (var school in schools)
        {
            var prefix = SchoolRows.DueTag + KeyEncoder.Separator;
            var filter = TableFilter.PartitionKeyEquals(SchoolRows.Partition(school))
                .And(TableFilter.GreaterThanOrEqual(TableEntity.RowKeyName, prefix))
                .And(TableFilter.LessThan(TableEntity.RowKeyName, SchoolRows.DueAfter(now)));
            await foreach (var row in table.QueryAsync(new TableQuery(filter), cancellationToken).ConfigureAwait(false))
            {
                if (row.GetString("SchoolId") is { Length: > 0 } && row.GetString("StudentId") is { Length: > 0 })
                {
                    found.Add(row);
                }
            }
        }

        return [.. found.GroupBy(h => (School: h.GetString("SchoolId")!, Student: h.GetString("StudentId")!))
            .Select(g => new StudentHints(g.Key.School, g.Key.Student, [.. g]))];
    }

    /// <summary>The student's task rows: from the turn's dossier when the store session holds it, else one range read.</summary>
    public static async Task<IReadOnlyList<DueTask>> TasksOfAsync(ITableStore table, string schoolId, string studentId, CancellationToken cancellationToken)
    {
        if (StoreSession.Current is { } session && session.TryGetDossier(schoolId, studentId, out var dossier))
        {
            return dossier.Tasks;
        }

        var rows = table.QueryAsync(new TableQuery(SchoolRows.Range(SchoolRows.Partition(schoolId), SchoolRows.TaskRange(studentId))), cancellationToken);
        return [.. (await rows.ToListAsync(cancellationToken).ConfigureAwait(false)).Select(TaskRows.Read)];
    }

    /// <summary>
    /// For a student none of whose tasks needs acting on now: one hint at the earliest moment one will (none when no task
    /// is unfinished), and the listed hints removed, each only if unchanged since it was listed.
    /// </summary>
    public static Task MoveOnAsync(ITableStore table, StudentHints listed, IEnumerable<TaskTiming> tasks, CancellationToken cancellationToken) =>
        SubmitAsync(table, MoveOnActions(listed, tasks), cancellationToken);

    /// <summary>The actions of <see cref="MoveOnAsync"/>, to submit with other students' of the same school.</summary>
    public static List<TableTransactionAction> MoveOnActions(StudentHints listed, IEnumerable<TaskTiming> tasks)
    {
        var unfinished = tasks.Where(t => t.Unfinished).ToList();
        var actions = new List<TableTransactionAction>();
        string? kept = null;
        if (unfinished.Count > 0)
        {
            var next = TaskRows.HintRow(listed.SchoolId, listed.StudentId, unfinished.Min(t => t.NextActionAt));
            kept = next.RowKey;
            if (listed.Rows.All(h => h.RowKey != kept))
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, next));
            }
        }

        actions.AddRange(listed.Rows.Where(h => h.RowKey != kept).Select(h => new TableTransactionAction(TableTransactionActionType.Delete, h, h.ETag ?? "*")));
        return actions;
    }

    /// <summary>
    /// Submits hint moves in one transaction; when a listed hint was written again meanwhile (it stays) or another instance
    /// removed it, the transaction wrote nothing and the moves are done one by one, skipping exactly those.
    /// </summary>
    public static async Task SubmitAsync(ITableStore table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return;
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exception) when (exception.InnerException is PreconditionFailedException or EntityNotFoundException)
        {
            foreach (var action in actions)
            {
                try
                {
                    await table.SubmitTransactionAsync([action], cancellationToken).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException one) when (one.InnerException is PreconditionFailedException or EntityNotFoundException)
                {
                }
            }
        }
    }
}

/// <summary>What the hints need of a task: whether it is unfinished and when it next needs the sweep (not its payload).</summary>
internal readonly record struct TaskTiming(string TaskId, bool Unfinished, DateTimeOffset NextActionAt)
{
    public static TaskTiming Of(DueTask task) => new(task.Definition.TaskId, TaskRows.IsUnfinished(task.Status), TaskRows.NextActionAt(task));

    /// <summary>Whether the sweep acts on the task at <paramref name="now"/>: pending and due, or claimed and its lease run out.</summary>
    public bool IsActionableAt(DateTimeOffset now) => Unfinished && NextActionAt <= now;
}

/// <summary>The due hints listed for one student.</summary>
internal sealed record StudentHints(string SchoolId, string StudentId, IReadOnlyList<TableEntity> Rows);
