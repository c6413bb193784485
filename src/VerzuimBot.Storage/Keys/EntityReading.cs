using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Keys;

internal static class EntityReading
{
    public static string Required(this TableEntity entity, string name) =>
        entity.GetString(name) ?? throw new InvalidDataException($"Stored row misses property {name}.");

    public static TEnum EnumOr<TEnum>(this TableEntity entity, string name, TEnum fallback)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(entity.GetString(name), out var value) ? value : fallback;

    public static async Task<List<TableEntity>> ToListAsync(this IAsyncEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        var list = new List<TableEntity>();
        await foreach (var entity in entities.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(entity);
        }

        return list;
    }

    /// <summary>Rows of one partition whose row key starts with <paramref name="prefix"/> (a range, not a scan).</summary>
    public static TableFilter PrefixFilter(string partitionKey, string prefix) =>
        TableFilter.PartitionKeyEquals(partitionKey)
            .And(TableFilter.GreaterThanOrEqual(TableEntity.RowKeyName, prefix))
            .And(TableFilter.LessThan(TableEntity.RowKeyName, KeyEncoder.PrefixUpperBound(prefix)));
}
