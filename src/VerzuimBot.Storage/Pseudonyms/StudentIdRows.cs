using System.Text.RegularExpressions;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Pseudonyms;

/// <summary>
/// Replaces student ids in stored rows (the pseudonym migration, issue 19 item 5). A student id is "s-" and 20 lower-case
/// hex digits, which <see cref="KeyEncoder"/> leaves as they are, so it is found the same way in keys (also inside a task
/// id) and in text; only ids in the map change. Payloads split over several properties are joined first, so an id cut in
/// two by a split is still found.
/// </summary>
internal static partial class StudentIdRows
{
    /// <returns>The rows that change (whether or not they were written).</returns>
    public static async Task<int> RewriteAsync(ITableStore table, TableFilter? filter, IReadOnlyDictionary<string, string> newIdByOldId, bool dryRun, CancellationToken cancellationToken) =>
        await RewriteRowsAsync(table, await table.QueryAsync(new TableQuery(filter), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false), newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false);

    /// <returns>The rows of <paramref name="rows"/> that change (whether or not they were written).</returns>
    public static async Task<int> RewriteRowsAsync(ITableStore table, IEnumerable<TableEntity> rows, IReadOnlyDictionary<string, string> newIdByOldId, bool dryRun, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var row in rows)
        {
            if (Renamed(row, newIdByOldId) is not { } renamed)
            {
                continue;
            }

            changed++;
            if (dryRun)
            {
                continue;
            }

            // Written under the new key before the old row goes: an interrupted run leaves a copy, never a loss, and the
            // next run finds the old row again and finishes it.
            await table.UpsertAsync(renamed, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            if (renamed.PartitionKey != row.PartitionKey || renamed.RowKey != row.RowKey)
            {
                await table.DeleteAsync(row.PartitionKey, row.RowKey, "*", cancellationToken).ConfigureAwait(false);
            }
        }

        return changed;
    }

    public static string Replace(string text, IReadOnlyDictionary<string, string> newIdByOldId) =>
        StudentId().Replace(text, match => newIdByOldId.GetValueOrDefault(match.Value, match.Value));

    /// <summary>The row with every id of the map replaced, in its keys and properties; null when it holds none.</summary>
    public static TableEntity? Renamed(TableEntity row, IReadOnlyDictionary<string, string> newIdByOldId)
    {
        var renamed = new TableEntity(Replace(row.PartitionKey, newIdByOldId), Replace(row.RowKey, newIdByOldId));
        var payloads = row.Properties.Keys
            .Where(name => name.Length > "Parts".Length && name.EndsWith("Parts", StringComparison.Ordinal) && row.GetInt32(name) is > 0)
            .Select(name => name[..^"Parts".Length])
            .ToList();
        var inPayload = new HashSet<string>(StringComparer.Ordinal);
        foreach (var payload in payloads)
        {
            var parts = row.GetInt32(payload + "Parts")!.Value;
            inPayload.UnionWith(Enumerable.Range(0, parts).Select(i => i == 0 ? payload : payload + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(payload + "Parts"));
            PayloadColumns.Write(renamed, payload, Replace(PayloadColumns.Read(row, payload) ?? string.Empty, newIdByOldId));
        }

        foreach (var (name, value) in row.Properties.Where(p => !inPayload.Contains(p.Key)))
        {
            renamed[name] = value is string text ? Replace(text, newIdByOldId) : value;
        }

        var same = renamed.PartitionKey == row.PartitionKey && renamed.RowKey == row.RowKey
            && renamed.Properties.Count == row.Properties.Count
            && renamed.Properties.All(p => row.Properties.TryGetValue(p.Key, out var before) && Equals(before, p.Value));
        return same ? null : renamed;
    }

    [GeneratedRegex("(?<![0-9a-z])s-[0-9a-f]{20}(?![0-9a-f])", RegexOptions.CultureInvariant)]
    private static partial Regex StudentId();
}
