namespace VerzuimBot.Access.Tenants;

/// <summary>
/// Outcome of <see cref="TenantPolicy.Check"/>. When refused, <see cref="RefusalMessage"/> is the
/// polite Dutch text to send and <see cref="LogReason"/> a log-safe code (no personal data).
/// </summary>
public sealed record TenantCheck(bool IsAllowed, IReadOnlyList<Organisation> Organisations, string? RefusalMessage, string? LogReason);
