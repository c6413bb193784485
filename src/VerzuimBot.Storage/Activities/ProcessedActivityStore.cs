using System.Security.Cryptography;
using System.Text;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Remembers which inbound activities were handled, so a redelivered activity is not handled twice.
/// PartitionKey = channel id + one of 64 hash buckets of the activity id (spreads the write load
/// over partitions), RowKey = activity id. The insert itself decides: the first insert wins.
/// </summary>
public sealed class ProcessedActivityStore(ITableStoreFactory tables)
{
    private const int Buckets = 64;
    private readonly TableHandle _table = new(tables, TableNames.ProcessedActivities);

    /// <returns>True the first time this activity id is seen; false for a redelivery.</returns>
    public async Task<bool> TryMarkProcessedAsync(string channelId, string activityId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var entity = new TableEntity(PartitionFor(channelId, activityId), KeyEncoder.Encode(activityId)) { ["ProcessedAt"] = now };
        return await FirstInsertClaim.TryInsertAsync(await _table.GetAsync(cancellationToken).ConfigureAwait(false), entity, cancellationToken).ConfigureAwait(false);
    }

    internal static string PartitionFor(string channelId, string activityId)
    {
        var bucket = SHA256.HashData(Encoding.UTF8.GetBytes(activityId))[0] % Buckets;
        return KeyEncoder.Compose(KeyEncoder.Encode(channelId), bucket.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));
    }
}
