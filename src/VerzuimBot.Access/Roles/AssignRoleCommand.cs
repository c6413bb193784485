using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Roles;

/// <summary>"rol toekennen mentor max@school.nl 2b".</summary>
public sealed record AssignRoleCommand(Role Role, string Email, RoleScope Scope) : RoleCommand;
