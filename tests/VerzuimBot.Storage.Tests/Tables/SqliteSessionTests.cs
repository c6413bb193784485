using VerzuimBot.Storage.Tests.Infrastructure;
using VerzuimBot.Tables;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Storage.Tests.Tables;

/// <summary>
/// The embedded store keeps its connections open with their compiled statements (readers in a pool, one writer) and
/// checkpoints beside the writer (issue 17). A kept statement must never keep a reader on an old snapshot: every read
/// sees every write that completed before it began, while writes, merges, failed conditions and checkpoints go on.
/// </summary>
public sealed class SqliteSessionTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteTableStore _table;
    private readonly string _path;
    private readonly SqliteDatabase _database;

    public SqliteSessionTests()
    {
        _path = Path.Combine(_directory.Path, SqliteTableStoreFactory.DatabaseFileName);
        _database = new SqliteDatabase(_path);
        _table = new SqliteTableStore(_database, "Sessions", TimeProvider.System);
    }

    [Fact]
    public async Task ReadsUnderConcurrentWrites_SeeEveryCompletedWrite()
    {
        await _table.CreateIfNotExistsAsync();
        for (var i = 0; i < 64; i++)
        {
            await _table.AddAsync(new TableEntity("school", $"R|{i:D3}") { ["Role"] = "Mentor" });
        }

        // Readers do a fixed number of reads and writers keep going until they are done: how many reads fit into a
        // stretch of wall time depends on the machine (on a loaded CI runner the thread pool ran the writers' continuations
        // first and eight readers managed 2-4 reads in three seconds).
        const int ReadsPerReader = 150;
        long completed = -1;
        var firstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var readersDone = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !readersDone.IsCancellationRequested; n++)
            {
                var key = w * 1_000_000L + n;
                await _table.AddAsync(new TableEntity("school", $"E|{key:D12}") { ["Writer"] = w, ["Text"] = new string('x', 600) });
                await _table.UpsertAsync(new TableEntity("school", $"H|{w}") { ["Last"] = key }, TableUpdateMode.Merge);
                await Assert.ThrowsAsync<EntityAlreadyExistsException>(() => _table.AddAsync(new TableEntity("school", "R|000")));
                InterlockedMax(ref completed, key);
                Volatile.Write(ref _lastByWriter[w], key);
                firstWrite.TrySetResult();
            }
        })).ToList();
        await firstWrite.Task.WaitAsync(TimeSpan.FromMinutes(1));

        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var newestWritesSeen = new HashSet<long>();
            for (var read = 0; read < ReadsPerReader; read++)
            {
                var w = Random.Shared.Next(8);
                var last = Volatile.Read(ref _lastByWriter[w]);
                var roles = await _table.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals("school").And(TableFilter.GreaterThanOrEqual(TableEntity.RowKeyName, "R|")).And(TableFilter.LessThan(TableEntity.RowKeyName, "R}")))).ToListAsync(CancellationToken.None);
                Assert.Equal(64, roles.Count);
                if (last >= 0)
                {
                    Assert.NotNull(await _table.GetAsync("school", $"E|{last:D12}"));
                    var head = await _table.GetAsync("school", $"H|{w}");
                    Assert.True(head is not null && (long)head["Last"]! >= last, $"writer {w}: head behind {last}");
                }

                newestWritesSeen.Add(Volatile.Read(ref completed));
            }

            return newestWritesSeen.Count;
        })).ToList();

        // The time limit only keeps a hang from stalling the run; it is not what the test checks.
        Task<int[]> reading = Task.WhenAll(readers);
        try
        {
            await reading.WaitAsync(TimeSpan.FromMinutes(3));
        }
        finally
        {
            await readersDone.CancelAsync();
            await Task.WhenAll(writers);
        }

        // Every reader read while writes went on: the newest completed write changed between its reads.
        Assert.All(await reading, newestWrites => Assert.True(newestWrites > 1, $"{newestWrites} newest write(s) seen"));
    }

    [Fact]
    public async Task ASessionCompilesAStatementOnce_AndKeepsAtMostItsBound()
    {
        await _table.CreateIfNotExistsAsync();
        using var session = new SqliteSession(new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False"));
        session.Connection.Open();

        var first = session.Command("SELECT count(*) FROM \"t_sessions\" WHERE PartitionKey = $pk;");
        first.Parameters.AddWithValue("$pk", "school");
        Assert.Equal(0L, first.ExecuteScalar());
        var again = session.Command("SELECT count(*) FROM \"t_sessions\" WHERE PartitionKey = $pk;");

        Assert.Same(first, again);
        Assert.Empty(again.Parameters);
        for (var i = 0; i < 3 * SqliteSession.MostStatements; i++)
        {
            var command = session.Command($"SELECT {i} + $n;");
            command.Parameters.AddWithValue("$n", 1);
            Assert.Equal(i + 1L, command.ExecuteScalar());
            Assert.InRange(session.KeptStatements, 1, SqliteSession.MostStatements);
        }
    }

    [Fact]
    public async Task MoreQueryShapesThanAReaderKeeps_EachAnswersRight()
    {
        await _table.CreateIfNotExistsAsync();
        for (var i = 0; i < 20; i++)
        {
            await _table.AddAsync(new TableEntity("school", $"row{i:D2}") { ["N"] = i });
        }

        // Every query has its own text (one more condition each), more than a session keeps.
        for (var shape = 1; shape <= SqliteSession.MostStatements + 40; shape++)
        {
            var filter = TableFilter.PartitionKeyEquals("school");
            for (var c = 0; c < shape; c++)
            {
                filter = filter.And(TableFilter.NotEqual("N", c % 20));
            }

            var rows = await _table.QueryAsync(new TableQuery(filter)).ToListAsync(CancellationToken.None);
            Assert.Equal(Math.Max(0, 20 - shape), rows.Count);
        }
    }

    [Fact]
    public async Task Commits_AreCheckpointedIntoTheDatabaseFile_BesideTheWriter()
    {
        await _table.CreateIfNotExistsAsync();
        var before = new FileInfo(_path).Length;

        // About 1 MB in 400 commits: without a checkpoint it would all stay in the WAL (the writer's automatic one is off).
        for (var i = 0; i < 400; i++)
        {
            await _table.AddAsync(new TableEntity("school", $"row{i:D3}") { ["Text"] = new string('x', 2_500) });
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (new FileInfo(_path).Length < before + 800_000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(new FileInfo(_path).Length >= before + 800_000, $"database file {new FileInfo(_path).Length} bytes");
        Assert.Equal(400, (await _table.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals("school"))).ToListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task UnderSteadyReadsAndWrites_TheWalStartsOver_InsteadOfGrowing()
    {
        await _table.CreateIfNotExistsAsync();
        await _table.AddAsync(new TableEntity("school", "R|000"));
        var first = WalCheckpointSequence();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Assert.NotNull(await _table.GetAsync("school", "R|000"));
            }
        })).ToList();

        // Readers never pause, and eight writers keep a write always queued: SQLite alone would (almost) never start the WAL
        // over. Each time it does, the WAL header's checkpoint sequence number goes up. With the checkpoints beside the
        // writer it happens every few thousand writes (one checkpoint round, 250 ms); without them hundreds of thousands of
        // writes go by.
        const int MostWrites = 200_000;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var writes = 0;
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            while (WalCheckpointSequence() < first + 2 && Volatile.Read(ref writes) < MostWrites && DateTime.UtcNow < deadline)
            {
                var n = Interlocked.Increment(ref writes);
                await _table.UpsertAsync(new TableEntity("school", $"E|{w}|{n % 100:D3}") { ["N"] = n, ["Text"] = new string('x', 300) });
            }
        })).ToList();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.True(WalCheckpointSequence() >= first + 2, $"the WAL did not start over twice in {writes} writes");
    }

    /// <summary>The WAL header's checkpoint sequence number (bytes 12–15, big-endian), which SQLite raises each time the WAL starts over.</summary>
    private long WalCheckpointSequence()
    {
        using var wal = new FileStream(_path + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[16];
        wal.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12, 4));
    }

    private readonly long[] _lastByWriter = Enumerable.Repeat(-1L, 8).ToArray();

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public void Dispose() => _directory.Dispose();
}
