namespace VerzuimBot.Storage;

public enum DueTaskStatus
{
    Pending,
    Claimed,
    Delivered,
    Cancelled,
}

/// <summary>
/// What a scheduled task is: who (<paramref name="AssigneeRole"/>) must be reminded of what
/// (<paramref name="Kind"/>, <paramref name="Payload"/>) about which student, when.
/// </summary>
public sealed record DueTaskDefinition(
    string TaskId,
    string SchoolId,
    string? StudentId,
    string Kind,
    string AssigneeRole,
    DateTimeOffset DueAt,
    StoredEnvelope Payload);

/// <summary>A task as stored, with its delivery state and the ETag that guards the next change.</summary>
public sealed record DueTask(
    DueTaskDefinition Definition,
    DueTaskStatus Status,
    int Attempts,
    string? ClaimedBy,
    DateTimeOffset? LeaseUntil,
    string ETag);

/// <summary>Proof that this instance owns the task until <paramref name="LeaseUntil"/>.</summary>
public sealed record TaskClaim(DueTask Task, string ClaimedBy, DateTimeOffset LeaseUntil, string ETag);

/// <summary>What became of a claimed task after its send: delivered at <see cref="At"/>, or pending again from <see cref="At"/>.</summary>
public sealed record TaskCompletion
{
    private TaskCompletion(TaskClaim claim, bool isDelivered, DateTimeOffset at) => (Claim, IsDelivered, At) = (claim, isDelivered, at);

    public TaskClaim Claim { get; }

    public bool IsDelivered { get; }

    public DateTimeOffset At { get; }

    public static TaskCompletion Delivered(TaskClaim claim, DateTimeOffset deliveredAt) => new(claim ?? throw new ArgumentNullException(nameof(claim)), true, deliveredAt);

    public static TaskCompletion RetryAt(TaskClaim claim, DateTimeOffset retryAt) => new(claim ?? throw new ArgumentNullException(nameof(claim)), false, retryAt);
}

/// <summary>A student the sweep should look at: its due hints have come (see <see cref="TaskStore.ListDueStudentsAsync"/>).</summary>
public sealed class DueStudent
{
    internal DueStudent(StudentHints hints) => Hints = hints;

    public string SchoolId => Hints.SchoolId;

    public string StudentId => Hints.StudentId;

    internal StudentHints Hints { get; }

    /// <summary>
    /// The student's tasks as <see cref="TaskStore.DueTasksOfAsync"/> read them (after the hints were listed), timings only;
    /// null until then (hints are never moved on without a read).
    /// </summary>
    internal IReadOnlyList<TaskTiming>? Read { get; set; }
}
