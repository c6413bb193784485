using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Domain.Rules;

/// <summary>
/// What a task id is made of: "student/kind/assignee/anchor". The engine builds every id through this and whatever
/// reads one back (the "taak" a card sends) parses it here, so nothing else takes task ids apart. Task ids are
/// stored keys: this format never changes.
/// </summary>
public sealed record TaskKey(StudentId Student, TaskKind Kind, Role Assignee, string Anchor)
{
    private const char Separator = '/';

    public TaskId Id => new($"{Student.Value}{Separator}{Kind}{Separator}{Assignee}{Separator}{Anchor}");

    /// <summary>
    /// A ladder rung not ticked off is reminded on each following school day, anchored on "rung/day" (so each reminder
    /// is its own task); the rung itself is anchored on "rung" alone.
    /// </summary>
    public bool IsReminder => Anchor.Contains(Separator, StringComparison.Ordinal);

    /// <summary>The anchor without a reminder's day: the rung ("2026-2027-9u") a reminder is about.</summary>
    public string BaseAnchor => Anchor.Split(Separator)[0];

    /// <summary>The parts of a task id; null when it is not one (a forged or damaged card: kinds and roles by their exact names only).</summary>
    public static TaskKey? Parse(string? taskId)
    {
        var parts = taskId?.Split(Separator, 4);
        return parts is { Length: 4 } && parts[0].Length > 0 && Named<TaskKind>(parts[1]) is { } kind && Named<Role>(parts[2]) is { } assignee
            ? new TaskKey(new StudentId(parts[0]), kind, assignee, parts[3])
            : null;
    }

    /// <summary>The same task, whoever it is for: a task shared by several roles is done once, by whoever answers first.</summary>
    public bool SameTaskAs(DueTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Kind == Kind && task.Anchor == Anchor;
    }

    private static TEnum? Named<TEnum>(string text)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, out var value) && Enum.IsDefined(value) && value.ToString() == text ? value : null;
}
