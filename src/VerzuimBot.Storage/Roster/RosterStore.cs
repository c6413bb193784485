using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// A school's roster and role assignments in one partition per school: students under row keys
/// "S|student", role assignments under "R|role|user|scope", so "everyone with role X" is a
/// row-key range and a whole school is one partition read.
/// </summary>
public sealed class RosterStore(ITableStoreFactory tables)
{
    private const string StudentPrefix = "S";
    private const string RolePrefix = "R";
    private readonly TableHandle _table = new(tables, TableNames.Roster);

    public async Task UpsertStudentAsync(RosterStudent student, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentException.ThrowIfNullOrEmpty(student.SchoolId);
        ArgumentException.ThrowIfNullOrEmpty(student.StudentId);
        var entity = new TableEntity(KeyEncoder.Encode(student.SchoolId), StudentKey(student.StudentId))
        {
            ["SchoolId"] = student.SchoolId,
            ["StudentId"] = student.StudentId,
            ["DetailsType"] = student.Details.Type,
            ["UpdatedAt"] = student.UpdatedAt,
        };
        PayloadColumns.Write(entity, "Details", student.Details.Json);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RosterStudent?> FindStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(studentId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetAsync(KeyEncoder.Encode(schoolId), StudentKey(studentId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToStudent(row);
    }

    public async Task<IReadOnlyList<RosterStudent>> ListStudentsAsync(string schoolId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var rows = await QueryPrefixAsync(schoolId, StudentPrefix + KeyEncoder.Separator, cancellationToken).ConfigureAwait(false);
        return rows.Select(ToStudent).ToList();
    }

    public async Task RemoveStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(studentId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteAsync(KeyEncoder.Encode(schoolId), StudentKey(studentId), "*", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds (or refreshes) an assignment; assigning twice keeps one row.</summary>
    public async Task AssignRoleAsync(RoleAssignment assignment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentException.ThrowIfNullOrEmpty(assignment.SchoolId);
        ArgumentException.ThrowIfNullOrEmpty(assignment.Role);
        ArgumentException.ThrowIfNullOrEmpty(assignment.UserId);
        ArgumentNullException.ThrowIfNull(assignment.Scope);
        var entity = new TableEntity(KeyEncoder.Encode(assignment.SchoolId), RoleKey(assignment.Role, assignment.UserId, assignment.Scope))
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

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task RevokeRoleAsync(string schoolId, string role, string userId, string scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteAsync(KeyEncoder.Encode(schoolId), RoleKey(role, userId, scope), "*", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>All assignments of a school, or only those of <paramref name="role"/>.</summary>
    public async Task<IReadOnlyList<RoleAssignment>> ListRoleAssignmentsAsync(string schoolId, string? role = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var prefix = role is null
            ? RolePrefix + KeyEncoder.Separator
            : KeyEncoder.Compose(RolePrefix, KeyEncoder.Encode(role)) + KeyEncoder.Separator;
        var rows = await QueryPrefixAsync(schoolId, prefix, cancellationToken).ConfigureAwait(false);
        return rows.Select(ToAssignment).ToList();
    }

    /// <summary>The roles one user holds at a school (a filtered read of the school's role range).</summary>
    public async Task<IReadOnlyList<RoleAssignment>> ListRolesOfUserAsync(string schoolId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var all = await ListRoleAssignmentsAsync(schoolId, null, cancellationToken).ConfigureAwait(false);
        return all.Where(a => string.Equals(a.UserId, userId, StringComparison.Ordinal)).ToList();
    }

    private async Task<List<TableEntity>> QueryPrefixAsync(string schoolId, string prefix, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        return await table.QueryAsync(new TableQuery(EntityReading.PrefixFilter(KeyEncoder.Encode(schoolId), prefix)), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string StudentKey(string studentId) => KeyEncoder.Compose(StudentPrefix, KeyEncoder.Encode(studentId));

    private static string RoleKey(string role, string userId, string scope)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(scope);
        return KeyEncoder.Compose(RolePrefix, KeyEncoder.Encode(role), KeyEncoder.Encode(userId), KeyEncoder.Encode(scope));
    }

    private static RosterStudent ToStudent(TableEntity row) => new(
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
