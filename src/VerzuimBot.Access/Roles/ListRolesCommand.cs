namespace VerzuimBot.Access.Roles;

/// <summary>"rollen" (everyone) or "rollen max@school.nl".</summary>
public sealed record ListRolesCommand(string? Email) : RoleCommand;
