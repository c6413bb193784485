using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;

namespace VerzuimBot.Domain.Digest;

/// <summary>
/// A sick period as the SWV counts it: it ends at the beter-melding, or earlier at "terug op school" /
/// "passend aanbod gestart" (a student in a passend aanbod is no longer at home, even without a beter-melding).
/// </summary>
internal sealed record AbsenceSpell(AbsencePeriod Period, DateOnly? End, ReturnedToSchool? Return)
{
    public DateOnly FirstDay => Period.FirstDay;

    public bool Covers(DateOnly date) => date >= FirstDay && (End is null || date < End);

    /// <summary>School days absent from the first day up to and including <paramref name="asOf"/> (0 when not absent then).</summary>
    public int SchoolDaysAbsent(SchoolCalendar calendar, DateOnly asOf) => Covers(asOf) ? SchoolDays(calendar, FirstDay, asOf) : 0;

    public static IReadOnlyList<AbsenceSpell> Of(DossierView dossier)
    {
        var periods = dossier.SickPeriods;
        var returns = dossier.Of<ReturnedToSchool>().ToList();
        var spells = new List<AbsenceSpell>(periods.Count);
        for (var i = 0; i < periods.Count; i++)
        {
            var period = periods[i];
            var started = period.Ziekmelding.RecordedAt;
            var nextStarted = i + 1 < periods.Count ? periods[i + 1].Ziekmelding.RecordedAt : DateTimeOffset.MaxValue;
            var back = returns.FirstOrDefault(r => r.RecordedAt >= started && r.RecordedAt < nextStarted && r.Date >= period.FirstDay);
            var end = back is null ? period.BackOn : period.BackOn is { } backOn && backOn < back.Date ? backOn : back.Date;
            spells.Add(new AbsenceSpell(period, end, back));
        }

        return spells;
    }

    /// <summary>CountSchoolDays, clamped to the known calendar so an old first day does not throw.</summary>
    public static int SchoolDays(SchoolCalendar calendar, DateOnly first, DateOnly last) =>
        calendar.CountSchoolDays(first < calendar.KnownFrom ? calendar.KnownFrom : first, last);
}
