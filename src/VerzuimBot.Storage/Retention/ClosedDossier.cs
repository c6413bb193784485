namespace VerzuimBot.Storage;

/// <summary>
/// The head of a closed dossier as the retention job sees it. <paramref name="ClosedAt"/> is the
/// time of the dossier's last event; <paramref name="ETag"/> guards the claim on it.
/// </summary>
public sealed record ClosedDossier(
    string SchoolId,
    string StudentId,
    long Version,
    DateTimeOffset ClosedAt,
    RetentionState State,
    string? ClaimedBy,
    DateTimeOffset? LeaseUntil,
    string ETag);
