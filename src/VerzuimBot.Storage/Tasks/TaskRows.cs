using VerzuimBot.Storage.Keys;
using VerzuimBot.Storage.Schools;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// A task is two rows of its school's partition with the same content, always written in one transaction: the task row
/// in its student's range ("E|student|T|task", read with the dossier) and, while it is not finished, its due row
/// ("Q|due ticks|task", what the sweep reads). Because both change together, a change guarded by either row's ETag is
/// guarded against every other change of the task.
/// </summary>
internal static class TaskRows
{
    public static TableEntity TaskRow(DueTask task) => Entity(SchoolRows.Task(StudentOf(task.Definition), task.Definition.TaskId), task);

    public static TableEntity DueRow(DueTask task) => Entity(SchoolRows.Due(task.Definition.DueAt, task.Definition.TaskId), task);

    public static string Partition(DueTaskDefinition definition) => SchoolRows.Partition(definition.SchoolId);

    public static string TaskKey(DueTaskDefinition definition) => SchoolRows.Task(StudentOf(definition), definition.TaskId);

    public static string DueKey(DueTaskDefinition definition) => SchoolRows.Due(definition.DueAt, definition.TaskId);

    public static bool IsUnfinished(DueTaskStatus status) => status is DueTaskStatus.Pending or DueTaskStatus.Claimed;

    public static DueTask Read(TableEntity row, bool fromDueRow) => new(
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
        row.ETag ?? string.Empty)
    {
        FromDueRow = fromDueRow,
    };

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
