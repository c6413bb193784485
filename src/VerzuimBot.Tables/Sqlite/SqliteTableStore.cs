using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using VerzuimBot.Tables.Validation;

namespace VerzuimBot.Tables.Sqlite;

/// <summary>One table of the embedded store, with the Azure Table service's semantics.</summary>
internal sealed class SqliteTableStore : ITableStore
{
    public const int MaxPageSize = 1000;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly string _sqlName;

    public SqliteTableStore(SqliteDatabase database, string tableName, TimeProvider time)
    {
        EntityRules.ValidateTableName(tableName);
        _database = database;
        _time = time;
        TableName = tableName;
        // Safe to embed: the name was validated to letters and digits only.
        _sqlName = "\"t_" + tableName.ToLowerInvariant() + "\"";
    }

    public string TableName { get; }

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        _database.WriteAsync(session =>
        {
            // Not kept among the session's statements: it runs once per table.
            using var command = session.Connection.CreateCommand();
            command.Transaction = session.Transaction;
            command.CommandText =
                $"CREATE TABLE IF NOT EXISTS {_sqlName} (PartitionKey TEXT NOT NULL, RowKey TEXT NOT NULL, ETag TEXT NOT NULL, " +
                "Timestamp INTEGER NOT NULL, Properties TEXT NOT NULL, PRIMARY KEY (PartitionKey, RowKey)) WITHOUT ROWID;";
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        return _database.ReadAsync(session => Find(session, partitionKey, rowKey), cancellationToken);
    }

    public async Task<string> AddAsync(TableEntity entity, CancellationToken cancellationToken = default) =>
        (await WriteSingleAsync(new TableTransactionAction(TableTransactionActionType.Add, entity), cancellationToken).ConfigureAwait(false))!;

    public async Task<string> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        var type = mode == TableUpdateMode.Merge ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.UpsertReplace;
        return (await WriteSingleAsync(new TableTransactionAction(type, entity), cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<string> UpdateAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        var type = mode == TableUpdateMode.Merge ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace;
        return (await WriteSingleAsync(new TableTransactionAction(type, entity, ifMatch), cancellationToken).ConfigureAwait(false))!;
    }

    public async Task DeleteAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        var action = new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ifMatch);
        try
        {
            await WriteSingleAsync(action, cancellationToken).ConfigureAwait(false);
        }
        catch (EntityNotFoundException)
        {
            // Deleting what is not there is not an error (the contract); the service answers 404.
        }
    }

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TransactionRules.Validate(actions);
        var serialized = actions.Select(SerializedOutsideTheGate).ToArray();
        return _database.WriteAsync<IReadOnlyList<string>>(session =>
        {
            var etags = new List<string>(actions.Count);
            for (var i = 0; i < actions.Count; i++)
            {
                try
                {
                    etags.Add(Apply(session, actions[i], serialized[i]));
                }
                catch (TableStoreException exception) when (exception is not StoreUnavailableException)
                {
                    // Leaving without Commit rolls the whole transaction back.
                    throw new TableTransactionFailedException(i, exception);
                }
            }

            return etags;
        }, cancellationToken);
    }

    public Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.Top ?? MaxPageSize, 1, MaxPageSize);
        var after = continuationToken is null ? null : DecodeToken(continuationToken);
        return _database.ReadAsync(session =>
        {
            var parameters = new List<SqliteParameter>();
            var conditions = new List<string>();
            if (query.Filter is not null)
            {
                conditions.Add(SqliteFilterTranslator.Translate(query.Filter, parameters));
            }

            if (after is not null)
            {
                parameters.Add(new SqliteParameter("$afterPk", after.Value.PartitionKey));
                parameters.Add(new SqliteParameter("$afterRk", after.Value.RowKey));
                conditions.Add("(PartitionKey > $afterPk OR (PartitionKey = $afterPk AND RowKey > $afterRk))");
            }

            parameters.Add(new SqliteParameter("$limit", pageSize + 1));
            var command = session.Command(
                $"SELECT PartitionKey, RowKey, ETag, Timestamp, Properties FROM {_sqlName}" +
                (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : string.Empty) +
                " ORDER BY PartitionKey, RowKey LIMIT $limit;");
            command.Parameters.AddRange(parameters);
            var entities = new List<TableEntity>(Math.Min(pageSize, 64));
            var more = false;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (entities.Count == pageSize)
                    {
                        more = true;
                        break;
                    }

                    entities.Add(Project(Read(reader), query.Select));
                }
            }

            var token = more ? EncodeToken(entities[^1].PartitionKey, entities[^1].RowKey) : null;
            return new TablePage(entities, token);
        }, cancellationToken);
    }

    public IAsyncEnumerable<TableEntity> QueryAsync(TableQuery query, CancellationToken cancellationToken = default) =>
        TablePaging.EnumerateAsync(this, query, cancellationToken);

    private async Task<string?> WriteSingleAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        if (action.Type == TableTransactionActionType.Delete)
        {
            EntityRules.ValidateKey(action.Entity.PartitionKey, TableEntity.PartitionKeyName);
            EntityRules.ValidateKey(action.Entity.RowKey, TableEntity.RowKeyName);
        }
        else
        {
            EntityRules.Validate(action.Entity);
        }

        var serialized = SerializedOutsideTheGate(action);
        var etag = await _database.WriteAsync(session => Apply(session, action, serialized), cancellationToken).ConfigureAwait(false);
        if (action.Type != TableTransactionActionType.Delete)
        {
            action.Entity.ETag = etag;
        }

        return etag;
    }

    /// <summary>
    /// The stored form of what the action writes, made before the write queues for the gate (only one write runs at a
    /// time, so work done inside it is work every waiting turn waits for); null for a merge, which needs the stored row.
    /// </summary>
    private static string? SerializedOutsideTheGate(TableTransactionAction action) =>
        action.Type is TableTransactionActionType.Delete or TableTransactionActionType.UpsertMerge or TableTransactionActionType.UpdateMerge
            ? null
            : SqlitePropertyCodec.Serialize(action.Entity.Properties);

    /// <summary>
    /// One action, with the service's conditions. Only a merge reads the stored row first; the other kinds are one statement
    /// whose affected-row count says whether the condition held (then the row is read only to name the failure).
    /// </summary>
    private string Apply(SqliteSession session, TableTransactionAction action, string? serialized)
    {
        var entity = action.Entity;
        var conditional = action.IfMatch is { } ifMatch && ifMatch != "*";
        var sameRow = "PartitionKey = $pk AND RowKey = $rk" + (conditional ? " AND ETag = $ifMatch" : string.Empty);
        if (action.Type == TableTransactionActionType.Delete)
        {
            var delete = session.Command($"DELETE FROM {_sqlName} WHERE {sameRow};");
            BindRow(delete, entity, conditional ? action.IfMatch : null);
            if (delete.ExecuteNonQuery() == 0)
            {
                throw WhyNot(session, entity);
            }

            return string.Empty;
        }

        IEnumerable<KeyValuePair<string, object>> properties = entity.Properties;
        if (action.Type is TableTransactionActionType.UpsertMerge or TableTransactionActionType.UpdateMerge
            && Find(session, entity.PartitionKey, entity.RowKey) is { } existing)
        {
            if (conditional && !string.Equals(action.IfMatch, existing.ETag, StringComparison.Ordinal))
            {
                throw new PreconditionFailedException("The entity was changed since it was read.");
            }

            var merged = new Dictionary<string, object>(existing.Properties, StringComparer.Ordinal);
            foreach (var (name, value) in entity.Properties)
            {
                merged[name] = value;
            }

            properties = merged;
        }

        var etag = "W/\"sqlite'" + Guid.NewGuid().ToString("N") + "'\"";
        const string Columns = "(PartitionKey, RowKey, ETag, Timestamp, Properties) VALUES ($pk, $rk, $etag, $ts, $props)";
        var command = session.Command(action.Type switch
        {
            TableTransactionActionType.Add => $"INSERT INTO {_sqlName} {Columns} ON CONFLICT (PartitionKey, RowKey) DO NOTHING;",
            TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace =>
                $"UPDATE {_sqlName} SET ETag = $etag, Timestamp = $ts, Properties = $props WHERE {sameRow};",
            _ => $"INSERT OR REPLACE INTO {_sqlName} {Columns};",
        });
        BindRow(command, entity, conditional ? action.IfMatch : null);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$ts", _time.GetUtcNow().UtcTicks);
        command.Parameters.AddWithValue("$props", serialized ?? SqlitePropertyCodec.Serialize(properties));
        if (command.ExecuteNonQuery() == 0)
        {
            throw action.Type == TableTransactionActionType.Add
                ? new EntityAlreadyExistsException("The specified entity already exists.")
                : WhyNot(session, entity);
        }

        return etag;
    }

    /// <summary>Why a conditional update or delete touched no row: the row is not there, or it changed since it was read.</summary>
    private TableStoreException WhyNot(SqliteSession session, TableEntity entity) =>
        Find(session, entity.PartitionKey, entity.RowKey) is null
            ? new EntityNotFoundException("The specified entity does not exist.")
            : new PreconditionFailedException("The entity was changed since it was read.");

    private static void BindRow(SqliteCommand command, TableEntity entity, string? ifMatch)
    {
        command.Parameters.AddWithValue("$pk", entity.PartitionKey);
        command.Parameters.AddWithValue("$rk", entity.RowKey);
        if (ifMatch is not null)
        {
            command.Parameters.AddWithValue("$ifMatch", ifMatch);
        }
    }

    private TableEntity? Find(SqliteSession session, string partitionKey, string rowKey)
    {
        var command = session.Command($"SELECT PartitionKey, RowKey, ETag, Timestamp, Properties FROM {_sqlName} WHERE PartitionKey = $pk AND RowKey = $rk;");
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$rk", rowKey);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static TableEntity Read(SqliteDataReader reader)
    {
        var entity = new TableEntity(reader.GetString(0), reader.GetString(1))
        {
            ETag = reader.GetString(2),
            Timestamp = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
        };
        // The column's UTF-8 bytes as stored (sqlite3_column_blob on text), not a string decoded and encoded again.
        SqlitePropertyCodec.Deserialize(reader.GetFieldValue<byte[]>(4), entity.Properties);
        return entity;
    }

    private static TableEntity Project(TableEntity entity, IReadOnlyList<string>? select)
    {
        if (select is null || select.Count == 0)
        {
            return entity;
        }

        foreach (var name in entity.Properties.Keys.Where(name => !select.Contains(name, StringComparer.Ordinal)).ToList())
        {
            entity.Properties.Remove(name);
        }

        return entity;
    }

    private static string EncodeToken(string partitionKey, string rowKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(partitionKey + "\0" + rowKey));

    private static (string PartitionKey, string RowKey)? DecodeToken(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\0');
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
