namespace VerzuimBot.Storage;

/// <summary>A decision (besluit) on a case; once recorded it never changes.</summary>
public sealed record DecisionRecord(string SchoolId, string CaseId, string DecisionId, StoredEnvelope Payload, string DecidedBy, DateTimeOffset DecidedAt);
