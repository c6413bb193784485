using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;

namespace VerzuimBot.Domain.Rules;

/// <summary>
/// The counts the hours ladder and the legal clock look at (004 Verzuimschema, 002 §3, domain.md §4):
/// this school year, and within the signal window (4 school weeks, since the last signaalverzuim melding).
/// </summary>
public sealed record UnauthorisedTotals(int HoursInYear, int LateInYear, int HoursInWindow, int LateInWindow, int SignalHours, int SignalLate, string Window)
{
    public static UnauthorisedTotals Of(DossierView dossier, SchoolProtocol protocol, DateOnly today)
    {
        var rules = protocol.Profile.Unauthorised;
        var year = SchoolYear.Of(today);
        var window = $"{rules.SignalWindowLesweken} lesweken";
        return new UnauthorisedTotals(
            dossier.UnauthorisedHoursInSchoolYear(protocol.Calendar, rules, today),
            AwaySpells.LateArrivals(dossier, year.First, today).Count,
            dossier.UnauthorisedHoursInWindow(protocol.Calendar, rules, today),
            dossier.LateArrivalsInWindow(protocol.Calendar, today, rules.SignalWindowLesweken),
            rules.SignalHours,
            rules.SignalLateCount,
            window);
    }

    public string YearText => $"{Hours(HoursInYear)} ongeoorloofd, {Times(LateInYear)} te laat";

    public string WindowText => $"{HoursInWindow} van {SignalHours} uur, {LateInWindow} van {SignalLate} keer te laat";

    public string Sentence => $"Dit schooljaar: {YearText}. Binnen {Window} (signaalverzuim): {WindowText}.";

    private static string Hours(int n) => n == 1 ? "1 uur" : $"{n} uur";

    private static string Times(int n) => n == 1 ? "1 keer" : $"{n} keer";
}
