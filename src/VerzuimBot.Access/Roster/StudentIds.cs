using System.Security.Cryptography;
using System.Text;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Roster;

/// <summary>
/// Student ids are derived, never chosen: the first 80 bits of SHA-256 over "school|leerlingnummer".
/// Stable across imports, the same on every instance, and free of names; the leerlingnummer itself
/// stays out of keys, logs and URLs (it is a pseudonym, so it is treated as personal data too).
/// </summary>
public static class StudentIds
{
    public static StudentId For(SchoolId school, string leerlingnummer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(school.Value);
        ArgumentException.ThrowIfNullOrWhiteSpace(leerlingnummer);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{school.Value.Trim().ToUpperInvariant()}|{leerlingnummer.Trim()}"));
        return new StudentId("s-" + Convert.ToHexStringLower(hash)[..20]);
    }
}
