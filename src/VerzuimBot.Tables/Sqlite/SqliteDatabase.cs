using Microsoft.Data.Sqlite;

namespace VerzuimBot.Tables.Sqlite;

/// <summary>
/// One SQLite file. Writes are serialised in-process by a gate and across processes by
/// BEGIN IMMEDIATE transactions (plus a busy timeout); reads run beside them (WAL journal).
/// Every failure to reach the file becomes <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed class SqliteDatabase(string filePath)
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = filePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private volatile bool _initialised;

    public string FilePath { get; } = filePath;

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Task.Yield();
        return Guard(() =>
        {
            using var connection = Open();
            return work(connection);
        });
    }

    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Guard(() =>
            {
                using var connection = Open();
                using var transaction = connection.BeginTransaction(deferred: false);
                var result = work(connection, transaction);
                transaction.Commit();
                return result;
            });
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private SqliteConnection Open()
    {
        if (!_initialised)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(FilePath));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // WAL with synchronous=NORMAL: a commit survives a crash or kill of the process (the WAL is written
        // before the commit returns); only a power failure may lose the last commits. Per connection.
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }

        if (!_initialised)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
            _initialised = true;
        }

        return connection;
    }

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 1 && exception.Message.Contains("no such table", StringComparison.Ordinal))
        {
            throw new TableStoreException(404, "TableNotFound", "The table does not exist; create it first.", exception);
        }
        catch (SqliteException exception) when (IsUnavailable(exception.SqliteErrorCode))
        {
            throw new StoreUnavailableException($"The embedded store cannot be used (SQLite error {exception.SqliteErrorCode}); nothing was written.", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException("The embedded store's data directory cannot be used; nothing was written.", exception);
        }
    }

    // PERM, BUSY, LOCKED, NOMEM, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB.
    private static bool IsUnavailable(int code) => code is 3 or 5 or 6 or 7 or 8 or 10 or 11 or 13 or 14 or 26;
}
