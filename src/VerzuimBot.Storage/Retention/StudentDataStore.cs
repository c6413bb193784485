using VerzuimBot.Storage.Keys;
using VerzuimBot.Storage.Schools;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// The operations retention and "verwijderen op verzoek" need on top of the regular stores,
/// on the same tables and keys (Schools: "H|student" / "E|student|seq" / "E|student|T|task"; Decisions: school|case).
/// Anonymising a dossier is claim (ETag-guarded update of the head) → delete the event rows →
/// mark the head anonymised (ETag-guarded again). Every step can be repeated, so a crashed or
/// duplicated run finishes the work instead of corrupting it.
/// </summary>
public sealed class StudentDataStore(ITableStoreFactory tables)
{
    private const string StateProperty = "RetentionState";
    private const string ClaimedByProperty = "RetentionClaimedBy";
    private const string LeaseProperty = "RetentionLeaseUntil";
    private readonly SchoolTable _schools = SchoolTable.For(tables);
    private readonly TableHandle _decisions = new(tables, TableNames.Decisions);

    /// <summary>
    /// Every school that has dossiers or roster entries in the store, configured now or not (issue 19 item 8: retention
    /// sweeps them all). A scan across partitions for the dossier heads and roster students only; run once a night.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListSchoolsAsync(CancellationToken cancellationToken = default)
    {
        var schools = new SortedSet<string>(StringComparer.Ordinal);
        var table = await _schools.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var prefix in new[] { SchoolRows.HeadTag, SchoolRows.StudentTag })
        {
            var lower = prefix + KeyEncoder.Separator;
            var filter = TableFilter.GreaterThanOrEqual(TableEntity.RowKeyName, lower).And(TableFilter.LessThan(TableEntity.RowKeyName, KeyEncoder.PrefixUpperBound(lower)));
            await foreach (var row in table.QueryAsync(new TableQuery(filter, ["SchoolId"]), cancellationToken).ConfigureAwait(false))
            {
                schools.Add(row.GetString("SchoolId") ?? KeyEncoder.Decode(row.PartitionKey));
            }
        }

