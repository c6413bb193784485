using VerzuimBot.Storage.Keys;
using VerzuimBot.Storage.Schools;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Pseudonyms;

/// <summary>How many rows of each table held an id of the map (and were rewritten, unless it was a dry run).</summary>
public sealed record StudentIdRewrite(int Dossiers, int Decisions, int AuditEntries, int DueTasks, int DueTaskIndex, int RoleAssignments)
{
    public int Total => Dossiers + Decisions + AuditEntries + DueTasks + DueTaskIndex + RoleAssignments;
}

/// <summary>
/// Moves one school's students to new ids in every table of this assembly that holds student ids (issue 19 item 5): in
/// the school's partition of the Schools table the dossiers (head, event and task keys: task ids embed the student id),
/// the due hints, the audit trail (student timeline keys and the StudentId of school rows) and the role assignments scoped
/// to one student (and their rows in the holders' grants partitions); the decisions (partition school|case); and last the
/// roster entries (<see cref="RewriteRosterStudentsAsync"/>). Dialog states and stores outside this assembly rename their
/// own rows. Every step can be repeated: rows already moved no longer match, so a second run changes nothing and an
/// interrupted one is finished by the next. Meant for a store no bot instance is using.
/// </summary>
public sealed class StudentIdRewriter(ITableStoreFactory tables)
{
    private readonly SchoolTable _schools = SchoolTable.For(tables);
    private readonly TableHandle _decisions = new(tables, TableNames.Decisions);

    /// <summary>Everything of the school except its roster entries, which go last.</summary>
    public async Task<StudentIdRewrite> RewriteSchoolAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentNullException.ThrowIfNull(newIdByOldId);
        var partition = SchoolRows.Partition(schoolId);
        var decisionPrefix = partition + KeyEncoder.Separator;
        var decisions = TableFilter.GreaterThanOrEqual(TableEntity.PartitionKeyName, decisionPrefix)
            .And(TableFilter.LessThan(TableEntity.PartitionKeyName, KeyEncoder.PrefixUpperBound(decisionPrefix)));
        var table = await _schools.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals(partition)), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var grants = TableFilter.GreaterThanOrEqual(TableEntity.PartitionKeyName, SchoolRows.GrantsPartitionPrefix)
            .And(TableFilter.LessThan(TableEntity.PartitionKeyName, KeyEncoder.PrefixUpperBound(SchoolRows.GrantsPartitionPrefix)))
            .And(TableFilter.Equal("SchoolId", schoolId));
        var grantRows = await table.QueryAsync(new TableQuery(grants), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        bool Tagged(TableEntity row, string tag) => row.RowKey.StartsWith(tag + KeyEncoder.Separator, StringComparison.Ordinal);
        bool IsTask(TableEntity row) => Tagged(row, SchoolRows.StudentRangeTag) && row.GetString("TaskId") is not null;
        Task<int> Rewrite(IEnumerable<TableEntity> selected) => StudentIdRows.RewriteRowsAsync(table, selected.ToList(), newIdByOldId, dryRun, cancellationToken);
        return new StudentIdRewrite(
            await Rewrite(rows.Where(r => Tagged(r, SchoolRows.HeadTag) || (Tagged(r, SchoolRows.StudentRangeTag) && !IsTask(r)))).ConfigureAwait(false),
            await StudentIdRows.RewriteAsync(await _decisions.GetAsync(cancellationToken).ConfigureAwait(false), decisions, newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false),
            await Rewrite(rows.Where(r => Tagged(r, SchoolRows.SchoolAuditTag) || Tagged(r, SchoolRows.StudentAuditTag))).ConfigureAwait(false),
            await Rewrite(rows.Where(IsTask)).ConfigureAwait(false),
            await Rewrite(rows.Where(r => Tagged(r, SchoolRows.DueTag))).ConfigureAwait(false),
            await Rewrite(rows.Where(r => Tagged(r, SchoolRows.RoleTag))).ConfigureAwait(false) + await Rewrite(grantRows).ConfigureAwait(false));
    }

    /// <summary>The school's roster entries: last, because an entry under its new id is what marks the student as done.</summary>
    /// <returns>How many entries moved.</returns>
    public async Task<int> RewriteRosterStudentsAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var table = await _schools.GetAsync(cancellationToken).ConfigureAwait(false);
        return await StudentIdRows.RewriteAsync(table, SchoolRows.Range(SchoolRows.Partition(schoolId), SchoolRows.StudentTag + KeyEncoder.Separator), newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false);
    }
}
