using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Digest;

/// <summary>
/// The SWV digest (domain.md §7, issue 9): figures per school and for the whole SWV, and the list of thuiszitters
/// reported to the SWV. Ids only, never names: the host maps student and staff ids to names for who may see them.
/// </summary>
/// <param name="AsOf">The school-local date of <paramref name="Now"/>.</param>
/// <param name="Since">Start of "sinds het vorige overzicht": the previous digest, or the start of the school year.</param>
/// <param name="Weeks">The school weeks of the trend, oldest first.</param>
public sealed record SwvDigest(
    DateTimeOffset Now,
    DateOnly AsOf,
    DateTimeOffset Since,
    int VrijstellingGoal,
    DoorloopPeriods Periods,
    IReadOnlyList<SchoolWeek> Weeks,
    IReadOnlyList<SchoolFigures> Schools,
    SchoolFigures Total,
    IReadOnlyList<ThuiszitterListEntry> Thuiszitters);

/// <summary>The figures of one school, or of the whole SWV (<see cref="School"/> null).</summary>
/// <param name="Absent">Students absent today, by band (see <see cref="DurationBand"/>).</param>
/// <param name="PerType">Absent students by thuiszitter type 1-7 (002 §2.2); every type is a key.</param>
/// <param name="PerCode">Absent students of types 4-6 by their code geel/oranje/rood (002 §2.2: the other types have none); every code is a key.</param>
/// <param name="Dreigend">Absent, zorgwekkend verzuim by the profile's criteria, and not yet past 4 weeks.</param>
/// <param name="OpenThuiszitterCases">Open cases (leerplicht judged "thuiszitter volgens de definitie", not back).</param>
/// <param name="ReportedToSwv">Open cases reported to the SWV (listed by id); the rest are counts only (domain.md §8).</param>
/// <param name="NewThuiszitters">Cases opened (leerplicht "ja" recorded) since the previous digest.</param>
/// <param name="ReturnedToSchool">"Terug op school" or "passend aanbod gestart" recorded since the previous digest.</param>
/// <param name="VrijstellingenNew">Vrijstellingen verleend recorded since the previous digest.</param>
/// <param name="VrijstellingenInForce">Students with a vrijstelling in force on the digest's day, not back at school since (002 §8.1 c).</param>
/// <param name="Overdue">Students with at least one late step of each kind; every kind is a key.</param>
/// <param name="Trend">Absent students by band at the end of each school week of <see cref="SwvDigest.Weeks"/>.</param>
public sealed record SchoolFigures(
    SchoolId? School,
    BandCounts Absent,
    IReadOnlyDictionary<int, int> PerType,
    IReadOnlyDictionary<ThuiszitterCode, int> PerCode,
    int Dreigend,
    int OpenThuiszitterCases,
    int ReportedToSwv,
    int NewThuiszitters,
    int ReturnedToSchool,
    int VrijstellingenNew,
    int VrijstellingenInForce,
    IReadOnlyDictionary<OverdueStep, int> Overdue,
    Doorloopsnelheid Doorloop,
    IReadOnlyList<BandCounts> Trend)
{
    public int NotReportedToSwv => OpenThuiszitterCases - ReportedToSwv;

    public int OverdueTotal => Overdue.Values.Sum();
}

/// <summary>A school week of the trend: its Monday, and the day its figures are taken (Friday, or today in the current week).</summary>
public sealed record SchoolWeek(DateOnly Monday, DateOnly MeasuredOn);

/// <summary>The current doorloopsnelheid period (ending today) and the one before it, both whole school weeks.</summary>
public sealed record DoorloopPeriods(DateOnly CurrentFrom, DateOnly CurrentUntil, DateOnly? PreviousFrom, DateOnly? PreviousUntil);

/// <summary>
/// Doorloopsnelheid (domain.md §7; 003 §3 steers on it): school days absent from the first day of absence, and
/// from the day the case became a thuiszitter, up to the day before "terug op school" / "passend aanbod gestart",
/// for the cases that ended in the current period, compared with the previous period.
/// </summary>
public sealed record Doorloopsnelheid(DoorloopStats FromFirstDay, DoorloopStats FromThuiszitter, DoorloopStats PreviousFromFirstDay, DoorloopStats PreviousFromThuiszitter)
{
    /// <summary>Change of the median from the first day against the previous period (negative: faster); null without both.</summary>
    public double? MedianChange => FromFirstDay.Median - PreviousFromFirstDay.Median;

    public double? MeanChange => FromFirstDay.Mean - PreviousFromFirstDay.Mean;
}

/// <summary>Count, median and mean school days; <see cref="ShareWithin3Months"/> is the share ended within 3 months (Thuiszitterspact, 003).</summary>
public sealed record DoorloopStats(int Count, double? Median, double? Mean, double? ShareWithin3Months)
{
    public static DoorloopStats Empty { get; } = new(0, null, null, null);
}

/// <summary>A thuiszitter reported to the SWV (domain.md §7, for the 8-weekly overleg). Ids only.</summary>
public sealed record ThuiszitterListEntry(
    StudentId Student,
    SchoolId School,
    int Type,
    ThuiszitterCode? Code,
    int SchoolDaysAbsent,
    DateOnly FirstDayAbsent,
    StaffId? Regiepersoon,
    NextStep NextStep);

/// <summary>The step that is due first for a case; <see cref="Due"/> null when nothing is scheduled.</summary>
public sealed record NextStep(string Description, DateOnly? Due, bool Overdue);
