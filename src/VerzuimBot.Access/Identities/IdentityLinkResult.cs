namespace VerzuimBot.Access.Identities;

/// <summary>
/// Result of linking a Teams user. <see cref="Message"/> is Dutch text for the user when they are
/// not (yet) known; <see cref="LogCode"/> is safe to log.
/// </summary>
public sealed record IdentityLinkResult(bool IsLinked, string? Email, int RoleCount, string? Message, string LogCode);
