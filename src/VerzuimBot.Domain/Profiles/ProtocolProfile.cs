using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Domain.Profiles;

/// <summary>
/// A regional protocol profile (domain.md §9): every number the rules use, read from a file the
/// beheerder can edit. Where seeds differ the number is a setting here, with the seed's value as
/// the default of that region's profile. The holiday region is not part of it: it belongs to the school
/// (its configuration), since one SWV's schools can lie in two regions.
/// </summary>
public sealed record ProtocolProfile(
    string Id,
    string Name,
    string Source,
    SchoolType SchoolType,
    TimeOnly ReminderTime,
    SickAbsenceRules Sick,
    UnauthorisedAbsenceRules Unauthorised,
    ThuiszitterRules Thuiszitter,
    LeerplichtRules Leerplicht,
    VerlofRules Verlof,
    DigestSchedule Digest,
    int RetentionMonths,
    IReadOnlyDictionary<string, string> Contacts,
    IReadOnlyDictionary<ThuiszitterCode, IReadOnlyList<string>> Arrangementen);

/// <summary>The M@ZL sick-absence route (seed 002, Bijlage 1; national MAZL variant in its own profile).</summary>
/// <param name="WorryingIncidentalDays">RUW's "5 dagen in een maand" (002 Bijlage 1 stap 3); null switches it off (national MAZL has no such rule).</param>
/// <param name="WorryingIncidentalWindowSchoolDays">The "maand" of that rule in school days; null together with <paramref name="WorryingIncidentalDays"/>.</param>
public sealed record SickAbsenceRules(
    int MentorReminderOnSchoolDay,
    int MentorAnswerWithinSchoolDays,
    int WorryingConsecutiveMoreThan,
    int? WorryingIncidentalDays,
    int? WorryingIncidentalWindowSchoolDays,
    int? WorryingZiekmeldingCount,
    int? WorryingZiekmeldingWindowSchoolDays,
    int ConsultWithinSchoolDays,
    int TerugkoppelingWithinSchoolDays,
    int EvaluationEverySchoolDays);

/// <summary>The hours ladder and the legal 16-hour clock (seed 004 "Verzuimschema", 002 §3, domain.md §4).</summary>
/// <param name="SignalWindowLesweken">
/// The window of the legal duty: 16 hours within 4 consecutive lesweken (002 §3 "4 aaneengesloten schoolweken"); a week
/// with a holiday does not count, a feestdag or study day inside a week does not stretch it.
/// </param>
/// <param name="LessonHoursPerSchoolDay">
/// The school's lesuren on a full day (no seed gives it): a day of "ongeoorloofd afwezig" counts this many hours on the
/// ladder, and a day with this many hours logged counts as a whole day away towards four weeks (004 Werkwijzer punt 2).
/// </param>
/// <param name="LateArrivals">How te laat climbs the ladder (004: "uren ongeoorloofd verzuim en/of te laat komen").</param>
/// <param name="FiveYearOldHoursPerWeek">Hours a week parents may keep a 5-year-old at home without asking: no verzuim (002 §1.1 footnote 4).</param>
/// <param name="FiveYearOldExtraHoursPerWeek">Further hours a week once the directeur agreed (002 §1.1 footnote 4: "maximaal 10 uur per week" in all).</param>
public sealed record UnauthorisedAbsenceRules(
    IReadOnlyList<LadderRung> Ladder,
    int SignalHours,
    int SignalLateCount,
    int SignalWindowLesweken,
    int SignalWarningFromHours,
    int ReportWithinWorkingDays,
    bool ReportDirectlyToLeerplicht,
    int LessonHoursPerSchoolDay,
    LateArrivalRules LateArrivals,
    int FiveYearOldHoursPerWeek,
    int FiveYearOldExtraHoursPerWeek)
{
    /// <summary>More lesson hours than this cannot be missed on one school day.</summary>
    public const int MaxLessonHoursPerDay = 10;
}

/// <summary>
/// Te laat on the ladder: either every <see cref="PerHour"/> late arrivals count as one hour on the hours ladder, or the
/// profile gives the late arrivals their own <see cref="Ladder"/> (rungs in times late instead of hours). Exactly one is set.
/// </summary>
public sealed record LateArrivalRules(int? PerHour, IReadOnlyList<LadderRung> Ladder);

/// <summary>
/// One rung of the hours ladder: at <see cref="Hours"/> in a school year (times late, on the late-arrival ladder), these
/// actions are due for the school; once the school's melding of this rung is in, <see cref="LeerplichtActions"/> are the
/// leerplichtambtenaar's (004, last column).
/// </summary>
public sealed record LadderRung(int Hours, IReadOnlyList<string> Actions, IReadOnlyList<string> LeerplichtActions);

/// <summary>Four weeks away and the thuiszitter codes (seed 004 "Werkwijzer", 002 §2.2, 002 §7).</summary>
/// <param name="VrijstellingTermMonths">A vrijstelling voor bepaalde tijd lapses after this term: "in principe voor één jaar" (002 §7).</param>
/// <param name="VrijstellingRenewalReminderSchoolDays">How many school days before it lapses leerplicht and the SWV are reminded of the renewal.</param>
public sealed record ThuiszitterRules(
    int LeerplichtAfterSchoolDays,
    int OranjeAfterSchoolDays,
    int RoodAfterSchoolDays,
    int DoorzettingsmachtWorkingDays,
    IReadOnlyList<string> SchoolChecklist,
    IReadOnlyList<string> LeerplichtChecklist,
    int VrijstellingTermMonths,
    int VrijstellingRenewalReminderSchoolDays);

/// <summary>Who the leerplicht route is for (002 §1.1-1.2) and where it goes for students past it.</summary>
/// <param name="AfterLeerplicht">For a student no longer leerplichtig or kwalificatieplichtig: to the RMC contact, or the route stops.</param>
public sealed record LeerplichtRules(AfterLeerplichtRoute AfterLeerplicht);

public enum AfterLeerplichtRoute
{
    /// <summary>Verzuim of an 18-plusser without startkwalificatie goes to the RMC contact (regionale meld- en coördinatiefunctie).</summary>
    Rmc = 1,

    /// <summary>The leerplicht route stops; the school's own care route goes on.</summary>
    Stopt,
}

/// <summary>Extra verlof (002 §1.3.1 "Vakantie"): asked ahead, at most once a year up to 10 school days, never in the first two weeks.</summary>
/// <param name="RequestWeeksAhead">"minstens zes weken van tevoren" (002).</param>
/// <param name="MaxSchoolDaysPerSchoolYear">"maximaal 10 aaneengesloten schooldagen", once a school year (002).</param>
/// <param name="NotInFirstSchoolDays">"nooit in de eerste twee weken van het schooljaar" (002): the first 10 school days.</param>
public sealed record VerlofRules(int RequestWeeksAhead, int MaxSchoolDaysPerSchoolYear, int NotInFirstSchoolDays);

/// <summary>When the SWV gets its digest (domain.md §7).</summary>
public sealed record DigestSchedule(DayOfWeek Day, TimeOnly Time, int RblSwvOverlegEveryWeeks, int VrijstellingGoal);

public enum ThuiszitterCode
{
    Geel = 1,
    Oranje,
    Rood,
}
