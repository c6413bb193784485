using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace VerzuimBot.Access.Pseudonyms;

/// <summary>
/// The secret behind student pseudonyms (issue 19 item 5): <c>Privacy:PseudonymKey</c>, base64 of at least 32 random
/// bytes (e.g. <c>openssl rand -base64 32</c>), from the environment or a secret store, never from the repository.
/// Without it student ids could be computed from BRIN and leerlingnummer by anyone. Changing it later makes every
/// stored student unfindable, so it is set once and kept.
/// </summary>
public static class PseudonymKey
{
    public const string ConfigurationKey = "Privacy:PseudonymKey";
    public const int MinimumBytes = 32;

    /// <summary>
    /// A fixed, public key for Development only (the demo, the tests, the load tool), so a developer needs no secret.
    /// Data keyed with it is not pseudonymous.
    /// </summary>
    internal static ReadOnlySpan<byte> Development => DevelopmentBytes;

    private static readonly byte[] DevelopmentBytes = SHA256.HashData(Encoding.UTF8.GetBytes("VerzuimBot development pseudonym key - public, never for real data"));

    /// <summary>
    /// The start-up check: null when <paramref name="configured"/> is a usable key, else what is wrong (English, for the
    /// operator; never the key). A missing key is allowed only in Development.
    /// </summary>
    public static string? Problem(string? configured, bool isDevelopment)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return isDevelopment
                ? null
                : $"{ConfigurationKey} is not configured. Set it to base64 of at least {MinimumBytes} random bytes (e.g. `openssl rand -base64 32`) from a secret store; without it student ids can be computed from BRIN and leerlingnummer.";
        }

        return Decode(configured) switch
        {
            null => $"{ConfigurationKey} is not valid base64.",
            { Length: < MinimumBytes } tooShort => $"{ConfigurationKey} holds {tooShort.Length} bytes; it needs at least {MinimumBytes} random bytes.",
            _ => null,
        };
    }

    /// <summary>
    /// The key to derive student ids with: the configured one; in Development without one, the fixed development key
    /// (with a warning). Anything else throws, so the host does not start with computable ids.
    /// </summary>
    public static byte[] Resolve(string? configured, bool isDevelopment, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (Problem(configured, isDevelopment) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            logger.LogWarning("DEVELOPMENT: no {Setting} configured; student ids use the public development key and are not pseudonymous.", ConfigurationKey);
            return DevelopmentBytes.ToArray();
        }

        return Decode(configured)!;
    }

    private static byte[]? Decode(string configured)
    {
        try
        {
            return Convert.FromBase64String(configured.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
