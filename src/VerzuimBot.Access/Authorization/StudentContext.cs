namespace VerzuimBot.Access.Authorization;

/// <summary>
/// What the policy needs to know about a student: school, klas, woongemeente, and to which
/// kernpartners the case was reported or referred. Ids only, no names.
/// </summary>
public sealed record StudentContext(
    string SchoolId,
    string StudentId,
    string Klas,
    string Woongemeente,
    bool ReportedToLeerplicht = false,
    bool ReferredToJeugdarts = false,
    bool ReportedToSwv = false,
    bool SharedWithLokaalTeam = false,
    LeerplichtReportFacts? LeerplichtFacts = null);
