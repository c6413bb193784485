using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using VerzuimBot.Tables.Validation;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>One table over the Azure Table service REST API (version 2019-02-02, JSON minimal metadata).</summary>
internal sealed class AzureTableStore : ITableStore
{
    public const int MaxPageSize = 1000;
    private const string Accept = "application/json;odata=minimalmetadata";
    private static readonly RequestMethod Merge = new("MERGE");

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly string _base;

    public AzureTableStore(HttpPipeline pipeline, Uri tableEndpoint, string tableName)
    {
        EntityRules.ValidateTableName(tableName);
        _pipeline = pipeline;
        _endpoint = tableEndpoint;
        _base = tableEndpoint.AbsoluteUri.TrimEnd('/');
        TableName = tableName;
    }

    public string TableName { get; }

    internal static string EntityPath(string tableName, string partitionKey, string rowKey) =>
        $"{tableName}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = TableName });
        using var message = await SendAsync(RequestMethod.Post, "Tables", body, "application/json", request => request.Headers.Add("Prefer", "return-no-content"), cancellationToken).ConfigureAwait(false);
        var status = message.Response.Status;
        if (status is 201 or 204 || (status == 409 && ErrorCode(message.Response) == "TableAlreadyExists"))
        {
            return;
        }

        throw Failure(message.Response, "create table");
    }

    public async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        using var message = await SendAsync(RequestMethod.Get, EntityPath(TableName, partitionKey, rowKey), null, null, null, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 404 && ErrorCode(response) != "TableNotFound")
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw Failure(response, "get");
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entity = EntityJson.Deserialize(document.RootElement);
        if (response.Headers.TryGetValue("ETag", out var etag))
        {
            entity.ETag = etag;
        }

        return entity;
    }

    public async Task<string> AddAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        EntityRules.Validate(entity);
        using var message = await SendAsync(RequestMethod.Post, TableName, EntityJson.Serialize(entity), "application/json", request => request.Headers.Add("Prefer", "return-no-content"), cancellationToken).ConfigureAwait(false);
        return Written(entity, message.Response, "add", 201, 204);
    }

    public async Task<string> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        EntityRules.Validate(entity);
        var method = mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put;
        using var message = await SendAsync(method, EntityPath(TableName, entity.PartitionKey, entity.RowKey), EntityJson.Serialize(entity), "application/json", null, cancellationToken).ConfigureAwait(false);
        return Written(entity, message.Response, "upsert", 204);
    }

    public async Task<string> UpdateAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        EntityRules.Validate(entity);
        var method = mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put;
        using var message = await SendAsync(method, EntityPath(TableName, entity.PartitionKey, entity.RowKey), EntityJson.Serialize(entity), "application/json", request => request.Headers.Add("If-Match", ifMatch), cancellationToken).ConfigureAwait(false);
        return Written(entity, message.Response, "update", 204);
    }

    public async Task DeleteAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        EntityRules.ValidateKey(partitionKey, TableEntity.PartitionKeyName);
        EntityRules.ValidateKey(rowKey, TableEntity.RowKeyName);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = await SendAsync(RequestMethod.Delete, EntityPath(TableName, partitionKey, rowKey), null, null, request => request.Headers.Add("If-Match", ifMatch), cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 204 || (response.Status == 404 && ErrorCode(response) != "TableNotFound"))
        {
            return;
        }

        throw Failure(response, "delete");
    }

    public async Task<IReadOnlyList<string>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TransactionRules.Validate(actions);
        var (body, contentType) = TableBatch.Build(_endpoint, TableName, actions, Accept);
        using var message = await SendAsync(RequestMethod.Post, "$batch", body, contentType, null, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 202)
        {
            throw Failure(response, "transaction");
        }

        var parts = TableBatch.Parse(response.Content.ToString());
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Status >= 400)
            {
                var index = TableBatch.FailedIndex(parts[i], i, actions.Count);
                var (code, _) = TableBatch.Error(parts[i].Body);
                throw new TableTransactionFailedException(index, Map(parts[i].Status, code ?? string.Empty, "transaction action"));
            }
        }

        if (parts.Count != actions.Count)
        {
            throw new TableStoreException(502, "InvalidBatchResponse", $"The transaction answer had {parts.Count} parts for {actions.Count} actions.");
        }

        var etags = new List<string>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            var etag = parts[i].Headers.TryGetValue("ETag", out var value) ? value : string.Empty;
            if (actions[i].Type != TableTransactionActionType.Delete)
            {
                actions[i].Entity.ETag = etag;
            }

            etags.Add(etag);
        }

        return etags;
    }

    public async Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<string>();
        if (query.Filter is not null)
        {
            parameters.Add("$filter=" + Uri.EscapeDataString(ODataFilterRenderer.Render(query.Filter)));
        }

        if (query.Select is { Count: > 0 })
        {
            foreach (var name in query.Select)
            {
                EntityRules.ValidatePropertyName(name);
            }

            var columns = new[] { TableEntity.PartitionKeyName, TableEntity.RowKeyName, "Timestamp" }.Concat(query.Select).Distinct(StringComparer.Ordinal);
            parameters.Add("$select=" + Uri.EscapeDataString(string.Join(',', columns)));
        }

        parameters.Add("$top=" + Math.Clamp(query.Top ?? MaxPageSize, 1, MaxPageSize).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (continuationToken is not null)
        {
            var (nextPartition, nextRow) = DecodeToken(continuationToken);
            parameters.Add("NextPartitionKey=" + Uri.EscapeDataString(nextPartition));
            if (nextRow.Length > 0)
            {
                parameters.Add("NextRowKey=" + Uri.EscapeDataString(nextRow));
            }
        }

        var path = TableName + "()?" + string.Join('&', parameters);
        using var message = await SendAsync(RequestMethod.Get, path, null, null, null, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw Failure(response, "query");
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entities = document.RootElement.GetProperty("value").EnumerateArray().Select(EntityJson.Deserialize).ToList();
        string? token = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPk) && !string.IsNullOrEmpty(nextPk))
        {
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRk);
            token = EncodeToken(nextPk, nextRk ?? string.Empty);
        }

        return new TablePage(entities, token);
    }

    public IAsyncEnumerable<TableEntity> QueryAsync(TableQuery query, CancellationToken cancellationToken = default) =>
        TablePaging.EnumerateAsync(this, query, cancellationToken);

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private async Task<HttpMessage> SendAsync(RequestMethod method, string relativePath, byte[]? body, string? contentType, Action<Request>? configure, CancellationToken cancellationToken)
    {
        var message = _pipeline.CreateMessage();
        try
        {
            var request = message.Request;
            request.Method = method;
            request.Uri.Reset(new Uri(_base + "/" + relativePath));
            request.Headers.Add("x-ms-version", "2019-02-02");
            request.Headers.Add("DataServiceVersion", "3.0;NetFx");
            request.Headers.Add("MaxDataServiceVersion", "3.0;NetFx");
            request.Headers.Add("Accept", Accept);
            if (body is not null)
            {
                request.Content = RequestContent.Create(body);
                request.Headers.Add("Content-Type", contentType!);
            }

            configure?.Invoke(request);
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            message.Dispose();
            throw;
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException or HttpRequestException or IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            message.Dispose();
            throw new StoreUnavailableException("The table service could not be reached; the operation was not confirmed and must be retried.", exception);
        }

        if (message.ResponseClassifier.IsRetriableResponse(message))
        {
            // Still failing after the pipeline's retries.
            var status = message.Response.Status;
            message.Dispose();
            throw new StoreUnavailableException($"The table service kept answering {status}; the operation was not confirmed and must be retried.");
        }

        return message;
    }

    private static string Written(TableEntity entity, Response response, string operation, params int[] success)
    {
        if (!success.Contains(response.Status))
        {
            throw Failure(response, operation);
        }

        var etag = response.Headers.TryGetValue("ETag", out var value) ? value : string.Empty;
        entity.ETag = etag;
        return etag;
    }

    private static string ErrorCode(Response response)
    {
        if (response.Headers.TryGetValue("x-ms-error-code", out var code) && !string.IsNullOrEmpty(code))
        {
            return code;
        }

        return TableBatch.Error(response.Content.ToString()).Code ?? string.Empty;
    }

    private static TableStoreException Failure(Response response, string operation) => Map(response.Status, ErrorCode(response), operation);

    private static TableStoreException Map(int status, string code, string operation) => (status, code) switch
    {
        (409, "EntityAlreadyExists") or (409, "") => new EntityAlreadyExistsException("The specified entity already exists."),
        (412, _) => new PreconditionFailedException("The entity was changed since it was read."),
        (404, "TableNotFound") => new TableStoreException(404, code, "The table does not exist; create it first."),
        (404, _) => new EntityNotFoundException("The specified entity does not exist."),
        (400 or 413, "EntityTooLarge" or "PropertyValueTooLarge" or "RequestBodyTooLarge" or "TooManyProperties") =>
            new TableLimitExceededException($"The service refused the {operation}: {code}."),
        _ => new TableStoreException(status, code.Length > 0 ? code : "Unknown", $"The table service refused the {operation} ({status} {code})."),
    };

    private static string EncodeToken(string nextPartitionKey, string nextRowKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(nextPartitionKey + "\n" + nextRowKey));

    private static (string NextPartitionKey, string NextRowKey) DecodeToken(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\n');
            if (parts.Length == 2)
            {
                return (parts[0], parts[1]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException("Not a continuation token of this store.", nameof(token));
    }
}
