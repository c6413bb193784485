using VerzuimBot.Storage.Tests.Infrastructure;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Tests.Tables;

/// <summary>The behaviour every <see cref="ITableStore"/> backend must share; run once per backend.</summary>
public abstract class TableStoreContract(Backend backend) : IDisposable
{
    protected Backend Backend { get; } = backend;

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task<ITableStore> NewTableAsync()
    {
        var table = Backend.Factory.GetTable(Backend.UniqueTableName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    [Fact]
    public async Task CreateIfNotExists_CalledTwice_KeepsTheData()
    {
        var table = await NewTableAsync();
        await table.AddAsync(new TableEntity("p", "r") { ["Name"] = "x" });
        await table.CreateIfNotExistsAsync();
        Assert.Equal("x", (await table.GetAsync("p", "r"))!.GetString("Name"));
    }

    [Fact]
    public async Task Operations_OnMissingTable_ThrowTableNotFound()
    {
        var table = Backend.Factory.GetTable(Backend.UniqueTableName());
        var error = await Assert.ThrowsAsync<TableStoreException>(() => table.AddAsync(new TableEntity("p", "r")));
        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
        Assert.Equal("TableNotFound", (await Assert.ThrowsAsync<TableStoreException>(() => table.GetAsync("p", "r"))).ErrorCode);
        Assert.Equal("TableNotFound", (await Assert.ThrowsAsync<TableStoreException>(() => table.DeleteAsync("p", "r"))).ErrorCode);
    }

    [Fact]
    public async Task AddThenGet_EveryPropertyType_RoundTripsExactly()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 3, 29, 2, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567);
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var bytes = new byte[] { 0, 1, 2, 254, 255 };
        var entity = new TableEntity("p", "r")
        {
            ["Text"] = "O'Brien \u00e9\u00e8 \ud83d\ude00 \"quoted\"",
            ["Empty"] = string.Empty,
            ["Int"] = -42,
            ["Long"] = long.MaxValue,
            ["SmallLong"] = 7L,
            ["Bool"] = true,
            ["False"] = false,
            ["Double"] = 0.1 + 0.2,
            ["WholeDouble"] = 2.0,
            ["Huge"] = 1.7976931348623157E+308,
            ["When"] = when,
            ["Guid"] = guid,
            ["Binary"] = bytes,
        };
        var etag = await table.AddAsync(entity);

        var read = await table.GetAsync("p", "r");

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal(entity.Properties.Count, read.Properties.Count);
        Assert.Equal("O'Brien \u00e9\u00e8 \ud83d\ude00 \"quoted\"", read["Text"]);
        Assert.Equal(string.Empty, read["Empty"]);
        Assert.Equal(-42, Assert.IsType<int>(read["Int"]));
        Assert.Equal(long.MaxValue, Assert.IsType<long>(read["Long"]));
        Assert.Equal(7L, Assert.IsType<long>(read["SmallLong"]));
        Assert.True(Assert.IsType<bool>(read["Bool"]));
        Assert.False(Assert.IsType<bool>(read["False"]));
        Assert.Equal(0.1 + 0.2, Assert.IsType<double>(read["Double"]));
        Assert.Equal(2.0, Assert.IsType<double>(read["WholeDouble"]));
        Assert.Equal(1.7976931348623157E+308, Assert.IsType<double>(read["Huge"]));
        // The service keeps the instant to 100 ns but not the offset: it comes back in UTC.
        var readWhen = Assert.IsType<DateTimeOffset>(read["When"]);
        Assert.Equal(when.UtcTicks, readWhen.UtcTicks);
        Assert.Equal(TimeSpan.Zero, readWhen.Offset);
        Assert.Equal(guid, Assert.IsType<Guid>(read["Guid"]));
        Assert.Equal(bytes, Assert.IsType<byte[]>(read["Binary"]));
    }

