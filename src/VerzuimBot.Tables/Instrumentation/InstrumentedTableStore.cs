using System.Diagnostics;

namespace VerzuimBot.Tables.Instrumentation;

/// <summary>Counts and traces each call of one table, then hands it to the real store.</summary>
internal sealed class InstrumentedTableStore(ITableStore inner) : ITableStore
{
    public string TableName => inner.TableName;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        RunAsync(TableOperation.CreateTable, null, async () =>
        {
            await inner.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        RunAsync(TableOperation.Get, null, () => inner.GetAsync(partitionKey, rowKey, cancellationToken));

    public Task<string> AddAsync(TableEntity entity, CancellationToken cancellationToken = default) =>
        RunAsync(TableOperation.Add, null, () => inner.AddAsync(entity, cancellationToken));

    public Task<string> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        RunAsync(TableOperation.Upsert, null, () => inner.UpsertAsync(entity, mode, cancellationToken));

    public Task<string> UpdateAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default) =>
        RunAsync(TableOperation.Update, null, () => inner.UpdateAsync(entity, ifMatch, mode, cancellationToken));

    public Task DeleteAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default) =>
        RunAsync(TableOperation.Delete, null, async () =>
        {
            await inner.DeleteAsync(partitionKey, rowKey, ifMatch, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default) =>
        RunAsync(TableOperation.Transaction, activity => activity.SetTag(TableActivities.BatchSizeTag, actions?.Count ?? 0), () => inner.SubmitTransactionAsync(actions!, cancellationToken));

    public async Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        using var activity = Start(TableOperation.QueryPage);
        return await ObserveAsync(activity, async () =>
        {
            var page = await inner.QueryPageAsync(query, continuationToken, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(TableActivities.ReturnedRowsTag, page.Entities.Count);
            return page;
        }).ConfigureAwait(false);
    }

    /// <summary>Page by page through <see cref="QueryPageAsync"/>, so each page is counted and traced.</summary>
    public IAsyncEnumerable<TableEntity> QueryAsync(TableQuery query, CancellationToken cancellationToken = default) =>
        TablePaging.EnumerateAsync(this, query, cancellationToken);

    private async Task<T> RunAsync<T>(TableOperation operation, Action<Activity>? describe, Func<Task<T>> call)
    {
        using var activity = Start(operation);
        if (activity is not null)
        {
            describe?.Invoke(activity);
        }

        return await ObserveAsync(activity, call).ConfigureAwait(false);
    }

    private Activity? Start(TableOperation operation)
    {
        TableCallCounter.Record(inner.TableName, operation);
        var activity = TableActivities.Source.StartActivity(operation + " " + inner.TableName, ActivityKind.Client);
        activity?.SetTag(TableActivities.TableTag, inner.TableName)
            .SetTag(TableActivities.OperationTag, operation.ToString())
            .SetTag(TableActivities.KindTag, TableActivities.Kind(operation));
        return activity;
    }

    private static async Task<T> ObserveAsync<T>(Activity? activity, Func<Task<T>> call)
    {
        try
        {
            var result = await call().ConfigureAwait(false);
            activity?.SetStatus(ActivityStatusCode.Ok);
            return result;
        }
        catch (Exception exception) when (activity is not null && Describe(activity, exception))
        {
            throw;
        }
    }

    // Only the type, status and error code: an exception's message may quote a request, and so a key.
    private static bool Describe(Activity activity, Exception exception)
    {
        activity.SetTag(TableActivities.ErrorTypeTag, exception.GetType().Name);
        if (exception is TableStoreException failed)
        {
            activity.SetTag(TableActivities.StatusCodeTag, failed.Status);
            if (failed is TableTransactionFailedException transaction)
            {
                activity.SetTag(TableActivities.FailedActionTag, transaction.FailedActionIndex);
            }

            activity.SetStatus(ActivityStatusCode.Error, failed.ErrorCode);
        }
        else
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        }

        return false;
    }
}
