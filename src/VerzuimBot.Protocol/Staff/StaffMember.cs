using VerzuimBot.Access.Authorization;

namespace VerzuimBot.Protocol.Staff;

/// <summary>The person behind a turn: their current grants, and the e-mail address roles are assigned to.</summary>
internal sealed record StaffMember(AccessActor Actor, string Email, bool IsDemoPersona);
