using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Pseudonyms;

/// <summary>How many rows of each table held an id of the map (and were rewritten, unless it was a dry run).</summary>
public sealed record StudentIdRewrite(int Dossiers, int Decisions, int AuditEntries, int DueTasks, int DueTaskIndex, int RoleAssignments)
{
    public int Total => Dossiers + Decisions + AuditEntries + DueTasks + DueTaskIndex + RoleAssignments;
}

/// <summary>
/// Moves one school's students to new ids in every table of this assembly that holds student ids (issue 19 item 5): the
/// dossiers (head and event keys), decisions (partition school|case), the audit trail (student timeline keys and the
/// StudentId of school rows), due tasks and their index (task ids embed the student id), role assignments scoped to one
/// student, and last the roster entries (<see cref="RewriteRosterStudentsAsync"/>). Dialog states and stores outside
/// this assembly rename their own rows. Every step can be repeated: rows already moved no longer match, so a second run
/// changes nothing and an interrupted one is finished by the next. Meant for a store no bot instance is using.
/// </summary>
public sealed class StudentIdRewriter(ITableStoreFactory tables)
{
    private readonly TableHandle _dossiers = new(tables, TableNames.Dossiers);
    private readonly TableHandle _decisions = new(tables, TableNames.Decisions);
    private readonly TableHandle _audit = new(tables, TableNames.AuditEntries);
    private readonly TableHandle _tasks = new(tables, TableNames.DueTasks);
    private readonly TableHandle _index = new(tables, TableNames.DueTaskIndex);
    private readonly TableHandle _roster = new(tables, TableNames.Roster);

    /// <summary>Everything of the school except its roster entries, which go last.</summary>
    public async Task<StudentIdRewrite> RewriteSchoolAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentNullException.ThrowIfNull(newIdByOldId);
        var partition = KeyEncoder.Encode(schoolId);
        var decisionPrefix = partition + KeyEncoder.Separator;
        var decisions = TableFilter.GreaterThanOrEqual(TableEntity.PartitionKeyName, decisionPrefix)
            .And(TableFilter.LessThan(TableEntity.PartitionKeyName, KeyEncoder.PrefixUpperBound(decisionPrefix)));
        var ofSchool = TableFilter.Equal("SchoolId", schoolId);
        return new StudentIdRewrite(
            await RewriteAsync(_dossiers, TableFilter.PartitionKeyEquals(partition), newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false),
            await RewriteAsync(_decisions, decisions, newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false),
            await RewriteAsync(_audit, TableFilter.PartitionKeyEquals(partition), newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false),
            await RewriteAsync(_tasks, ofSchool, newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false),
            await RewriteAsync(_index, ofSchool, newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false),
            await RewriteAsync(_roster, EntityReading.PrefixFilter(partition, "R" + KeyEncoder.Separator), newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The school's roster entries: last, because an entry under its new id is what marks the student as done.</summary>
    /// <returns>How many entries moved.</returns>
    public Task<int> RewriteRosterStudentsAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        return RewriteAsync(_roster, EntityReading.PrefixFilter(KeyEncoder.Encode(schoolId), "S" + KeyEncoder.Separator), newIdByOldId, dryRun, cancellationToken);
    }

    private static async Task<int> RewriteAsync(TableHandle handle, TableFilter filter, IReadOnlyDictionary<string, string> newIdByOldId, bool dryRun, CancellationToken cancellationToken)
    {
        var table = await handle.GetAsync(cancellationToken).ConfigureAwait(false);
        return await StudentIdRows.RewriteAsync(table, filter, newIdByOldId, dryRun, cancellationToken).ConfigureAwait(false);
    }
}
