using System.Security.Cryptography;
using System.Text;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>What a download link gives: the digest of these schools at that moment, issued to one person.</summary>
public sealed record DigestExportGrant(string SwvId, IReadOnlyList<string> Schools, string IssuedTo, DateTimeOffset AsOf, DateTimeOffset? Since, DateTimeOffset ExpiresAt);

/// <summary>A valid, not yet used link as stored: its grant and the ETag that guards using it.</summary>
public sealed record DigestExportLink(DigestExportGrant Grant, string RowKey, string ETag);

/// <summary>
/// Short-lived, single-use download links for the digest export. Only a hash of the token is stored, so the table cannot
/// be used to download; an expired, used or unknown token gives nothing. Using a link is one ETag-conditional update, so of
/// two simultaneous downloads exactly one wins. Expired rows are purged by <see cref="PurgeExpiredAsync"/> (run by a job)
/// as well as when tried.
/// </summary>
public sealed class DigestExportStore(ITableStoreFactory tables)
{
    private const string Partition = "export";
    private const string UsedAtProperty = "UsedAt";
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

    /// <returns>The link while the token is valid and unused; null for an unknown, malformed, expired or used token.</returns>
    public async Task<DigestExportLink?> FindAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetAsync(Partition, Hash(token), cancellationToken).ConfigureAwait(false);
        if (row is null || row.GetDateTimeOffset(UsedAtProperty) is not null)
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

        return new DigestExportLink(grant, row.RowKey, row.ETag ?? "*");
    }

    /// <summary>
    /// Uses the link up: true for exactly one caller per link (an ETag-conditional update of the row as it was found),
    /// false when someone used it first. The row is then removed.
    /// </summary>
    public async Task<bool> ConsumeAsync(DigestExportLink link, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A delete cannot tell two callers apart (deleting what is gone is no error); a conditional update can.
            await table.UpdateAsync(new TableEntity(Partition, link.RowKey) { [UsedAtProperty] = now }, link.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (TableStoreException exception) when (exception is PreconditionFailedException or EntityNotFoundException)
        {
            return false;
        }

        await table.DeleteAsync(Partition, link.RowKey, "*", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Removes every link expired by <paramref name="now"/> (one partition query): rows say who asked for which schools.</summary>
    /// <returns>How many rows were removed.</returns>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableFilter.PartitionKeyEquals(Partition).And(TableFilter.LessThanOrEqual("ExpiresAt", now));
        var expired = await table.QueryAsync(new TableQuery(filter, ["ExpiresAt"]), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in expired)
        {
            await table.DeleteAsync(Partition, row.RowKey, "*", cancellationToken).ConfigureAwait(false);
        }

        return expired.Count;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
