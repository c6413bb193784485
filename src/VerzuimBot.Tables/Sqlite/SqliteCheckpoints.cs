using Microsoft.Data.Sqlite;

namespace VerzuimBot.Tables.Sqlite;

/// <summary>
/// Checkpoints beside the writer, not inside its commit (SQLite's automatic checkpoint copies and syncs the WAL while the
/// write gate is held, stalling every queued turn). One is scheduled after a commit unless one is already due.
/// </summary>
internal sealed class SqliteCheckpoints(Func<SqliteConnection> open, SemaphoreSlim writeGate)
{
    /// <summary>WAL frames (pages) above which a checkpoint makes sure the WAL starts over (SQLite's own default is 1,000).</summary>
    internal const int FramesBeforeRestart = 1000;

    /// <summary>How long commits gather in the WAL before a checkpoint copies them into the database file.</summary>
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _scheduled;
    private SqliteConnection? _connection;

    /// <summary>After a commit: a checkpoint soon, on a thread of its own.</summary>
    public void Schedule()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = Task.Run(RunSoonAsync);
        }
    }

    private async Task RunSoonAsync()
    {
        await Task.Delay(Delay).ConfigureAwait(false);
        Volatile.Write(ref _scheduled, 0);
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            _connection ??= open();

            // PASSIVE: copies what no reader still needs, never waits for readers or the writer. This is the long part.
            if (Checkpoint(_connection, "PASSIVE") < FramesBeforeRestart)
            {
                return;
            }

            // SQLite starts the WAL file over only when a write begins with every frame copied and no reader still in the
            // WAL; under steady reads and writes that moment never comes and the file grows without bound. So, while no
            // write can start, copy the few frames appended meanwhile and wait for the readers still in the WAL (reads
            // take milliseconds): RESTART leaves the WAL to start over at the next write.
            await writeGate.WaitAsync().ConfigureAwait(false);
            try
            {
                Checkpoint(_connection, "RESTART");
            }
            finally
            {
                writeGate.Release();
            }
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            // Nothing is lost: the commits stay in the WAL, the next commit schedules another checkpoint, and SQLite
            // checkpoints when the last connection closes. A connection that failed is opened afresh.
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>A checkpoint in the given mode; returns the frames in the WAL (SQLite's "log" column).</summary>
    private static long Checkpoint(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
    }
}
