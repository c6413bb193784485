using VerzuimBot.Storage.Keys;
using VerzuimBot.Storage.Schools;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// A task is one row in its student's range ("E|student|T|task", read with the dossier): its definition and delivery
/// state, every change guarded by that row's ETag. What the sweep reads to find it is a due hint of the student
/// ("Q|ticks|student", see <see cref="TaskHints"/>), not a copy of the task.
/// </summary>
internal static class TaskRows
{
    public static TableEntity TaskRow(DueTask task) => Entity(SchoolRows.Task(StudentOf(task.Definition), task.Definition.TaskId), task);

    /// <summary>The student's due hint at <paramref name="at"/>.</summary>
    public static TableEntity HintRow(string schoolId, string studentId, DateTimeOffset at) =>
        new(SchoolRows.Partition(schoolId), SchoolRows.Hint(at, studentId)) { ["SchoolId"] = schoolId, ["StudentId"] = studentId, ["At"] = at };

    public static TableEntity HintRow(DueTaskDefinition definition, DateTimeOffset at) => HintRow(definition.SchoolId, StudentOf(definition), at);

    public static string Partition(DueTaskDefinition definition) => SchoolRows.Partition(definition.SchoolId);

    public static string TaskKey(DueTaskDefinition definition) => SchoolRows.Task(StudentOf(definition), definition.TaskId);

    public static bool IsUnfinished(DueTaskStatus status) => status is DueTaskStatus.Pending or DueTaskStatus.Claimed;

    /// <summary>When an unfinished task next needs the sweep: a pending one when it falls due, a claimed one when its lease runs out.</summary>
    public static DateTimeOffset NextActionAt(DueTask task) =>
        task.Status == DueTaskStatus.Claimed ? task.LeaseUntil ?? task.Definition.DueAt : task.Definition.DueAt;

    /// <summary>Whether the sweep acts on the task at <paramref name="now"/> (<see cref="TaskTiming.IsActionableAt"/>).</summary>
    public static bool IsActionable(DueTask task, DateTimeOffset now) => TaskTiming.Of(task).IsActionableAt(now);

    public static DueTask Read(TableEntity row) => new(
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

    public static void Validate(DueTaskDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrEmpty(definition.TaskId);
        ArgumentException.ThrowIfNullOrEmpty(definition.SchoolId);
        ArgumentException.ThrowIfNullOrEmpty(definition.Kind);
        ArgumentException.ThrowIfNullOrEmpty(definition.AssigneeRole);
        ArgumentNullException.ThrowIfNull(definition.Payload);
        StudentOf(definition);
    }

    private static string StudentOf(DueTaskDefinition definition) =>
        definition.StudentId is { Length: > 0 } student ? student : throw new ArgumentException("A task belongs to a student's dossier.", nameof(definition));

    private static TableEntity Entity(string rowKey, DueTask task)
    {
        var definition = task.Definition;
        var entity = new TableEntity(Partition(definition), rowKey)
        {
            ["TaskId"] = definition.TaskId,
            ["SchoolId"] = definition.SchoolId,
            ["StudentId"] = definition.StudentId,
            ["Kind"] = definition.Kind,
            ["AssigneeRole"] = definition.AssigneeRole,
            ["DueAt"] = definition.DueAt,
            ["PayloadType"] = definition.Payload.Type,
            ["Status"] = task.Status.ToString(),
            ["Attempts"] = task.Attempts,
            ["ClaimedBy"] = task.ClaimedBy,
        };
        if (task.LeaseUntil is { } lease)
        {
            entity["LeaseUntil"] = lease;
        }

        PayloadColumns.Write(entity, "Payload", definition.Payload.Json);
        return entity;
    }
}
