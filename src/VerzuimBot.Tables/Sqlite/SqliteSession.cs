using Microsoft.Data.Sqlite;

namespace VerzuimBot.Tables.Sqlite;

/// <summary>
/// An open connection that keeps the statements it compiled. Microsoft.Data.Sqlite compiles a command's SQL once per
/// command object, so a fresh command per call re-parses the same few statements on every turn; here each distinct
/// statement is compiled once per connection and only its parameters change.
/// </summary>
internal sealed class SqliteSession(SqliteConnection connection) : IDisposable
{
    /// <summary>Statements kept per connection; filters make the query texts vary, so the cache is bounded.</summary>
    internal const int MostStatements = 128;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>How many compiled statements the session keeps now (for tests).</summary>
    internal int KeptStatements => _commands.Count;

    /// <summary>The transaction the next commands run in (the writer's current one; none for a reader).</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>
    /// The command for <paramref name="sql"/>, compiled at most once, with no parameters bound. It belongs to the
    /// session: callers bind, execute and leave it (never dispose it).
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MostStatements)
            {
                DisposeCommands();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    public void Dispose()
    {
        DisposeCommands();
        connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
