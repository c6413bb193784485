using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Immutable decisions: PartitionKey = school|case (a case's decisions are one partition read),
/// RowKey = decision id. Recording inserts only; a replay with identical content is accepted,
/// different content for an existing id is refused.
/// </summary>
public sealed class DecisionStore(ITableStoreFactory tables)
{
    private readonly TableHandle _table = new(tables, TableNames.Decisions);

    /// <returns>True when stored now; false when the identical decision was already stored.</returns>
    public async Task<bool> RecordAsync(DecisionRecord decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentException.ThrowIfNullOrEmpty(decision.DecisionId);
        ArgumentException.ThrowIfNullOrEmpty(decision.DecidedBy);
        var entity = new TableEntity(Partition(decision.SchoolId, decision.CaseId), KeyEncoder.Encode(decision.DecisionId))
        {
            ["SchoolId"] = decision.SchoolId,
            ["CaseId"] = decision.CaseId,
            ["DecisionId"] = decision.DecisionId,
            ["PayloadType"] = decision.Payload.Type,
            ["DecidedBy"] = decision.DecidedBy,
            ["DecidedAt"] = decision.DecidedAt,
        };
        PayloadColumns.Write(entity, "Payload", decision.Payload.Json);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EntityAlreadyExistsException)
        {
            var existing = await FindAsync(decision.SchoolId, decision.CaseId, decision.DecisionId, cancellationToken).ConfigureAwait(false);
            if (existing == decision)
            {
                return false;
            }

            throw new ImmutableRecordConflictException("A different decision with this id is already recorded; decisions are never changed.");
        }
    }

    public async Task<DecisionRecord?> FindAsync(string schoolId, string caseId, string decisionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(decisionId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetAsync(Partition(schoolId, caseId), KeyEncoder.Encode(decisionId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<DecisionRecord>> ListForCaseAsync(string schoolId, string caseId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals(Partition(schoolId, caseId))), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToRecord).OrderBy(d => d.DecidedAt).ToList();
    }

    private static string Partition(string schoolId, string caseId)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        return KeyEncoder.Compose(KeyEncoder.Encode(schoolId), KeyEncoder.Encode(caseId));
    }

    private static DecisionRecord ToRecord(TableEntity row) => new(
        row.Required("SchoolId"),
        row.Required("CaseId"),
        row.Required("DecisionId"),
        new StoredEnvelope(row.Required("PayloadType"), PayloadColumns.Read(row, "Payload") ?? string.Empty),
        row.Required("DecidedBy"),
        row.GetDateTimeOffset("DecidedAt") ?? DateTimeOffset.MinValue);
}
