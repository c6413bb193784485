using Azure;
using Azure.Data.Tables;
using VerzuimBot.Tables.Validation;
using SdkEntity = Azure.Data.Tables.TableEntity;
using SdkUpdateMode = Azure.Data.Tables.TableUpdateMode;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>One table over the SDK's <see cref="TableClient"/>; every call is one request (plus the SDK's retries).</summary>
internal sealed class AzureTableStore(TableClient client) : ITableStore
{
    public const int MaxPageSize = 1000;

    // A projection still returns the keys and the timestamp, as the SQLite store does.
    private static readonly string[] SystemColumns = [TableEntity.PartitionKeyName, TableEntity.RowKeyName, "Timestamp"];

    public string TableName => client.Name;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        AzureErrors.RunAsync(() => client.CreateIfNotExistsAsync(cancellationToken), "create table", cancellationToken);

    public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        return AzureErrors.RunAsync(async () =>
        {
            var response = await client.GetEntityIfExistsAsync<SdkEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!response.HasValue)
            {
                AzureErrors.ThrowIfTableMissing(response.GetRawResponse());
                return null;
            }

            return SdkEntities.FromSdk(response.Value!);
        }, "get", cancellationToken);
    }

    public Task<string> AddAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        EntityRules.Validate(entity);
        return WriteAsync(entity, () => client.AddEntityAsync(SdkEntities.ToSdk(entity), cancellationToken), "add", cancellationToken);
    }

    public Task<string> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        EntityRules.Validate(entity);
        return WriteAsync(entity, () => client.UpsertEntityAsync(SdkEntities.ToSdk(entity), Sdk(mode), cancellationToken), "upsert", cancellationToken);
    }

    public Task<string> UpdateAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        EntityRules.Validate(entity);
        return WriteAsync(entity, () => client.UpdateEntityAsync(SdkEntities.ToSdk(entity), SdkEntities.ToETag(ifMatch), Sdk(mode), cancellationToken), "update", cancellationToken);
    }

    public Task DeleteAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        EntityRules.ValidateKey(partitionKey, TableEntity.PartitionKeyName);
        EntityRules.ValidateKey(rowKey, TableEntity.RowKeyName);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return AzureErrors.RunAsync(async () =>
        {
            // The SDK answers a missing entity with its 404 instead of throwing: not an error (the contract).
            var response = await client.DeleteEntityAsync(partitionKey, rowKey, SdkEntities.ToETag(ifMatch), cancellationToken).ConfigureAwait(false);
            AzureErrors.ThrowIfTableMissing(response);
            return response;
        }, "delete", cancellationToken);
    }

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TransactionRules.Validate(actions);
        var sdkActions = actions.Select(SdkEntities.ToSdk).ToList();
        return AzureErrors.RunAsync<IReadOnlyList<string>>(async () =>
        {
            var response = await client.SubmitTransactionAsync(sdkActions, cancellationToken).ConfigureAwait(false);
            var etags = new List<string>(actions.Count);
            for (var i = 0; i < actions.Count; i++)
            {
                var etag = response.Value[i].Headers.ETag?.ToString() ?? string.Empty;
                if (actions[i].Type != TableTransactionActionType.Delete)
                {
                    actions[i].Entity.ETag = etag;
                }

                etags.Add(etag);
            }

            return etags;
        }, "transaction", cancellationToken);
    }

    public Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = query.Filter is null ? null : SdkFilter.Render(query.Filter);
        IEnumerable<string>? select = null;
        if (query.Select is { Count: > 0 })
        {
            foreach (var name in query.Select)
            {
                EntityRules.ValidatePropertyName(name);
            }

            select = SystemColumns.Concat(query.Select).Distinct(StringComparer.Ordinal).ToList();
        }

        var pageSize = Math.Clamp(query.Top ?? MaxPageSize, 1, MaxPageSize);
        return AzureErrors.RunAsync(async () =>
        {
            var pages = client.QueryAsync<SdkEntity>(filter, pageSize, select, cancellationToken).AsPages(continuationToken, pageSize);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                // One page is one request; the next one is the caller's call.
                return new TablePage(page.Values.Select(SdkEntities.FromSdk).ToList(), string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }

            return new TablePage([], null);
        }, "query", cancellationToken);
    }

    public IAsyncEnumerable<TableEntity> QueryAsync(TableQuery query, CancellationToken cancellationToken = default) =>
        TablePaging.EnumerateAsync(this, query, cancellationToken);

    private static SdkUpdateMode Sdk(TableUpdateMode mode) => mode == TableUpdateMode.Merge ? SdkUpdateMode.Merge : SdkUpdateMode.Replace;

    private static Task<string> WriteAsync(TableEntity entity, Func<Task<Response>> write, string operation, CancellationToken cancellationToken) =>
        AzureErrors.RunAsync(async () =>
        {
            var response = await write().ConfigureAwait(false);
            var etag = response.Headers.ETag?.ToString() ?? string.Empty;
            entity.ETag = etag;
            return etag;
        }, operation, cancellationToken);
}