    [Fact]
    public async Task AddThenGet_KeysWithPunctuation_RoundTrip()
    {
        var table = await NewTableAsync();
        string[] keys = ["19:abc;messageid=1@thread.tacv2", "a b+c", "O'Brien", "caf\u00e9 \u2603", "x=y&z", "(paren)", "*star*", "comma,semi;"];
        foreach (var key in keys)
        {
            await table.AddAsync(new TableEntity(key, key) { ["Key"] = key });
        }

        foreach (var key in keys)
        {
            var read = await table.GetAsync(key, key);
            Assert.Equal(key, read?.GetString("Key"));
            Assert.Equal(key, read?.PartitionKey);
            await table.UpdateAsync(new TableEntity(key, key) { ["Key"] = key + "!" }, read!.ETag!);
            await table.DeleteAsync(key, key);
            Assert.Null(await table.GetAsync(key, key));
        }
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    public async Task Add_KeyWithForbiddenCharacter_IsRefusedBeforeSending(string key)
    {
        var table = await NewTableAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => table.AddAsync(new TableEntity(key, "r")));
        await Assert.ThrowsAsync<ArgumentException>(() => table.AddAsync(new TableEntity("p", key)));
    }

    [Fact]
    public async Task Get_Missing_ReturnsNull()
    {
        var table = await NewTableAsync();
        Assert.Null(await table.GetAsync("p", "nothing"));
    }

    [Fact]
    public async Task Add_ExistingKey_ThrowsEntityAlreadyExists()
    {
        var table = await NewTableAsync();
        await table.AddAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var error = await Assert.ThrowsAsync<EntityAlreadyExistsException>(() => table.AddAsync(new TableEntity("p", "r") { ["V"] = 2 }));
        Assert.Equal(409, error.Status);
        Assert.Equal(1, (await table.GetAsync("p", "r"))!.GetInt32("V"));
    }

    [Fact]
    public async Task Update_WithStaleETag_ThrowsPreconditionFailed_AndKeepsTheNewerValue()
    {
        var table = await NewTableAsync();
        var first = await table.AddAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var second = await table.UpdateAsync(new TableEntity("p", "r") { ["V"] = 2 }, first);
        Assert.NotEqual(first, second);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => table.UpdateAsync(new TableEntity("p", "r") { ["V"] = 3 }, first));
        await Assert.ThrowsAsync<PreconditionFailedException>(() => table.DeleteAsync("p", "r", first));

        var read = await table.GetAsync("p", "r");
        Assert.Equal(2, read!.GetInt32("V"));
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task Update_Missing_ThrowsEntityNotFound_AndDeleteMissingIsFine()
    {
        var table = await NewTableAsync();
        await Assert.ThrowsAsync<EntityNotFoundException>(() => table.UpdateAsync(new TableEntity("p", "r"), "*"));
        await table.DeleteAsync("p", "r");
        Assert.Null(await table.GetAsync("p", "r"));
    }

