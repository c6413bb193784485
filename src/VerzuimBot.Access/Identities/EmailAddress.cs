using System.Net.Mail;

namespace VerzuimBot.Access;

/// <summary>E-mail addresses / UPNs are compared trimmed and lower-case (Azure AD treats UPNs case-insensitively).</summary>
public static class EmailAddress
{
    public static string Normalise(string value) => value.Trim().ToLowerInvariant();

    public static bool IsValid(string value) =>
        MailAddress.TryCreate(value, out var address)
        && string.Equals(address.Address, value, StringComparison.Ordinal)
        && value.IndexOf('@', StringComparison.Ordinal) is var at and > 0
        && value.IndexOf('.', at) > at + 1
        && !value.EndsWith('.');
}
