using System.Buffers.Text;
using System.Text;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.OverlegRoute;

/// <summary>
/// Table "Overleggen". Two kinds of rows:
/// <list type="bullet">
/// <item>an overleg: PartitionKey = school id, RowKey = <c>O|student|overleg</c> — a student's overleggen are one row-key range;</item>
/// <item>a group chat's name as people told it ("overleg hier &lt;naam&gt;"): PartitionKey = <c>chat|tenant</c>, RowKey = conversation id.</item>
/// </list>
/// Ids go into keys Base64Url-encoded, so any id is a valid key on both backends and '|' stays a separator.
/// </summary>
internal sealed class OverlegStore(ITableStoreFactory tables, TimeProvider time) : Access.Retention.IStudentDataHolder, Conversation.IGroupChatNames
{
    public const string TableName = "Overleggen";

    private readonly TableHandle _table = new(tables, TableName);

    public async Task SaveAsync(OverlegRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new TableEntity(Key(record.SchoolId), OverlegRow(record.StudentId, record.OverlegId))
        {
            ["SchoolId"] = record.SchoolId,
            ["StudentId"] = record.StudentId,
            ["OverlegId"] = record.OverlegId,
            ["Soort"] = record.Soort,
            ["Partners"] = string.Join(',', record.Partners),
            ["TenantId"] = record.TenantId,
            ["ConversationId"] = record.ConversationId,
            ["ServiceUrl"] = record.ServiceUrl,
            ["BotId"] = record.BotId,
            ["SummaryActivityId"] = record.SummaryActivityId,
            ["DecisionEventId"] = record.DecisionEventId,
            ["DecidedAt"] = record.DecidedAt,
        };
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OverlegRecord?> FindAsync(string schoolId, string studentId, string overlegId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetAsync(Key(schoolId), OverlegRow(studentId, overlegId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToRecord(row);
    }

    /// <summary>Erasure and retention: the student's overleg rows go with the dossier.</summary>
    public async Task<int> DeleteStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var overleggen = await ListAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        foreach (var overleg in overleggen)
        {
            await table.DeleteAsync(Key(schoolId), OverlegRow(studentId, overleg.OverlegId), "*", cancellationToken).ConfigureAwait(false);
        }

        return overleggen.Count;
    }

    /// <summary>The pseudonym migration: the school's overleg rows of the students in the map move to their new ids.</summary>
    public async Task<int> RenameStudentsAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var moved = 0;
        foreach (var (oldId, newId) in newIdByOldId)
        {
            foreach (var overleg in await ListAsync(schoolId, oldId, cancellationToken).ConfigureAwait(false))
            {
                // Saved under the new id before the old row goes, so an interrupted run loses nothing.
                await SaveAsync(overleg with { StudentId = newId }, cancellationToken).ConfigureAwait(false);
                await table.DeleteAsync(Key(schoolId), OverlegRow(oldId, overleg.OverlegId), "*", cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }

        return moved;
    }

    /// <summary>The overleggen of one student, oldest first.</summary>
    public async Task<IReadOnlyList<OverlegRecord>> ListAsync(string schoolId, string studentId, CancellationToken cancellationToken)
    {
        var prefix = $"O|{Key(studentId)}|";
        var filter = TableFilter.PartitionKeyEquals(Key(schoolId))
            .And(TableFilter.GreaterThanOrEqual(TableEntity.RowKeyName, prefix))
            .And(TableFilter.LessThan(TableEntity.RowKeyName, prefix[..^1] + "}"));
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<OverlegRecord>();
        await foreach (var row in table.QueryAsync(new TableQuery(filter), cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ToRecord(row));
        }

        return rows.OrderBy(r => r.DecidedAt).ToList();
    }

    public async Task SaveChatNameAsync(string tenantId, string conversationId, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(ChatPartition(tenantId), Key(conversationId))
        {
            ["ConversationId"] = conversationId,
            ["Name"] = name,
            ["UpdatedAt"] = now,
        };
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The name Teams gives the chat, kept only while nobody named it ("overleg hier &lt;naam&gt;" stays).</summary>
    public async Task RememberAsync(string tenantId, string conversationId, string name, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        if (await table.GetAsync(ChatPartition(tenantId), Key(conversationId), cancellationToken).ConfigureAwait(false) is null)
        {
            await SaveChatNameAsync(tenantId, conversationId, name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The names people gave the group chats of a tenant, by conversation id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ChatNamesAsync(string tenantId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals(ChatPartition(tenantId))), cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("ConversationId") is { } id && row.GetString("Name") is { } name)
            {
                names[id] = name;
            }
        }

        return names;
    }

    private static string ChatPartition(string tenantId) => "chat|" + Key(tenantId);

    private static string OverlegRow(string studentId, string overlegId) => $"O|{Key(studentId)}|{Key(overlegId)}";

    private static string Key(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));
    }

    private static OverlegRecord ToRecord(TableEntity row) => new(
        Required(row, "SchoolId"),
        Required(row, "StudentId"),
        Required(row, "OverlegId"),
        Required(row, "Soort"),
        (row.GetString("Partners") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        Required(row, "TenantId"),
        Required(row, "ConversationId"),
        Required(row, "ServiceUrl"),
        row.GetString("BotId") ?? string.Empty,
        row.GetString("SummaryActivityId"),
        Required(row, "DecisionEventId"),
        row.GetDateTimeOffset("DecidedAt") ?? DateTimeOffset.MinValue);

    private static string Required(TableEntity row, string name) => row.GetString(name) ?? throw new InvalidDataException($"Stored overleg misses property {name}.");

    private ValueTask<ITableStore> TableAsync(CancellationToken cancellationToken) => _table.GetAsync(cancellationToken);
}
