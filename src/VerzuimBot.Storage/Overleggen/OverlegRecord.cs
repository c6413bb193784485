namespace VerzuimBot.Storage;

/// <summary>
/// Where an overleg of a student takes place: the group chat the decider chose and the message there that holds the
/// summary card (updated in place). Infrastructure only: the decision itself is the dossier event
/// <see cref="DecisionEventId"/>. Ids only, no names.
/// </summary>
public sealed record OverlegRecord(
    string SchoolId,
    string StudentId,
    string OverlegId,
    string Soort,
    IReadOnlyList<string> Partners,
    string TenantId,
    string ConversationId,
    string ServiceUrl,
    string BotId,
    string? SummaryActivityId,
    string DecisionEventId,
    DateTimeOffset DecidedAt);
