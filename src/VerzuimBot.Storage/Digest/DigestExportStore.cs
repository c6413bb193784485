using System.Security.Cryptography;
using System.Text;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>What a download link gives: the digest of these schools at that moment, issued to one person.</summary>
public sealed record DigestExportGrant(string SwvId, IReadOnlyList<string> Schools, string IssuedTo, DateTimeOffset AsOf, DateTimeOffset? Since, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived download links for the digest export. Only a hash of the token is stored, so the table cannot be
/// used to download; an expired or unknown token gives nothing, and an expired row is removed when it is tried.
/// </summary>
public sealed class DigestExportStore(ITableStoreFactory tables)
{
    private const string Partition = "export";
    private readonly TableHandle _table = new(tables, TableNames.DigestExports);

    /// <returns>The token for the link (URL-safe, 256 bits of randomness).</returns>
    public async Task<string> IssueAsync(DigestExportGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition, Hash(token))
        {
            ["SwvId"] = grant.SwvId,
            ["Schools"] = string.Join(',', grant.Schools),
            ["IssuedTo"] = grant.IssuedTo,
            ["AsOf"] = grant.AsOf,
            ["ExpiresAt"] = grant.ExpiresAt,
        };
        if (grant.Since is { } since)
        {
            entity["Since"] = since;
        }

        await table.AddAsync(entity, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <returns>The grant while the token is valid; null for an unknown, malformed or expired token.</returns>
    public async Task<DigestExportGrant?> RedeemAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetAsync(Partition, Hash(token), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var grant = new DigestExportGrant(
            row.Required("SwvId"),
            (row.GetString("Schools") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
            row.Required("IssuedTo"),
            row.GetDateTimeOffset("AsOf") ?? default,
            row.GetDateTimeOffset("Since"),
            row.GetDateTimeOffset("ExpiresAt") ?? default);
        if (grant.ExpiresAt <= now)
        {
            await table.DeleteAsync(Partition, row.RowKey, "*", cancellationToken).ConfigureAwait(false);
            return null;
        }

        return grant;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
