using VerzuimBot.Storage.Keys;
using VerzuimBot.Storage.Schools;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Rosters and role assignments, in the organisation's partition of the Schools table: students under "S|student",
/// assignments under "R|role|user|scope", so "everyone with role X" is a row-key range. Every assignment is also
/// indexed in its holder's own partition ("~grants|user", row "organisation|role|scope"), so who-may-do-what for one
/// person is one read whatever the number of organisations. The index is what access is judged on: assigning writes the
/// organisation's row first and the index row last, revoking removes the index row first, so a half-done change never
/// grants more than was meant (a repeat of the command finishes it).
/// </summary>
public sealed class RosterStore(ITableStoreFactory tables)
{
    private readonly SchoolTable _table = SchoolTable.For(tables);

    public async Task UpsertStudentAsync(RosterStudent student, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentException.ThrowIfNullOrEmpty(student.SchoolId);
        ArgumentException.ThrowIfNullOrEmpty(student.StudentId);
        var entity = new TableEntity(SchoolRows.Partition(student.SchoolId), SchoolRows.Student(student.StudentId))
        {
            ["SchoolId"] = student.SchoolId,
            ["StudentId"] = student.StudentId,
            ["DetailsType"] = student.Details.Type,
            ["UpdatedAt"] = student.UpdatedAt,
        };
        PayloadColumns.Write(entity, "Details", student.Details.Json);
        // A school with students will have tasks: registered for the sweep now (once), not on the first ziekmelding's write.
        await _table.EnsureRegisteredAsync(student.SchoolId, cancellationToken).ConfigureAwait(false);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var etag = await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        StoreSession.Current?.RememberStudent(student.SchoolId, student.StudentId, new RosterEntry(student, etag));
    }

