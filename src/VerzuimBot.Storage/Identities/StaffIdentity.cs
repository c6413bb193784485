namespace VerzuimBot.Storage;

/// <summary>
/// A Teams user (tenant + Azure AD object id) linked to the e-mail address (UPN) their roles are
/// assigned to. No display name is stored: the bot does not need it.
/// </summary>
public sealed record StaffIdentity(string TenantId, string AadObjectId, string Email, DateTimeOffset LinkedAt);
