namespace VerzuimBot.Storage;

/// <summary>
/// One entry of a student's dossier as stored: <paramref name="EventId"/> makes appends idempotent,
/// <paramref name="Payload"/> is the domain's own (opaque) envelope.
/// </summary>
public sealed record DossierEvent(string EventId, StoredEnvelope Payload, DateTimeOffset RecordedAt);

/// <summary>A stored dossier event with its position (1, 2, 3, ...) in the dossier.</summary>
public sealed record StoredDossierEvent(long Sequence, DossierEvent Event);

public enum DossierStatus
{
    Open,
    Closed,
}

/// <summary>The head row of a dossier: its version (number of events) and whether the case is open.</summary>
public sealed record DossierHead(string SchoolId, string StudentId, long Version, DossierStatus Status, DateTimeOffset UpdatedAt);

/// <summary>
/// A dossier read in order, with its tasks (each with the ETag that guards its next change); <see cref="Version"/> (the
/// last event's position) is what to pass as expected version when appending. <see cref="Head"/> is only read by
/// <see cref="DossierStore.ReadAsync"/>: the write path needs the events and tasks alone.
/// </summary>
public sealed record Dossier(DossierHead? Head, IReadOnlyList<StoredDossierEvent> Events)
{
    public IReadOnlyList<DueTask> Tasks { get; init; } = [];

    public long Version => Events.Count == 0 ? 0 : Events[^1].Sequence;
}

/// <summary>
/// What one fact (or a batch of them) writes to a dossier: the new events, the case's status (null keeps it), the tasks
/// the rules produce now (null leaves the tasks as they are), and the roster entry the decision was made on (the write
/// then requires it unchanged).
/// </summary>
public sealed record DossierWrite(IReadOnlyList<DossierEvent> Events, DossierStatus? Status = null, IReadOnlyList<DueTaskDefinition>? Tasks = null, RosterEntry? Roster = null);

/// <summary>The dossier as written (no reread needed) and the tasks the write cancelled.</summary>
public sealed record DossierWriteResult(Dossier Dossier, IReadOnlyList<string> Cancelled);

/// <summary>Another writer changed the dossier or its tasks first: decide again on <see cref="Latest"/> (when known) and retry.</summary>
public sealed class DossierConflictException(long expectedVersion, Exception? innerException = null, Dossier? latest = null)
    : Exception($"The dossier changed after version {expectedVersion}; reread and retry.", innerException)
{
    public long ExpectedVersion { get; } = expectedVersion;

    /// <summary>The dossier as stored when the conflict was found; null when not read.</summary>
    public Dossier? Latest { get; } = latest;
}

/// <summary>The roster entry a dossier write was decided on changed (or is gone) since it was read: read it and decide again.</summary>
public sealed class RosterEntryChangedException(Exception? innerException = null)
    : Exception("The student's roster entry changed since it was read.", innerException);
