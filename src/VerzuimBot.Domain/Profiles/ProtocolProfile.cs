using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Domain.Profiles;

/// <summary>
/// A regional protocol profile (domain.md §9): every number the rules use, read from a file the
/// beheerder can edit. Where seeds differ the number is a setting here, with the seed's value as
/// the default of that region's profile.
/// </summary>
public sealed record ProtocolProfile(
    string Id,
    string Name,
    string Source,
    SchoolType SchoolType,
    HolidayRegion HolidayRegion,
    TimeOnly ReminderTime,
    SickAbsenceRules Sick,
    UnauthorisedAbsenceRules Unauthorised,
    ThuiszitterRules Thuiszitter,
    DigestSchedule Digest,
    int RetentionMonths,
    IReadOnlyDictionary<string, string> Contacts,
    IReadOnlyDictionary<ThuiszitterCode, IReadOnlyList<string>> Arrangementen);

/// <summary>The M@ZL sick-absence route (seed 002, Bijlage 1; national MAZL variant in its own profile).</summary>
public sealed record SickAbsenceRules(
    int MentorReminderOnSchoolDay,
    int MentorAnswerWithinSchoolDays,
    int WorryingConsecutiveMoreThan,
    int WorryingIncidentalDays,
    int WorryingIncidentalWindowSchoolDays,
    int? WorryingZiekmeldingCount,
    int? WorryingZiekmeldingWindowSchoolDays,
    int ConsultWithinSchoolDays,
    int TerugkoppelingWithinSchoolDays,
    int EvaluationEverySchoolDays);

/// <summary>The hours ladder and the legal 16-hour clock (seed 004 "Verzuimschema", 002 §3, domain.md §4).</summary>
/// <param name="LessonHoursPerSchoolDay">
/// The school's lesuren on a full day (no seed gives it): a day of "ongeoorloofd afwezig" counts this many hours on the
/// ladder, and a day with this many hours logged counts as a whole day away towards four weeks (004 Werkwijzer punt 2).
/// </param>
public sealed record UnauthorisedAbsenceRules(
    IReadOnlyList<LadderRung> Ladder,
    int SignalHours,
    int SignalLateCount,
    int SignalWindowSchoolDays,
    int SignalWarningFromHours,
    int ReportWithinWorkingDays,
    bool ReportDirectlyToLeerplicht,
    int LessonHoursPerSchoolDay)
{
    /// <summary>More lesson hours than this cannot be missed on one school day.</summary>
    public const int MaxLessonHoursPerDay = 10;
}

/// <summary>
/// One rung of the hours ladder: at <see cref="Hours"/> in a school year, these actions are due for the school; once the
/// school's melding of this rung is in, <see cref="LeerplichtActions"/> are the leerplichtambtenaar's (004, last column).
/// </summary>
public sealed record LadderRung(int Hours, IReadOnlyList<string> Actions, IReadOnlyList<string> LeerplichtActions);

/// <summary>Four weeks away and the thuiszitter codes (seed 004 "Werkwijzer", 002 §2.2).</summary>
public sealed record ThuiszitterRules(
    int LeerplichtAfterSchoolDays,
    int OranjeAfterSchoolDays,
    int RoodAfterSchoolDays,
    int DoorzettingsmachtWorkingDays,
    IReadOnlyList<string> SchoolChecklist,
    IReadOnlyList<string> LeerplichtChecklist);

/// <summary>When the SWV gets its digest (domain.md §7).</summary>
public sealed record DigestSchedule(DayOfWeek Day, TimeOnly Time, int RblSwvOverlegEveryWeeks, int VrijstellingGoal);

public enum ThuiszitterCode
{
    Geel = 1,
    Oranje,
    Rood,
}
