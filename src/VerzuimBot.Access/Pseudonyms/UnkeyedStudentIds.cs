using System.Security.Cryptography;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Pseudonyms;

/// <summary>
/// The student ids of versions before <see cref="PseudonymKey"/>: unkeyed SHA-256 over "school|leerlingnummer", first
/// 80 bits. Only the migration uses them, to recognise data stored under them.
/// </summary>
internal static class UnkeyedStudentIds
{
    public static StudentId For(SchoolId school, string leerlingnummer) =>
        new("s-" + Convert.ToHexStringLower(SHA256.HashData(StudentIds.Input(school, leerlingnummer)))[..20]);
}
