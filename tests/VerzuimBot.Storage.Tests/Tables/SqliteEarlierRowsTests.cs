using Microsoft.Data.Sqlite;
using VerzuimBot.Storage.Tests.Infrastructure;
using VerzuimBot.Tables;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Storage.Tests.Tables;

/// <summary>
/// Strings are stored without a type tag since rows were made smaller; rows written before that carry "Edm.String".
/// A filter on a string must find both kinds, and never a number or a row without the property.
/// </summary>
public sealed class SqliteEarlierRowsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task StringFilters_MatchRowsOfEitherForm_AndNothingElse()
    {
        var factory = new SqliteTableStoreFactory(_directory.Path);
        var table = factory.GetTable("Heads");
        await table.CreateIfNotExistsAsync();
        await table.AddAsync(new TableEntity("school", "H|nieuw") { ["Status"] = "Open" });
        await table.AddAsync(new TableEntity("school", "H|dicht") { ["Status"] = "Closed" });
        await table.AddAsync(new TableEntity("school", "H|getal") { ["Status"] = 1 });
        await table.AddAsync(new TableEntity("school", "H|zonder") { ["Anders"] = "Open" });
        await WriteEarlierRowAsync(factory.DatabasePath, "H|oud", """{"Status":{"t":"Edm.String","v":"Open"}}""");

        var open = await KeysAsync(table, TableFilter.Equal("Status", "Open"));
        var notOpen = await KeysAsync(table, TableFilter.NotEqual("Status", "Open"));

        Assert.Equal(["H|nieuw", "H|oud"], open);
        Assert.Equal(["H|dicht"], notOpen);
        var earlier = await table.GetAsync("school", "H|oud");
        Assert.Equal("Open", earlier!["Status"]);
    }

    private static async Task<List<string>> KeysAsync(ITableStore table, TableFilter filter) =>
        (await table.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals("school").And(filter))).ToListAsync(CancellationToken.None))
        .Select(e => e.RowKey).Order(StringComparer.Ordinal).ToList();

    private static async Task WriteEarlierRowAsync(string databasePath, string rowKey, string properties)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO t_heads (PartitionKey, RowKey, ETag, Timestamp, Properties) VALUES ('school', $row, 'W/\"1\"', 0, $props)";
        command.Parameters.AddWithValue("$row", rowKey);
        command.Parameters.AddWithValue("$props", properties);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose() => _directory.Dispose();
}
