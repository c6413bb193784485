using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace VerzuimBot.Tables.Sqlite;

/// <summary>
/// One SQLite file. Writes are serialised in-process by a gate and across processes by BEGIN IMMEDIATE
/// transactions (plus a busy timeout); reads run beside them (WAL journal). Writes that queue up behind the gate
/// are committed together (group commit, see <see cref="CommitQueued"/>): under load one commit serves many turns
/// instead of each paying its own. Connections stay open with the statements they compiled (<see cref="SqliteSession"/>:
/// the writer, and a pool of idle readers), and checkpoints run beside the writer rather than inside a commit
/// (<see cref="SqliteCheckpoints"/>).
/// Every failure to reach the file becomes <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed class SqliteDatabase
{
    /// <summary>Writes committed at most in one transaction (bounds how long the gate is held for one commit).</summary>
    internal const int MostWritesPerCommit = 64;

    /// <summary>Idle reader sessions kept open (their compiled statements with them); more readers at once are opened and closed.</summary>
    internal const int MostIdleReaders = 16;

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentQueue<QueuedWrite> _queued = new();
    private readonly ConcurrentBag<SqliteSession> _idleReaders = new();
    private readonly string _connectionString;
    private readonly SqliteCheckpoints _checkpoints;

    private volatile bool _initialised;
    private long _commits;
    private SqliteSession? _writer;

    public SqliteDatabase(string filePath)
    {
        FilePath = filePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _checkpoints = new SqliteCheckpoints(() => Open(forWrite: false), _writeGate);
    }

    public string FilePath { get; }

    /// <summary>How many commits wrote at least one queued write (for tests of the group commit).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    public async Task<T> ReadAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Task.Yield();
        SqliteSession? session = null;
        try
        {
            session = _idleReaders.TryTake(out var idle) ? idle : new SqliteSession(Open(forWrite: false));
            var result = work(session);
            if (_idleReaders.Count < MostIdleReaders)
            {
                _idleReaders.Add(session);
                session = null;
            }

            return result;
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
        finally
        {
            // A session that failed is not reused: whatever went wrong may have been its connection.
            session?.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> atomically: all of it is committed or none of it. It may share its commit with other
    /// writes queued at the same time, each inside its own savepoint, so one write's failure never touches another's.
    /// A write cancelled while it waits is not run; once a commit has taken it, its outcome stands.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        var write = new QueuedWrite<T>(work);
        _queued.Enqueue(write);
        try
        {
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!write.TryCancel())
        {
            // An earlier writer's commit already took this write: report what happened to it.
            return await write.Outcome.ConfigureAwait(false);
        }

        try
        {
            // Writers queued before this one come first; a commit takes at most MostWritesPerCommit of them.
            while (!write.Taken)
            {
                CommitQueued();
            }
        }
        finally
        {
            _writeGate.Release();
        }

        return await write.Outcome.ConfigureAwait(false);
    }

    /// <summary>Takes the writes waiting now (those not cancelled) and commits them in one transaction.</summary>
    private void CommitQueued()
    {
        var batch = new List<QueuedWrite>();
        while (batch.Count < MostWritesPerCommit && _queued.TryDequeue(out var next))
        {
            if (next.TryTake())
            {
                batch.Add(next);
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            var writer = Writer();
            using var transaction = writer.Connection.BeginTransaction(deferred: false);
            writer.Transaction = transaction;
            if (batch is [var only])
            {
                // Alone: no savepoint needed, a failure leaves without Commit and rolls everything back.
                only.Run(writer);
                if (only.Failed)
                {
                    only.Complete();
                    return;
                }
            }
            else
            {
                foreach (var write in batch)
                {
                    writer.Command("SAVEPOINT write;").ExecuteNonQuery();
                    write.Run(writer);
                    if (write.Failed)
                    {
                        writer.Command("ROLLBACK TO SAVEPOINT write;").ExecuteNonQuery();
                    }

                    writer.Command("RELEASE SAVEPOINT write;").ExecuteNonQuery();
                }
            }

            transaction.Commit();
            Interlocked.Increment(ref _commits);
            _checkpoints.Schedule();
        }
        catch (Exception exception)
        {
            // The commit itself (or a rollback to a savepoint) failed: nothing of this batch was written. The next commit
            // opens the file afresh (it may have been the file that failed).
            DropWriter();
            foreach (var write in batch)
            {
                write.Abandon(Translate(exception) ?? exception);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    /// <summary>
    /// The one connection that writes, used only under the gate. Kept open so that its page cache stays valid between
    /// commits (it made the changes itself), where a pooled connection would re-read every page another one wrote.
    /// </summary>
    private SqliteSession Writer()
    {
        return _writer ??= new SqliteSession(Open(forWrite: true));
    }

    private void DropWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private SqliteConnection Open(bool forWrite)
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
        // before the commit returns); only a power failure may lose the last commits. Per connection, and only
        // commits depend on it. The writer also keeps a large page cache (it made every change itself, so the cache
        // stays valid between commits and a write rarely reads from the file), keeps the savepoints' journals in memory,
        // and leaves checkpoints to SqliteCheckpoints; a WAL file larger than the limit is cut back after one.
        if (forWrite)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText =
                "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; " +
                "PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;";
            pragma.ExecuteNonQuery();
        }
        else
        {
            // A reader's page cache is emptied whenever another connection has committed, which under load is before
            // nearly every read; emptying sweeps the cache's whole hash table. So a small cache: 256 KB, not SQLite's 2 MB.
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size=-256;";
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

    /// <summary>The store's typed exception for a failure of SQLite or of its directory; null for any other exception.</summary>
    private static Exception? Translate(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 1 } sqlite when sqlite.Message.Contains("no such table", StringComparison.Ordinal) =>
            new TableStoreException(404, "TableNotFound", "The table does not exist; create it first.", sqlite),
        SqliteException sqlite when IsUnavailable(sqlite.SqliteErrorCode) =>
            new StoreUnavailableException($"The embedded store cannot be used (SQLite error {sqlite.SqliteErrorCode}); nothing was written.", sqlite),
        IOException or UnauthorizedAccessException =>
            new StoreUnavailableException("The embedded store's data directory cannot be used; nothing was written.", exception),
        _ => null,
    };

    // PERM, BUSY, LOCKED, NOMEM, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB.
    private static bool IsUnavailable(int code) => code is 3 or 5 or 6 or 7 or 8 or 10 or 11 or 13 or 14 or 26;

    /// <summary>A write waiting for the gate: queued, then cancelled by its caller or taken by exactly one commit.</summary>
    private abstract class QueuedWrite
    {
        private const int Waiting = 0;
        private const int Cancelled = 1;
        private const int TakenByCommit = 2;

        private int _state;

        public bool Taken => Volatile.Read(ref _state) == TakenByCommit;

        public abstract bool Failed { get; }

        public bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting;

        public bool TryTake() => Interlocked.CompareExchange(ref _state, TakenByCommit, Waiting) == Waiting;

        /// <summary>Runs the work; its own failure is kept for <see cref="Complete"/>, not thrown.</summary>
        public abstract void Run(SqliteSession session);

        /// <summary>After the commit: the result, or the work's own failure (its savepoint was rolled back).</summary>
        public abstract void Complete();

        /// <summary>The commit failed: whatever the work did was not written.</summary>
        public abstract void Abandon(Exception failure);

        protected static Exception Translated(Exception exception) => Translate(exception) ?? exception;
    }

    private sealed class QueuedWrite<T>(Func<SqliteSession, T> work) : QueuedWrite
    {
        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Outcome => _outcome.Task;

        public override bool Failed => _failure is not null;

        public override void Run(SqliteSession session)
        {
            try
            {
                _result = work(session);
            }
            catch (Exception exception)
            {
                _failure = Translated(exception);
            }
        }

        public override void Complete()
        {
            if (_failure is not null)
            {
                _outcome.TrySetException(_failure);
            }
            else
            {
                _outcome.TrySetResult(_result!);
            }
        }

        public override void Abandon(Exception failure) => _outcome.TrySetException(_failure ?? failure);
    }
}
