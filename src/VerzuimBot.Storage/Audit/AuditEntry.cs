namespace VerzuimBot.Storage;

/// <summary>
/// Who did what, when, at a school (and about which student, if any). <paramref name="Details"/>
/// is the domain's envelope; audit rows are never changed or deleted through this store.
/// </summary>
public sealed record AuditEntry(string SchoolId, string? StudentId, string EntryId, DateTimeOffset OccurredAt, string ActorId, string Action, StoredEnvelope Details);
