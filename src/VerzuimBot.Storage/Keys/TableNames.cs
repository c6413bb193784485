namespace VerzuimBot.Storage.Keys;

/// <summary>Every table the product uses; the key design is documented in README.md.</summary>
internal static class TableNames
{
    /// <summary>Each organisation's roster, roles, dossiers, tasks and audit trail in one partition (Schools/SchoolRows).</summary>
    public const string Schools = "Schools";

    public const string ConversationReferences = "ConversationReferences";
    public const string DialogStates = "DialogStates";
    public const string ProcessedActivities = "ProcessedActivities";
    public const string Dossiers = "Dossiers";
    public const string DueTasks = "DueTasks";
    public const string DueTaskIndex = "DueTaskIndex";
    public const string Roster = "Roster";
    public const string Decisions = "Decisions";
    public const string AuditEntries = "AuditEntries";
    public const string DigestSubscriptions = "DigestSubscriptions";
    public const string DigestPosts = "DigestPosts";
    public const string DigestExports = "DigestExports";
    public const string Overleggen = "Overleggen";
    public const string StaffAbsences = "StaffAbsences";
    public const string AbsenceRegistrations = "AbsenceRegistrations";
}