        return schools.ToList();
    }

    /// <summary>Heads of the school's closed dossiers (one partition, row-key range of head rows).</summary>
    public async Task<IReadOnlyList<ClosedDossier>> ListClosedDossiersAsync(string schoolId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var filter = EntityReading.PrefixFilter(KeyEncoder.Encode(schoolId), "H" + KeyEncoder.Separator)
            .And(TableFilter.Equal("Status", nameof(DossierStatus.Closed)));
        var table = await _schools.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(filter), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToClosed).ToList();
    }

    /// <summary>
    /// Claims a closed dossier for anonymisation when its head is unchanged since it was listed.
    /// False when another instance claimed it first or the dossier changed (e.g. reopened).
    /// </summary>
    public async Task<bool> TryClaimAsync(ClosedDossier dossier, string claimedBy, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentException.ThrowIfNullOrEmpty(claimedBy);
        var claim = new TableEntity(KeyEncoder.Encode(dossier.SchoolId), HeadKey(dossier.StudentId))
        {
            [StateProperty] = nameof(RetentionState.Anonymising),
            [ClaimedByProperty] = claimedBy,
            [LeaseProperty] = leaseUntil,
        };
        var table = await _schools.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateAsync(claim, dossier.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is PreconditionFailedException or EntityNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Deletes the dossier's event rows up to <paramref name="upToVersion"/>; rows already gone are fine.</summary>
    public async Task DeleteEventsAsync(string schoolId, string studentId, long upToVersion, CancellationToken cancellationToken = default)
    {
        var table = await _schools.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in await EventRowsAsync(table, schoolId, studentId, cancellationToken).ConfigureAwait(false))
        {
            if ((row.GetInt64("Sequence") ?? 0) <= upToVersion)
            {
                await DeleteRowAsync(table, row, cancellationToken).ConfigureAwait(false);
            }
        }

        StoreSession.Current?.ForgetDossier(schoolId, studentId);
    }

    /// <summary>
    /// Marks the head anonymised and stores the (name-free) summary, only while the claim of
    /// <paramref name="claimedBy"/> still holds. False when the claim was lost or the dossier changed.
    /// </summary>
    public async Task<bool> CompleteAnonymisationAsync(string schoolId, string studentId, string claimedBy, string summaryJson, DateTimeOffset anonymisedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimedBy);
        ArgumentNullException.ThrowIfNull(summaryJson);
        var table = await _schools.GetAsync(cancellationToken).ConfigureAwait(false);
        var head = await table.GetAsync(KeyEncoder.Encode(schoolId), HeadKey(studentId), cancellationToken).ConfigureAwait(false);
        if (head is null
            || head.EnumOr(StateProperty, RetentionState.Kept) != RetentionState.Anonymising
            || !string.Equals(head.GetString(ClaimedByProperty), claimedBy, StringComparison.Ordinal))
        {
            return false;
        }

        var done = new TableEntity(head.PartitionKey, head.RowKey)
        {
            [StateProperty] = nameof(RetentionState.Anonymised),
            ["AnonymisedAt"] = anonymisedAt,
        };
        PayloadColumns.Write(done, "AnonymisedSummary", summaryJson);
        try
        {
            await table.UpdateAsync(done, head.ETag!, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is PreconditionFailedException or EntityNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Removes a student's whole dossier (events and head); a dossier that does not exist is fine.</summary>
    public async Task DeleteDossierAsync(string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        var table = await _schools.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in await EventRowsAsync(table, schoolId, studentId, cancellationToken).ConfigureAwait(false))
        {
            await DeleteRowAsync(table, row, cancellationToken).ConfigureAwait(false);
        }

        await table.DeleteAsync(KeyEncoder.Encode(schoolId), HeadKey(studentId), "*", cancellationToken).ConfigureAwait(false);
        StoreSession.Current?.ForgetDossier(schoolId, studentId);
    }

    /// <summary>
    /// An event row, or a task row with the due hint at its due time (or its due row, as written before hints). A hint left
    /// at another moment (a lease or retry) names only the pseudonymous id, and the sweep removes it when it finds no tasks.
    /// </summary>
    private static async Task DeleteRowAsync(ITableStore table, TableEntity row, CancellationToken cancellationToken)
    {
        if (row.GetString("TaskId") is { } taskId && row.GetDateTimeOffset("DueAt") is { } dueAt)
        {
            await table.DeleteAsync(row.PartitionKey, SchoolRows.Due(dueAt, taskId), "*", cancellationToken).ConfigureAwait(false);
            if (row.GetString("StudentId") is { Length: > 0 } studentId)
            {
                await table.DeleteAsync(row.PartitionKey, SchoolRows.Hint(dueAt, studentId), "*", cancellationToken).ConfigureAwait(false);
            }
        }

        await table.DeleteAsync(row.PartitionKey, row.RowKey, "*", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every decision of one case (the decisions store itself never deletes).</summary>
    /// <returns>How many decisions were removed.</returns>
    public async Task<int> DeleteDecisionsAsync(string schoolId, string caseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        var partition = KeyEncoder.Compose(KeyEncoder.Encode(schoolId), KeyEncoder.Encode(caseId));
        var table = await _decisions.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals(partition)), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await table.DeleteAsync(row.PartitionKey, row.RowKey, "*", cancellationToken).ConfigureAwait(false);
        }

        return rows.Count;
    }

    private static async Task<List<TableEntity>> EventRowsAsync(ITableStore table, string schoolId, string studentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(studentId);
        var query = new TableQuery(SchoolRows.Range(SchoolRows.Partition(schoolId), SchoolRows.StudentRange(studentId)), ["Sequence", "TaskId", "DueAt"]);
        return await table.QueryAsync(query, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string HeadKey(string studentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(studentId);
        return KeyEncoder.Compose("H", KeyEncoder.Encode(studentId));
    }

    private static ClosedDossier ToClosed(TableEntity row) => new(
        row.Required("SchoolId"),
        row.Required("StudentId"),
        row.GetInt64("Version") ?? 0,
        row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        row.EnumOr(StateProperty, RetentionState.Kept),
        row.GetString(ClaimedByProperty),
        row.GetDateTimeOffset(LeaseProperty),
        row.ETag ?? "*");
}
