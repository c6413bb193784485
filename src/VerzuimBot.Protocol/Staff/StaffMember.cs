using VerzuimBot.Access.Authorization;

namespace VerzuimBot.Protocol.Staff;

/// <summary>The person behind a turn: their current grants, the e-mail address roles are assigned to, and the name Teams shows for them.</summary>
internal sealed record StaffMember(AccessActor Actor, string Email, bool IsDemoPersona, string? Name = null);
