using System.Buffers.Text;
using System.Text;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Table "Overleggen". Two kinds of rows:
/// <list type="bullet">
/// <item>an overleg: PartitionKey = school id, RowKey = <c>O|student|overleg</c> — a student's overleggen are one row-key range;</item>
/// <item>a group chat's name as people told it ("overleg hier &lt;naam&gt;"): PartitionKey = <c>chat|tenant</c>, RowKey = conversation id.</item>
/// </list>
/// Ids go into keys through <see cref="KeyEncoder"/>. Rows an earlier version wrote with Base64Url-encoded ids are moved to
/// these keys once, on first use (<see cref="KeyMigration"/>).
/// </summary>
public sealed class OverlegStore
{
    private readonly TableHandle _table;
    private readonly KeyMigration _migration;
    private readonly TimeProvider _time;

    public OverlegStore(ITableStoreFactory tables, TimeProvider time)
    {
        _table = new TableHandle(tables, TableNames.Overleggen);
        _migration = new KeyMigration("keys-v2", CurrentKeys, time);
        _time = time;
    }

    public async Task SaveAsync(OverlegRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new TableEntity(KeyEncoder.Encode(record.SchoolId), OverlegRow(record.StudentId, record.OverlegId))
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
        var row = await table.GetAsync(KeyEncoder.Encode(schoolId), OverlegRow(studentId, overlegId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToRecord(row);
    }

    /// <summary>Erasure and retention: the student's overleg rows go with the dossier.</summary>
    public async Task<int> DeleteStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var overleggen = await ListAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        foreach (var overleg in overleggen)
        {
            await table.DeleteAsync(KeyEncoder.Encode(schoolId), OverlegRow(studentId, overleg.OverlegId), "*", cancellationToken).ConfigureAwait(false);
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
                await table.DeleteAsync(KeyEncoder.Encode(schoolId), OverlegRow(oldId, overleg.OverlegId), "*", cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }

        return moved;
    }

    /// <summary>The overleggen of one student, oldest first.</summary>
    public async Task<IReadOnlyList<OverlegRecord>> ListAsync(string schoolId, string studentId, CancellationToken cancellationToken)
    {
        var filter = EntityReading.PrefixFilter(KeyEncoder.Encode(schoolId), KeyEncoder.Compose(OverlegRowKind, KeyEncoder.Encode(studentId), string.Empty));
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
        var entity = new TableEntity(ChatPartition(tenantId), KeyEncoder.Encode(conversationId))
        {
            ["TenantId"] = tenantId,
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
        if (await table.GetAsync(ChatPartition(tenantId), KeyEncoder.Encode(conversationId), cancellationToken).ConfigureAwait(false) is null)
        {
            await SaveChatNameAsync(tenantId, conversationId, name, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
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

    private const string OverlegRowKind = "O";
    private const string ChatPartitionKind = "chat";

    private static string ChatPartition(string tenantId) => KeyEncoder.Compose(ChatPartitionKind, KeyEncoder.Encode(tenantId));

    private static string OverlegRow(string studentId, string overlegId) => KeyEncoder.Compose(OverlegRowKind, KeyEncoder.Encode(studentId), KeyEncoder.Encode(overlegId));

    /// <summary>
    /// Where a row belongs now. Overleg rows carry their ids as columns; chat-name rows of the earlier version carry no
    /// TenantId column, their partition holds it Base64Url-encoded.
    /// </summary>
    private static (string PartitionKey, string RowKey)? CurrentKeys(TableEntity row)
    {
        if (row.GetString("OverlegId") is { Length: > 0 } overlegId && row.GetString("SchoolId") is { Length: > 0 } schoolId && row.GetString("StudentId") is { Length: > 0 } studentId)
        {
            return (KeyEncoder.Encode(schoolId), OverlegRow(studentId, overlegId));
        }

        if (row.GetString("ConversationId") is { Length: > 0 } conversationId && row.PartitionKey.StartsWith(ChatPartitionKind + KeyEncoder.Separator, StringComparison.Ordinal))
        {
            var tenantId = row.GetString("TenantId") ?? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(row.PartitionKey.AsSpan(ChatPartitionKind.Length + 1)));
            return (ChatPartition(tenantId), KeyEncoder.Encode(conversationId));
        }

        return null;
    }

    private static OverlegRecord ToRecord(TableEntity row) => new(
        row.Required("SchoolId"),
        row.Required("StudentId"),
        row.Required("OverlegId"),
        row.Required("Soort"),
        (row.GetString("Partners") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.Required("TenantId"),
        row.Required("ConversationId"),
        row.Required("ServiceUrl"),
        row.GetString("BotId") ?? string.Empty,
        row.GetString("SummaryActivityId"),
        row.Required("DecisionEventId"),
        row.GetDateTimeOffset("DecidedAt") ?? DateTimeOffset.MinValue);

    private async ValueTask<ITableStore> TableAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await _migration.EnsureAsync(table, cancellationToken).ConfigureAwait(false);
        return table;
    }
}
