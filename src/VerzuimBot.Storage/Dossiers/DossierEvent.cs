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

/// <summary>A dossier read in order; <see cref="Version"/> is what to pass as expected version when appending.</summary>
public sealed record Dossier(DossierHead? Head, IReadOnlyList<StoredDossierEvent> Events)
{
    public long Version => Head?.Version ?? 0;
}

/// <summary>Another writer appended first: reread the dossier, decide again and retry.</summary>
public sealed class DossierConflictException(long expectedVersion, Exception? innerException = null)
    : Exception($"The dossier changed after version {expectedVersion}; reread and retry.", innerException)
{
    public long ExpectedVersion { get; } = expectedVersion;
}
