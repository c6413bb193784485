using System.Security.Cryptography;
using System.Text;
using VerzuimBot.Access.Pseudonyms;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Roster;

/// <summary>
/// Student ids are derived, never chosen: the first 80 bits of HMAC-SHA256 over "school|leerlingnummer", keyed with
/// <see cref="PseudonymKey"/> (issue 19 item 5). Stable across imports, the same on every instance, free of names, and
/// not computable without the key, so an id seen in a card or a log says nothing and cannot be forged from a
/// leerlingnummer. The leerlingnummer itself stays out of keys, logs and URLs (it is personal data too).
/// </summary>
public sealed class StudentIds
{
    private readonly byte[] _key;

    public StudentIds(ReadOnlySpan<byte> key)
    {
        if (key.Length < PseudonymKey.MinimumBytes)
        {
            throw new ArgumentException($"A pseudonym key needs at least {PseudonymKey.MinimumBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>Ids under the public development key (Development, the load tool); never for real data.</summary>
    public static StudentIds ForDevelopment() => new(PseudonymKey.Development);

    public StudentId For(SchoolId school, string leerlingnummer) =>
        new("s-" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Input(school, leerlingnummer)))[..20]);

    /// <summary>What an id is derived from (also by the unkeyed ids of earlier versions, which the migration recognises).</summary>
    internal static byte[] Input(SchoolId school, string leerlingnummer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(school.Value);
        ArgumentException.ThrowIfNullOrWhiteSpace(leerlingnummer);
        return Encoding.UTF8.GetBytes($"{school.Value.Trim().ToUpperInvariant()}|{leerlingnummer.Trim()}");
    }
}
