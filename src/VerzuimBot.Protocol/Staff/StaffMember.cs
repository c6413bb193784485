using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Rules;

namespace VerzuimBot.Protocol.Staff;

/// <summary>The person behind a turn: their current grants, and the e-mail address roles are assigned to.</summary>
internal sealed record StaffMember(AccessActor Actor, string Email, bool IsDemoPersona);
