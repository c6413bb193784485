using VerzuimBot.Storage.Tests.Infrastructure;
using VerzuimBot.Tables;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Storage.Tests.Tables;

/// <summary>
/// The embedded store commits the writes that queue up behind the write gate together (issue 17: the completing
/// ziekmelding under load). Each write must stay what it was alone: all or nothing, its failure its own, and a write
/// cancelled while it waits never written.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteTableStore _table;
    private readonly ManualResetEventSlim _holding = new();
    private readonly ManualResetEventSlim _release = new();

    public SqliteGroupCommitTests()
    {
        _database = new SqliteDatabase(Path.Combine(_directory.Path, SqliteTableStoreFactory.DatabaseFileName));
        _table = new SqliteTableStore(_database, "Group", TimeProvider.System);
    }

    [Fact]
    public async Task WritesQueuedBehindARunningWrite_ShareOneCommit_AndAreAllStored()
    {
        await _table.CreateIfNotExistsAsync();
        var holder = HoldTheGate();
        var commitsBefore = _database.Commits;

        var queued = Enumerable.Range(0, 20).Select(i => _table.AddAsync(new TableEntity("school", $"row{i:D2}") { ["N"] = i })).ToList();
        _release.Set();
        await holder;
        await Task.WhenAll(queued);

        Assert.Equal(2, _database.Commits - commitsBefore);
        var stored = await ReadAllAsync();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"row{i:D2}"), stored.Select(e => e.RowKey));
        Assert.Equal(stored.Select(e => e.ETag), queued.Select(write => write.Result));
    }

    [Fact]
    public async Task AFailingTransactionInASharedCommit_IsRolledBackAlone()
    {
        await _table.CreateIfNotExistsAsync();
        await _table.AddAsync(new TableEntity("school", "taken"));
        var holder = HoldTheGate();

        var before = _table.AddAsync(new TableEntity("school", "before"));
        var failing = _table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("school", "half")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("school", "taken")),
        ]);
        var after = _table.AddAsync(new TableEntity("school", "after"));
        _release.Set();
        await holder;

        await before;
        await after;
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => failing);
        Assert.Equal(1, error.FailedActionIndex);
        Assert.Equal(["after", "before", "taken"], (await ReadAllAsync()).Select(e => e.RowKey));
    }

    [Fact]
    public async Task AConditionalWriteQueuedAfterAnother_SeesItsResult()
    {
        await _table.CreateIfNotExistsAsync();
        var etag = await _table.AddAsync(new TableEntity("school", "claim") { ["Owner"] = "nobody" });
        var holder = HoldTheGate();

        // Two instances claim the same row with the ETag they read: in one commit, exactly one wins.
        var first = _table.UpdateAsync(new TableEntity("school", "claim") { ["Owner"] = "a" }, etag);
        var second = _table.UpdateAsync(new TableEntity("school", "claim") { ["Owner"] = "b" }, etag);
        _release.Set();
        await holder;

        await first;
        await Assert.ThrowsAsync<PreconditionFailedException>(() => second);
        Assert.Equal("a", (await _table.GetAsync("school", "claim"))!["Owner"]);
    }

    [Fact]
    public async Task AWriteCancelledWhileWaiting_IsNeverWritten()
    {
        await _table.CreateIfNotExistsAsync();
        var holder = HoldTheGate();
        using var cancel = new CancellationTokenSource();

        var cancelled = _table.AddAsync(new TableEntity("school", "cancelled"), cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        var later = _table.AddAsync(new TableEntity("school", "later"));
        _release.Set();
        await holder;
        await later;

        Assert.Equal(["later"], (await ReadAllAsync()).Select(e => e.RowKey));
    }

    public void Dispose()
    {
        _release.Set();
        _holding.Dispose();
        _release.Dispose();
        _directory.Dispose();
    }

    /// <summary>A write that holds the gate until released, so that the writes started meanwhile queue behind it.</summary>
    private Task HoldTheGate()
    {
        var holder = Task.Run(() => _database.WriteAsync(_ =>
        {
            _holding.Set();
            _release.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }, CancellationToken.None));
        Assert.True(_holding.Wait(TimeSpan.FromSeconds(30)));
        return holder;
    }

    private async Task<List<TableEntity>> ReadAllAsync()
    {
        var page = await _table.QueryPageAsync(new TableQuery(TableFilter.PartitionKeyEquals("school")));
        return [.. page.Entities];
    }
}