    public async Task<RosterStudent?> FindStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken = default) =>
        (await FindEntryAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false))?.Student;

    /// <summary>The entry with its ETag; read once per turn (<see cref="StoreSession"/>).</summary>
    public async Task<RosterEntry?> FindEntryAsync(string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(studentId);
        var session = StoreSession.Current;
        if (session is not null && session.TryGetStudent(schoolId, studentId, out var known))
        {
            return known;
        }

        var entry = await ReadEntryAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        session?.RememberStudent(schoolId, studentId, entry);
        return entry;
    }

    /// <summary>The entry as stored now, past the turn's cache (after a write found it changed).</summary>
    public async Task<RosterEntry?> ReadEntryAsync(string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetAsync(SchoolRows.Partition(schoolId), SchoolRows.Student(studentId), cancellationToken).ConfigureAwait(false);
        var entry = row is null ? null : new RosterEntry(ToStudent(row), row.ETag ?? "*");
        StoreSession.Current?.RememberStudent(schoolId, studentId, entry);
        return entry;
    }

    /// <summary>
    /// Makes an entry read in an earlier turn (kept by a dialog) this turn's entry, without reading it again: the dossier
    /// write that follows requires it unchanged, so a roster that changed meanwhile is noticed there.
    /// </summary>
    public static void Recall(RosterEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        StoreSession.Current?.RememberStudent(entry.Student.SchoolId, entry.Student.StudentId, entry);
    }

    public async Task<IReadOnlyList<RosterStudent>> ListStudentsAsync(string schoolId, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync(SchoolRows.Range(SchoolRows.Partition(schoolId), SchoolRows.StudentTag + KeyEncoder.Separator), cancellationToken).ConfigureAwait(false);
        return rows.Select(ToStudent).ToList();
    }

    /// <summary>
    /// The roster entries of the given students of one school, from one range read of the school's students (for reports
    /// over many dossiers: one query per school, not one per student). Students not on the roster are absent from the result.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, RosterStudent>> ListStudentsAsync(string schoolId, IReadOnlySet<string> studentIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentNullException.ThrowIfNull(studentIds);
        var result = new Dictionary<string, RosterStudent>(StringComparer.Ordinal);
        if (studentIds.Count == 0)
        {
            return result;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var range = SchoolRows.Range(SchoolRows.Partition(schoolId), SchoolRows.StudentTag + KeyEncoder.Separator);
        await foreach (var row in table.QueryAsync(new TableQuery(range), cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("StudentId") is { } student && studentIds.Contains(student))
            {
                result[student] = ToStudent(row);
            }
        }

        return result;
    }

    public async Task RemoveStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(studentId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteAsync(SchoolRows.Partition(schoolId), SchoolRows.Student(studentId), "*", cancellationToken).ConfigureAwait(false);
        StoreSession.Current?.RememberStudent(schoolId, studentId, null);
    }

    /// <summary>Adds (or refreshes) an assignment; assigning twice keeps one row.</summary>
    public async Task AssignRoleAsync(RoleAssignment assignment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentException.ThrowIfNullOrEmpty(assignment.SchoolId);
        ArgumentNullException.ThrowIfNull(assignment.Scope);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertAsync(ToEntity(SchoolRows.Partition(assignment.SchoolId), SchoolRows.Role(assignment.Role, assignment.UserId, assignment.Scope), assignment), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await table.UpsertAsync(ToEntity(SchoolRows.GrantsPartition(assignment.UserId), SchoolRows.Grant(assignment.SchoolId, assignment.Role, assignment.Scope), assignment), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task RevokeRoleAsync(string schoolId, string role, string userId, string scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var key = SchoolRows.Role(role, userId, scope);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteAsync(SchoolRows.GrantsPartition(userId), SchoolRows.Grant(schoolId, role, scope), "*", cancellationToken).ConfigureAwait(false);
        await table.DeleteAsync(SchoolRows.Partition(schoolId), key, "*", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>All assignments of a school, or only those of <paramref name="role"/>.</summary>
    public async Task<IReadOnlyList<RoleAssignment>> ListRoleAssignmentsAsync(string schoolId, string? role = null, CancellationToken cancellationToken = default)
    {
        var prefix = role is null
            ? SchoolRows.RoleTag + KeyEncoder.Separator
            : KeyEncoder.Compose(SchoolRows.RoleTag, KeyEncoder.Encode(role)) + KeyEncoder.Separator;
        var rows = await QueryAsync(SchoolRows.Range(SchoolRows.Partition(schoolId), prefix), cancellationToken).ConfigureAwait(false);
        return rows.Select(ToAssignment).ToList();
    }

    /// <summary>The roles one user holds at one organisation (a range of the user's index partition).</summary>
    public async Task<IReadOnlyList<RoleAssignment>> ListRolesOfUserAsync(string schoolId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var rows = await QueryAsync(SchoolRows.Range(SchoolRows.GrantsPartition(userId), KeyEncoder.Encode(schoolId) + KeyEncoder.Separator), cancellationToken).ConfigureAwait(false);
        return rows.Select(ToAssignment).ToList();
    }

    /// <summary>Every role one user holds, in any organisation: one partition read.</summary>
    public async Task<IReadOnlyList<RoleAssignment>> ListRolesOfUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync(TableFilter.PartitionKeyEquals(SchoolRows.GrantsPartition(userId)), cancellationToken).ConfigureAwait(false);
        return rows.Select(ToAssignment).ToList();
    }

    private async Task<List<TableEntity>> QueryAsync(TableFilter filter, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        return await table.QueryAsync(new TableQuery(filter), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity ToEntity(string partition, string rowKey, RoleAssignment assignment)
    {
        var entity = new TableEntity(partition, rowKey)
        {
            ["SchoolId"] = assignment.SchoolId,
            ["Role"] = assignment.Role,
            ["UserId"] = assignment.UserId,
            ["Scope"] = assignment.Scope,
            ["AssignedAt"] = assignment.AssignedAt,
        };
        if (assignment.Source is { } source)
        {
            entity["Source"] = source;
        }

        return entity;
    }

    internal static RosterStudent ToStudent(TableEntity row) => new(
        row.Required("SchoolId"),
        row.Required("StudentId"),
        new StoredEnvelope(row.Required("DetailsType"), PayloadColumns.Read(row, "Details") ?? string.Empty),
        row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);

    private static RoleAssignment ToAssignment(TableEntity row) => new(
        row.Required("SchoolId"),
        row.Required("Role"),
        row.Required("UserId"),
        row.GetString("Scope") ?? string.Empty,
        row.GetDateTimeOffset("AssignedAt") ?? DateTimeOffset.MinValue,
        row.GetString("Source"));
}
