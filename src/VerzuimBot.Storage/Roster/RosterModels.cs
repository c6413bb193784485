namespace VerzuimBot.Storage;

/// <summary>A student on a school's roster; <paramref name="Details"/> is the domain's envelope (names stay inside it).</summary>
public sealed record RosterStudent(string SchoolId, string StudentId, StoredEnvelope Details, DateTimeOffset UpdatedAt);

/// <summary>A user holding a role at a school (Mentor, Zorgcoordinator, ...), optionally for a scope such as a class or student.</summary>
/// <param name="Source">Where the assignment came from when not a beheerder: "leerlingenlijst" for a mentor role derived from a roster import.</param>
public sealed record RoleAssignment(string SchoolId, string Role, string UserId, string Scope, DateTimeOffset AssignedAt, string? Source = null);

/// <summary>A roster entry with the ETag it was read with: a dossier write can require that it is still unchanged.</summary>
public sealed record RosterEntry(RosterStudent Student, string ETag);