    [Fact]
    public async Task Upsert_MergeKeepsOtherProperties_ReplaceDropsThem()
    {
        var table = await NewTableAsync();
        await table.UpsertAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });
        await table.UpsertAsync(new TableEntity("p", "r") { ["B"] = "b2" }, TableUpdateMode.Merge);
        var merged = await table.GetAsync("p", "r");
        Assert.Equal("a", merged!.GetString("A"));
        Assert.Equal("b2", merged.GetString("B"));

        await table.UpdateAsync(new TableEntity("p", "r") { ["C"] = "c" }, merged.ETag!, TableUpdateMode.Replace);
        var replaced = await table.GetAsync("p", "r");
        Assert.Equal(["C"], replaced!.Properties.Keys);
    }

    [Fact]
    public async Task ConcurrentUpdates_WithTheSameETag_ExactlyOneWins()
    {
        var table = await NewTableAsync();
        var etag = await table.AddAsync(new TableEntity("p", "r") { ["Owner"] = "none" });

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await table.UpdateAsync(new TableEntity("p", "r") { ["Owner"] = "i" + i }, etag);
                return true;
            }
            catch (PreconditionFailedException)
            {
                return false;
            }
        });
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task Transaction_AllActions_AreAppliedTogether()
    {
        var table = await NewTableAsync();
        var existing = await table.AddAsync(new TableEntity("p", "keep") { ["V"] = 1 });
        await table.AddAsync(new TableEntity("p", "gone"));
        var etags = await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "new") { ["V"] = 1 }),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("p", "keep") { ["W"] = 2 }, existing),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsert") { ["V"] = 3 }),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "gone")),
        ]);

        Assert.Equal(4, etags.Count);
        Assert.Equal((await table.GetAsync("p", "new"))!.ETag, etags[0]);
        var kept = await table.GetAsync("p", "keep");
        Assert.Equal(1, kept!.GetInt32("V"));
        Assert.Equal(2, kept.GetInt32("W"));
        Assert.Equal(3, (await table.GetAsync("p", "upsert"))!.GetInt32("V"));
        Assert.Null(await table.GetAsync("p", "gone"));
    }

    [Fact]
    public async Task Transaction_WithOneFailingAction_LeavesNothingBehind()
    {
        var table = await NewTableAsync();
        await table.AddAsync(new TableEntity("p", "taken") { ["V"] = "original" });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "b")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "taken") { ["V"] = "overwritten" }),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "c")),
        ]));

        Assert.Equal(2, error.FailedActionIndex);
        Assert.Equal(409, error.Status);
        Assert.Null(await table.GetAsync("p", "a"));
        Assert.Null(await table.GetAsync("p", "b"));
        Assert.Null(await table.GetAsync("p", "c"));
        Assert.Equal("original", (await table.GetAsync("p", "taken"))!.GetString("V"));
    }

    [Fact]
    public async Task Transaction_WithStaleETag_FailsWithPreconditionAndLeavesNothing()
    {
        var table = await NewTableAsync();
        var stale = await table.AddAsync(new TableEntity("p", "head") { ["Version"] = 1 });
        await table.UpdateAsync(new TableEntity("p", "head") { ["Version"] = 2 }, stale);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "event")),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "head") { ["Version"] = 3 }, stale),
        ]));

        Assert.Equal(1, error.FailedActionIndex);
        Assert.IsType<PreconditionFailedException>(error.InnerException);
        Assert.Null(await table.GetAsync("p", "event"));
    }

    [Fact]
    public async Task Transaction_BreakingTheServiceRules_IsRefusedBeforeSending()
    {
        var table = await NewTableAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p1", "a")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p2", "b")),
        ]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r" + i))).ToList()));
        Assert.Null(await table.GetAsync("p1", "a"));
    }

    [Fact]
    public async Task Query_CrossingThePageBoundary_ReturnsEveryEntityExactlyOnce()
    {
        var table = await NewTableAsync();
        const int perPartition = 900;
        string[] partitions = ["a", "b", "c"];
        foreach (var partition in partitions)
        {
            foreach (var chunk in Enumerable.Range(0, perPartition).Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk
                    .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i }))
                    .ToList());
            }
        }

        var first = await table.QueryPageAsync(new TableQuery());
        Assert.Equal(1000, first.Entities.Count);
        Assert.NotNull(first.ContinuationToken);

        var all = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync(new TableQuery()))
        {
            all.Add(entity);
        }

        Assert.Equal(partitions.Length * perPartition, all.Count);
        Assert.Equal(all.Count, all.Select(e => e.PartitionKey + "/" + e.RowKey).Distinct().Count());
        Assert.Equal(all.OrderBy(e => e.PartitionKey, StringComparer.Ordinal).ThenBy(e => e.RowKey, StringComparer.Ordinal).Select(e => e.RowKey), all.Select(e => e.RowKey));

        var filtered = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync(new TableQuery(TableFilter.GreaterThanOrEqual("N", 100))))
        {
            filtered.Add(entity);
        }

        Assert.Equal(partitions.Length * (perPartition - 100), filtered.Count);
    }

    [Fact]
    public async Task QueryPage_WithTop_PagesInSmallSteps()
    {
        var table = await NewTableAsync();
        for (var i = 0; i < 5; i++)
        {
            await table.AddAsync(new TableEntity("p", "r" + i));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await table.QueryPageAsync(new TableQuery(Top: 2), token);
            Assert.True(page.Entities.Count <= 2);
            seen.AddRange(page.Entities.Select(e => e.RowKey));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], seen);
    }

    [Theory]
    [InlineData("O'Brien", 1)]
    [InlineData("' or 1 eq 1", 1)]
    [InlineData("' or PartitionKey ne '", 0)]
    [InlineData("Jansen' or Name ne '", 0)]
    [InlineData("'' or ''=''", 0)]
    public async Task Query_FilterInjectionStrings_MatchOnlyRowsWithThatExactValue(string name, int expected)
    {
        var table = await NewTableAsync();
        await table.AddAsync(new TableEntity("school", "1") { ["Name"] = "O'Brien" });
        await table.AddAsync(new TableEntity("school", "2") { ["Name"] = "Jansen" });
        await table.AddAsync(new TableEntity("school", "3") { ["Name"] = "' or 1 eq 1" });
        await table.AddAsync(new TableEntity("other", "4") { ["Name"] = "de Vries" });

        var byName = await QueryAll(table, TableFilter.Equal("Name", name));
        var byPartition = await QueryAll(table, TableFilter.PartitionKeyEquals(name));

        Assert.Equal(expected, byName.Count);
        Assert.All(byName, e => Assert.Equal(name, e.GetString("Name")));
        Assert.Empty(byPartition);
    }

    [Fact]
    public async Task Query_TypedComparisons_FollowTheServiceSemantics()
    {
        var table = await NewTableAsync();
        var noon = new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
        var id = Guid.NewGuid();
        for (var i = 0; i < 6; i++)
        {
            await table.AddAsync(new TableEntity("p", "r" + i)
            {
                ["Count"] = (long)i,
                ["Small"] = i,
                ["Open"] = i % 2 == 0,
                ["Due"] = noon.AddHours(i),
                ["Score"] = i / 2.0,
                ["Ref"] = i == 3 ? id : Guid.Empty,
            });
        }

        await table.AddAsync(new TableEntity("p", "untyped") { ["Label"] = "3" });

        Assert.Equal(["r3", "r4", "r5"], Keys(await QueryAll(table, TableFilter.GreaterThanOrEqual("Count", 3L))));
        Assert.Equal(["r0", "r1"], Keys(await QueryAll(table, TableFilter.LessThan("Small", 2))));
        Assert.Equal(["r0", "r2", "r4"], Keys(await QueryAll(table, TableFilter.Equal("Open", true))));
        Assert.Equal(["r0", "r1", "r2"], Keys(await QueryAll(table, TableFilter.LessThanOrEqual("Due", noon.AddHours(2).ToOffset(TimeSpan.FromHours(1))))));
        Assert.Equal(["r4", "r5"], Keys(await QueryAll(table, TableFilter.GreaterThan("Score", 1.5))));
        Assert.Equal(["r3"], Keys(await QueryAll(table, TableFilter.Equal("Ref", id))));
        Assert.Equal(["untyped"], Keys(await QueryAll(table, TableFilter.Equal("Label", "3"))));
        Assert.Equal(["r1", "r4"], Keys(await QueryAll(table, TableFilter.Equal("Count", 1L).Or(TableFilter.Equal("Count", 4L)))));
        Assert.Equal(["r2"], Keys(await QueryAll(table, TableFilter.Equal("Open", true).And(TableFilter.Equal("Count", 2L)))));
        Assert.Equal(["r4", "r5"], Keys(await QueryAll(table, TableFilter.PartitionKeyEquals("p").And(TableFilter.GreaterThanOrEqual("RowKey", "r4")).And(TableFilter.LessThan("RowKey", "r9")))));
    }

    [Fact]
    public async Task Query_WithSelect_ReturnsKeysAndOnlyTheSelectedProperties()
    {
        var table = await NewTableAsync();
        await table.AddAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b", ["C"] = 3 });
        var page = await table.QueryPageAsync(new TableQuery(Select: ["A", "C"]));
        var entity = Assert.Single(page.Entities);
        Assert.Equal("p", entity.PartitionKey);
        Assert.Equal("r", entity.RowKey);
        Assert.Equal(["A", "C"], entity.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.NotNull(entity.ETag);
    }

    [Fact]
    public async Task Limits_PropertyOver64KiB_IsRefusedBeforeSending()
    {
        var table = await NewTableAsync();
        var error = await Assert.ThrowsAsync<TableLimitExceededException>(() => table.AddAsync(new TableEntity("p", "r") { ["Big"] = new string('x', 32 * 1024 + 1) }));
        Assert.Contains("64 KiB", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TableLimitExceededException>(() => table.UpsertAsync(new TableEntity("p", "r") { ["Big"] = new byte[(64 * 1024) + 1] }));
        Assert.Null(await table.GetAsync("p", "r"));

        await table.AddAsync(new TableEntity("p", "max") { ["Big"] = new string('x', 32 * 1024 - 2) });
        Assert.Equal(32 * 1024 - 2, (await table.GetAsync("p", "max"))!.GetString("Big")!.Length);
    }

    [Fact]
    public async Task Limits_EntityOver1MiB_IsRefusedBeforeSending()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            entity["Part" + i] = new string('y', 31_000);
        }

        var error = await Assert.ThrowsAsync<TableLimitExceededException>(() => table.AddAsync(entity));
        Assert.Contains("1 MiB", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TableLimitExceededException>(() => table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, entity)]));
        Assert.Null(await table.GetAsync("p", "r"));
    }

    [Fact]
    public async Task Limits_MoreThan252Properties_IsRefusedBeforeSending()
    {
        var table = await NewTableAsync();
        var tooMany = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            tooMany["P" + i] = i;
        }

        var error = await Assert.ThrowsAsync<TableLimitExceededException>(() => table.AddAsync(tooMany));
        Assert.Contains("252", error.Message, StringComparison.Ordinal);

        tooMany.Properties.Remove("P252");
        await table.AddAsync(tooMany);
        Assert.Equal(252, (await table.GetAsync("p", "r"))!.Properties.Count);
    }

    [Fact]
    public async Task Values_UnsupportedOrOutOfRange_AreRefusedBeforeSending()
    {
        var table = await NewTableAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => table.AddAsync(new TableEntity("p", "r") { ["D"] = 1.5m }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.AddAsync(new TableEntity("p", "r") { ["Old"] = new DateTimeOffset(1600, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
        await Assert.ThrowsAsync<ArgumentException>(() => table.AddAsync(new TableEntity("p", "r") { ["bad name"] = 1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.AddAsync(new TableEntity("p", "r") { ["Score"] = double.NaN }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.UpsertAsync(new TableEntity("p", "r") { ["Score"] = double.NegativeInfinity }));
        Assert.Null(await table.GetAsync("p", "r"));
    }

    protected static async Task<List<TableEntity>> QueryAll(ITableStore table, TableFilter filter)
    {
        var result = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync(new TableQuery(filter)))
        {
            result.Add(entity);
        }

        return result;
    }

    private static string[] Keys(IEnumerable<TableEntity> entities) => entities.Select(e => e.RowKey).ToArray();
}

public sealed class SqliteTableStoreTests() : TableStoreContract(new SqliteBackend());

[Collection(AzuriteCollection.Name)]
public sealed class AzureTableStoreTests(AzuriteFixture azurite) : TableStoreContract(new AzuriteBackend(azurite));
