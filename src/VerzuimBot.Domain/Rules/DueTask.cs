using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Domain.Rules;

/// <summary>
/// A task the protocol asks of someone. <see cref="Id"/> is derived from the student, the kind,
/// the assignee and the date or event it hangs on, so evaluating the same dossier again yields
/// the same ids and a task is never sent twice. <see cref="Anchor"/> is that date or event id.
/// </summary>
public sealed record DueTask(TaskId Id, TaskKind Kind, Role Assignee, DateTimeOffset DueAt, StudentId Student, string Anchor, string? Detail = null)
{
    /// <summary>The parts <see cref="Id"/> is made of.</summary>
    public TaskKey Key => new(Student, Kind, Assignee, Anchor);
}
