using System.Collections.Concurrent;

namespace VerzuimBot.Tables.Sqlite;

/// <summary>The embedded store: every table in one SQLite file <c>verzuimbot.db</c> in a data directory.</summary>
public sealed class SqliteTableStoreFactory : ITableStoreFactory
{
    public const string DatabaseFileName = "verzuimbot.db";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SqliteTableStore> _tables = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="dataDirectory">Created on first use when missing.</param>
    /// <param name="time">Clock for entity timestamps; <see cref="TimeProvider.System"/> when null.</param>
    public SqliteTableStoreFactory(string dataDirectory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        _database = new SqliteDatabase(Path.Combine(dataDirectory, DatabaseFileName));
        _time = time ?? TimeProvider.System;
    }

    public string DatabasePath => _database.FilePath;

    public ITableStore GetTable(string tableName) =>
        _tables.GetOrAdd(tableName, name => new SqliteTableStore(_database, name, _time));
}
