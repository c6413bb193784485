namespace VerzuimBot.Access.Identities;

/// <summary>What the bot knows of a Teams user on contact (activity "from" / conversation members).</summary>
public sealed record TeamsUser(string TenantId, string AadObjectId, string? Upn, string? Name);
