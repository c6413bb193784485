using System.Globalization;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Schools;

/// <summary>
/// The row keys of the Schools table, one partition per organisation (school or kernpartner): what lies where, so
/// that what one fact needs is one range and what it writes is one entity group transaction (see README.md).
/// </summary>
internal static class SchoolRows
{
    /// <summary>Registry of schools with tasks, read by the reminder sweep; no encoded id starts with "~s".</summary>
    public const string RegistryPartition = "~schools";

    /// <summary>Prefix of the per-person partitions of the role index (who holds which roles, by e-mail address).</summary>
    public const string GrantsPartitionPrefix = "~grants|";

    public const string StudentTag = "S";
    public const string RoleTag = "R";
    public const string HeadTag = "H";
    public const string StudentRangeTag = "E";
    public const string TaskTag = "T";
    public const string DueTag = "Q";
    public const string SchoolAuditTag = "A";
    public const string StudentAuditTag = "AS";

    public static string Partition(string organisationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(organisationId);
        return KeyEncoder.Encode(organisationId);
    }

    public static string Student(string studentId) => KeyEncoder.Compose(StudentTag, Encoded(studentId));

    public static string Head(string studentId) => KeyEncoder.Compose(HeadTag, Encoded(studentId));

    /// <summary>"E|student|": the student's events and tasks, what one fact reads in one range.</summary>
    public static string StudentRange(string studentId) => KeyEncoder.Compose(StudentRangeTag, Encoded(studentId)) + KeyEncoder.Separator;

    public static string Event(string studentId, long sequence) => StudentRange(studentId) + Sequence(sequence);

    public static string Task(string studentId, string taskId)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        return StudentRange(studentId) + KeyEncoder.Compose(TaskTag, KeyEncoder.Encode(taskId));
    }

    /// <summary>"Q|due ticks|task": the due row of one task, as written before due hints (still read as a hint, see TaskHints).</summary>
    public static string Due(DateTimeOffset dueAt, string taskId) => KeyEncoder.Compose(DueTag, Ticks(dueAt), KeyEncoder.Encode(taskId));

    /// <summary>"Q|ticks|student": the student has a task that may need the sweep at or after that moment (see TaskHints).</summary>
    public static string Hint(DateTimeOffset at, string studentId) => KeyEncoder.Compose(DueTag, Ticks(at), Encoded(studentId));

    /// <summary>"E|student|T|": the student's task rows (the tasks of the student range, without the events).</summary>
    public static string TaskRange(string studentId) => StudentRange(studentId) + TaskTag + KeyEncoder.Separator;

    /// <summary>The first due key after <paramref name="now"/>: the upper bound of "due by now".</summary>
    public static string DueAfter(DateTimeOffset now) => KeyEncoder.Compose(DueTag, (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture));

    public static string Role(string role, string userId, string scope)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(scope);
        return KeyEncoder.Compose(RoleTag, KeyEncoder.Encode(role), KeyEncoder.Encode(userId), KeyEncoder.Encode(scope));
    }

    public static string GrantsPartition(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return GrantsPartitionPrefix + KeyEncoder.Encode(userId);
    }

    /// <summary>The index row of one assignment in the holder's partition: "organisation|role|scope".</summary>
    public static string Grant(string organisationId, string role, string scope) =>
        KeyEncoder.Compose(KeyEncoder.Encode(organisationId), KeyEncoder.Encode(role), KeyEncoder.Encode(scope));

    public static string SchoolAudit(DateTimeOffset occurredAt, string entryId) => KeyEncoder.Compose(SchoolAuditTag, Ticks(occurredAt), KeyEncoder.Encode(entryId));

    public static string StudentAudit(string studentId, DateTimeOffset occurredAt, string entryId) =>
        KeyEncoder.Compose(StudentAuditTag, Encoded(studentId), Ticks(occurredAt), KeyEncoder.Encode(entryId));

    public static string StudentAuditRange(string studentId) => KeyEncoder.Compose(StudentAuditTag, Encoded(studentId)) + KeyEncoder.Separator;

    /// <summary>Rows of one partition whose row key starts with <paramref name="prefix"/>.</summary>
    public static TableFilter Range(string partition, string prefix) => EntityReading.PrefixFilter(partition, prefix);

    /// <summary>Whether a row of a student range is an event (its last part is a sequence number), not a task.</summary>
    public static bool IsEvent(string rowKey, string studentRange) =>
        rowKey.Length == studentRange.Length + 19 && rowKey.StartsWith(studentRange, StringComparison.Ordinal) && char.IsAsciiDigit(rowKey[^1]);

    public static string Sequence(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    private static string Ticks(DateTimeOffset instant) => instant.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static string Encoded(string studentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(studentId);
        return KeyEncoder.Encode(studentId);
    }
}
