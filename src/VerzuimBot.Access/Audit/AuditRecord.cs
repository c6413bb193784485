namespace VerzuimBot.Access.Audit;

/// <summary>
/// One audit line as callers give it: who (user id, role, organisation), about which school and
/// student (ids only), and what — a fixed Dutch phrase from <see cref="AuditTexts"/> or built from
/// ids, never free text with names or medical details.
/// </summary>
public sealed record AuditRecord(string SchoolId, string? StudentId, string ActorId, string Role, string Organisation, string Code, string What);
