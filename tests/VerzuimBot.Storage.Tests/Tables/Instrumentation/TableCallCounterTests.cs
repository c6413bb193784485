using VerzuimBot.Storage.Tests.Infrastructure;
using VerzuimBot.Tables;
using VerzuimBot.Tables.Instrumentation;

namespace VerzuimBot.Storage.Tests.Tables.Instrumentation;

/// <summary>Issue 17 item 4: the round trips of a piece of work, counted by kind, so tests can set ceilings per turn.</summary>
public sealed class TableCallCounterTests : IDisposable
{
    private readonly SqliteBackend _backend = new();
    private readonly InstrumentedTableStoreFactory _tables;

    public TableCallCounterTests() => _tables = new InstrumentedTableStoreFactory(_backend.Factory);

    public void Dispose() => _backend.Dispose();

    [Fact]
    public async Task Begin_EachOperationKind_CountsOneRoundTripOfItsKind()
    {
        var table = _tables.GetTable(Backend.UniqueTableName());
        using var scope = TableCallCounter.Begin();

        await table.CreateIfNotExistsAsync();
        var etag = await table.AddAsync(new TableEntity("p", "a") { ["V"] = 1 });
        await table.GetAsync("p", "a");
        await table.UpsertAsync(new TableEntity("p", "b"));
        await table.UpdateAsync(new TableEntity("p", "a") { ["V"] = 2 }, etag);
        await table.DeleteAsync("p", "b");
        await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "c")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "d")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "a") { ["W"] = 3 }),
        ]);
        await table.QueryPageAsync(new TableQuery(TableFilter.PartitionKeyEquals("p")));

        Assert.Equal(2, scope.Reads);
        Assert.Equal(5, scope.Writes);
        Assert.Equal(8, scope.RoundTrips);
        Assert.Equal(1, scope.Count(TableOperation.CreateTable));
        Assert.Equal(1, scope.Count(TableOperation.Transaction));
        Assert.Equal(
            [TableOperation.CreateTable, TableOperation.Add, TableOperation.Get, TableOperation.Upsert, TableOperation.Update, TableOperation.Delete, TableOperation.Transaction, TableOperation.QueryPage],
            scope.Calls.Select(call => call.Operation));
        Assert.All(scope.Calls, call => Assert.Equal(table.TableName, call.Table));
    }

    [Fact]
    public async Task QueryAsync_FollowingContinuationPages_CountsOneReadPerPage()
    {
        var table = await NewTableAsync();
        for (var i = 0; i < 5; i++)
        {
            await table.AddAsync(new TableEntity("p", "r" + i));
        }

        using var scope = TableCallCounter.Begin();
        var seen = 0;
        await foreach (var _ in table.QueryAsync(new TableQuery(Top: 2)))
        {
            seen++;
        }

        Assert.Equal(5, seen);
        Assert.Equal(3, scope.Count(TableOperation.QueryPage));
        Assert.Equal(3, scope.Reads);
        Assert.Equal(0, scope.Writes);
    }

    [Fact]
    public async Task SubmitTransaction_OfAHundredActions_IsOneWrite()
    {
        var table = await NewTableAsync();
        using var scope = TableCallCounter.Begin();

        await table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r" + i))).ToList());

        Assert.Equal(1, scope.Writes);
        Assert.Equal(1, scope.RoundTrips);
    }

    [Fact]
    public async Task FailedCall_IsStillARoundTrip()
    {
        var table = await NewTableAsync();
        await table.AddAsync(new TableEntity("p", "r"));
        using var scope = TableCallCounter.Begin();

        await Assert.ThrowsAsync<EntityAlreadyExistsException>(() => table.AddAsync(new TableEntity("p", "r")));
        await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r"))]));

        Assert.Equal(2, scope.Writes);
    }

    [Fact]
    public async Task NestedScope_CountsIntoTheOuterScopeToo_AndStopsWhenDisposed()
    {
        var table = await NewTableAsync();
        using var outer = TableCallCounter.Begin();
        await table.GetAsync("p", "1");

        using (var inner = TableCallCounter.Begin())
        {
            await table.GetAsync("p", "2");
            await table.UpsertAsync(new TableEntity("p", "3"));
            Assert.Equal(1, inner.Reads);
            Assert.Equal(1, inner.Writes);
            inner.Dispose();
            await table.GetAsync("p", "4");
            Assert.Equal(1, inner.Reads);
        }

        Assert.Equal(3, outer.Reads);
        Assert.Equal(1, outer.Writes);
    }

    [Fact]
    public async Task ParallelCalls_InsideTheScope_AreAllCounted()
    {
        var table = await NewTableAsync();
        using var scope = TableCallCounter.Begin();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => table.GetAsync("p", "r" + i))));

        Assert.Equal(20, scope.Reads);
    }

    [Fact]
    public async Task ConcurrentFlows_EachWithItsOwnScope_CountOnlyTheirOwnCalls()
    {
        var table = await NewTableAsync();

        async Task<int> ReadsOfAFlowAsync(int gets)
        {
            using var scope = TableCallCounter.Begin();
            for (var i = 0; i < gets; i++)
            {
                await table.GetAsync("p", "r" + i);
                await Task.Yield();
            }

            return scope.Reads;
        }

        var counted = await Task.WhenAll(ReadsOfAFlowAsync(1), ReadsOfAFlowAsync(4), ReadsOfAFlowAsync(7));

        Assert.Equal([1, 4, 7], counted);
    }

    [Fact]
    public async Task ToString_NamesTheTableAndOperationOfEachCall_ButNoKeys()
    {
        var table = await NewTableAsync();
        using var scope = TableCallCounter.Begin();
        await table.GetAsync("leerling-123456", "99DE00");
        await table.UpsertAsync(new TableEntity("leerling-123456", "99DE00"));

        var text = scope.ToString();

        Assert.Equal($"1 reads, 1 writes: {table.TableName} Get, {table.TableName} Upsert", text);
    }

    private async Task<ITableStore> NewTableAsync()
    {
        var table = _tables.GetTable(Backend.UniqueTableName());
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
