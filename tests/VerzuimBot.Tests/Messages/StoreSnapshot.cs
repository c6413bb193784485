using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Tables;
using VerzuimBot.Tables.Sqlite;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.Messages;

/// <summary>
/// Every row (table, keys and ETag) of the bot's embedded store, read through the store the host
/// itself resolved, so that "nothing was stored" can be checked for any table, also future ones.
/// </summary>
public sealed class StoreSnapshot
{
    // Bookkeeping a turn writes before it looks at the content (de-duplication, conversation
    // reference, dialog state), and the audit trail, which may record a refused attempt.
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.OrdinalIgnoreCase) { "ProcessedActivities", "ConversationReferences", "DialogStates", "AuditEntries" };

    private readonly Dictionary<string, HashSet<string>> _rows;

    private StoreSnapshot(Dictionary<string, HashSet<string>> rows) => _rows = rows;

    public static StoreSnapshot Take(BotApp app)
    {
        var factory = (SqliteTableStoreFactory)((VerzuimBot.Tables.Instrumentation.InstrumentedTableStoreFactory)app.Services.GetRequiredService<ITableStoreFactory>()).Inner;
        var rows = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        if (!File.Exists(factory.DatabasePath))
        {
            return new StoreSnapshot(rows);
        }

        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT PartitionKey || '|' || RowKey || '|' || ETag FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            using var reader = select.ExecuteReader();
            var set = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                set.Add(reader.GetString(0));
            }

            rows[table] = set;
        }

        return new StoreSnapshot(rows);
    }

    /// <summary>Tables whose rows differ from <paramref name="before"/>, optionally ignoring bookkeeping tables.</summary>
    public IReadOnlyList<string> ChangedSince(StoreSnapshot before, bool ignoreBookkeeping) =>
        _rows.Keys.Union(before._rows.Keys)
            .Where(table => !(ignoreBookkeeping && Bookkeeping.Any(b => table.Contains(b, StringComparison.OrdinalIgnoreCase))))
            .Where(table => !_rows.GetValueOrDefault(table, []).SetEquals(before._rows.GetValueOrDefault(table, [])))
            .ToList();
}
