using System.Collections.Concurrent;
using System.Diagnostics;
using VerzuimBot.Storage.Tests.Infrastructure;
using VerzuimBot.Tables;
using VerzuimBot.Tables.Instrumentation;

namespace VerzuimBot.Storage.Tests.Tables.Instrumentation;

/// <summary>
/// Issue 17 item 4 and the brief's telemetry rule: an activity per store call with the table, the operation and
/// the outcome, and nothing of the keys (pseudonymous student and school ids) or the values (children's data).
/// </summary>
public sealed class TableActivitiesTests : IDisposable
{
    private const string StudentKey = "leerling-5551234";
    private const string SchoolKey = "99ZZ07";
    private const string ChildName = "Fenna de Boer";

    private readonly SqliteBackend _backend = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly string _tableName = Backend.UniqueTableName("act");

    public TableActivitiesTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TableActivities.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _stopped.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _backend.Dispose();
    }

    [Fact]
    public async Task EveryCall_IsAnActivityWithTableOperationAndOutcome_AndNoKeysOrValues()
    {
        var table = new InstrumentedTableStoreFactory(_backend.Factory).GetTable(_tableName);
        await table.CreateIfNotExistsAsync();
        var etag = await table.AddAsync(new TableEntity(SchoolKey, StudentKey) { ["Name"] = ChildName });
        await table.GetAsync(SchoolKey, StudentKey);
        await table.UpdateAsync(new TableEntity(SchoolKey, StudentKey) { ["Name"] = ChildName + " 2" }, etag);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => table.UpdateAsync(new TableEntity(SchoolKey, StudentKey) { ["Name"] = ChildName }, etag));
        await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(SchoolKey, StudentKey + "-b") { ["Name"] = ChildName }),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(SchoolKey, StudentKey)),
        ]));
        await foreach (var _ in table.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals(SchoolKey).And(TableFilter.Equal("Name", ChildName + " 2")))))
        {
        }

        await table.DeleteAsync(SchoolKey, StudentKey);

        var activities = Mine();
        Assert.Equal(
            ["CreateTable", "Add", "Get", "Update", "Update", "Transaction", "QueryPage", "Delete"],
            activities.Select(activity => activity.GetTagItem(TableActivities.OperationTag)));
        Assert.All(activities, activity =>
        {
            Assert.Equal(TableActivities.SourceName, activity.Source.Name);
            Assert.Equal(ActivityKind.Client, activity.Kind);
            Assert.Equal(_tableName, activity.GetTagItem(TableActivities.TableTag));
            Assert.Contains(activity.GetTagItem(TableActivities.KindTag), new object[] { "read", "write", "admin" });
            Assert.NotEqual(ActivityStatusCode.Unset, activity.Status);
            foreach (var text in Texts(activity))
            {
                Assert.DoesNotContain(StudentKey, text, StringComparison.Ordinal);
                Assert.DoesNotContain(SchoolKey, text, StringComparison.Ordinal);
                Assert.DoesNotContain("Fenna", text, StringComparison.Ordinal);
            }
        });

        var stale = activities[4];
        Assert.Equal(ActivityStatusCode.Error, stale.Status);
        Assert.Equal("UpdateConditionNotSatisfied", stale.StatusDescription);
        Assert.Equal(412, stale.GetTagItem(TableActivities.StatusCodeTag));
        Assert.Equal(nameof(PreconditionFailedException), stale.GetTagItem(TableActivities.ErrorTypeTag));

        var transaction = activities[5];
        Assert.Equal(2, transaction.GetTagItem(TableActivities.BatchSizeTag));
        Assert.Equal(1, transaction.GetTagItem(TableActivities.FailedActionTag));
        Assert.Equal("write", transaction.GetTagItem(TableActivities.KindTag));

        var query = activities[6];
        Assert.Equal(ActivityStatusCode.Ok, query.Status);
        Assert.Equal("read", query.GetTagItem(TableActivities.KindTag));
        Assert.Equal(1, query.GetTagItem(TableActivities.ReturnedRowsTag));
    }

    [Fact]
    public async Task RefusedBeforeSending_IsAnErrorActivity_WithoutTheExceptionMessage()
    {
        var table = new InstrumentedTableStoreFactory(_backend.Factory).GetTable(_tableName);
        await table.CreateIfNotExistsAsync();

        // The message of this refusal quotes the key; the activity must not.
        await Assert.ThrowsAsync<ArgumentException>(() => table.AddAsync(new TableEntity(SchoolKey, StudentKey) { [ChildName.Replace(' ', '_') + "?"] = 1 }));

        var refused = Mine().Single(activity => (string?)activity.GetTagItem(TableActivities.OperationTag) == "Add");
        Assert.Equal(ActivityStatusCode.Error, refused.Status);
        Assert.Equal(nameof(ArgumentException), refused.GetTagItem(TableActivities.ErrorTypeTag));
        Assert.All(Texts(refused), text => Assert.DoesNotContain("Fenna", text, StringComparison.Ordinal));
    }

    // In the order they stopped, which for calls made one after another is the order they were made.
    private List<Activity> Mine() =>
        _stopped.Where(activity => (string?)activity.GetTagItem(TableActivities.TableTag) == _tableName).ToList();

    private static IEnumerable<string> Texts(Activity activity) =>
        new[] { activity.DisplayName, activity.OperationName, activity.StatusDescription ?? string.Empty }
            .Concat(activity.TagObjects.Select(tag => tag.Key + "=" + tag.Value))
            .Concat(activity.Events.Select(e => e.Name))
            .Concat(activity.Baggage.Select(b => b.Key + "=" + b.Value));
}
