namespace VerzuimBot.Tables;

/// <summary>
/// One table in table storage, with Azure Table Storage semantics: entities addressed by
/// partition key and row key, optimistic concurrency through ETags, atomic transactions
/// within one partition (at most 100 actions), paged queries with continuation tokens.
/// Implemented over the Azure.Data.Tables SDK and over embedded SQLite; one contract test
/// suite proves both behave the same.
/// </summary>
/// <remarks>
/// Errors are typed (<see cref="TableStoreException"/> and subclasses): an existing key on add
/// is <see cref="EntityAlreadyExistsException"/>, an ETag mismatch is
/// <see cref="PreconditionFailedException"/>, a store that cannot be reached (after retries)
/// is <see cref="StoreUnavailableException"/>. Nothing is ever reported as written unless it was.
/// Thread-safe.
/// </remarks>
public interface ITableStore
{
    string TableName { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <returns>The entity, or null when it does not exist.</returns>
    Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>Inserts; fails with <see cref="EntityAlreadyExistsException"/> when the key exists.</summary>
    /// <returns>The new ETag.</returns>
    Task<string> AddAsync(TableEntity entity, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces/merges without any concurrency check.</summary>
    Task<string> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates an existing entity when its ETag still equals <paramref name="ifMatch"/>
    /// ("*" for any). Mismatch: <see cref="PreconditionFailedException"/>; missing entity:
    /// <see cref="EntityNotFoundException"/>.
    /// </summary>
    Task<string> UpdateAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default);

    /// <summary>Deletes when the ETag matches ("*" for any). A missing entity is not an error.</summary>
    Task DeleteAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default);

    /// <summary>
    /// All actions in one partition, at most 100, all or nothing. When one action fails nothing
    /// is written and <see cref="TableTransactionFailedException"/> names the failing action.
    /// </summary>
    /// <returns>The new ETag of each action, in order (empty string for deletes).</returns>
    Task<IReadOnlyList<string>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default);

    /// <summary>One page of results (at most 1000, or <see cref="TableQuery.Top"/>).</summary>
    Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>Every matching entity, following continuation tokens.</summary>
    IAsyncEnumerable<TableEntity> QueryAsync(TableQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Hands out <see cref="ITableStore"/>s of one storage account or database.</summary>
public interface ITableStoreFactory
{
    ITableStore GetTable(string tableName);
}

public enum TableUpdateMode
{
    Merge,
    Replace,
}

/// <summary>A page of query results; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Entities, string? ContinuationToken);

/// <summary>A query: a filter (null for all), optional projection and page size.</summary>
public sealed record TableQuery(TableFilter? Filter = null, IReadOnlyList<string>? Select = null, int? Top = null);

/// <summary>One action of an entity group transaction.</summary>
public sealed record TableTransactionAction(TableTransactionActionType Type, TableEntity Entity, string IfMatch = "*");

public enum TableTransactionActionType
{
    Add,
    UpsertMerge,
    UpsertReplace,
    UpdateMerge,
    UpdateReplace,
    Delete,
}
