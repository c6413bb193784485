using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Roles;

/// <summary>"rol intrekken mentor max@school.nl 2b".</summary>
public sealed record RevokeRoleCommand(Role Role, string Email, RoleScope Scope) : RoleCommand;
