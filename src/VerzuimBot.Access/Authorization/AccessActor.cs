namespace VerzuimBot.Access.Authorization;

/// <summary>
/// The person acting (the one who pressed the card or typed the command, never the person a card
/// was sent to), with the role grants resolved for them.
/// </summary>
public sealed record AccessActor(string UserId, string TenantId, IReadOnlyList<RoleGrant> Grants);
