using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Rules;

/// <summary>
/// The rules of 002 §1.3.1 "Vakantie" a request for extra verlof is judged on: asked in time ("minstens zes weken van tevoren"),
/// once a school year for at most 10 school days ("maar één keer per jaar ... voor maximaal 10 aaneengesloten schooldagen"), and
/// never in the first two weeks of the school year. The school decides; these are what it decides on, in Dutch.
/// </summary>
public static class ExtraVerlofCheck
{
    public static IReadOnlyList<string> Problems(ExtraVerlofRequested request, DossierView dossier, SchoolCalendar calendar, VerlofRules rules)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(rules);
        var problems = new List<string>();
        if (request.Last < request.First)
        {
            return ["De laatste verlofdag ligt vóór de eerste."];
        }

        var weeksAhead = (request.First.DayNumber - request.RequestedOn.DayNumber) / 7;
        if (request.RequestedOn > request.First.AddDays(-7 * rules.RequestWeeksAhead))
        {
            problems.Add($"Aangevraagd {(weeksAhead <= 0 ? "niet van tevoren" : $"{weeksAhead} {(weeksAhead == 1 ? "week" : "weken")} van tevoren")}; het protocol vraagt minstens {rules.RequestWeeksAhead} weken.");
        }

        try
        {
            var days = calendar.CountSchoolDays(request.First, request.Last);
            if (days == 0)
            {
                problems.Add("In deze dagen valt geen schooldag: er is geen verlof nodig.");
            }
            else if (days > rules.MaxSchoolDaysPerSchoolYear)
            {
                problems.Add($"Het zijn {days} schooldagen; extra verlof is hoogstens {rules.MaxSchoolDaysPerSchoolYear} schooldagen.");
            }

            var year = SchoolYear.Of(request.First);
            var firstDay = calendar.FirstSchoolDay(year);
            var lastForbidden = calendar.AddSchoolDays(firstDay, Math.Max(0, rules.NotInFirstSchoolDays - 1));
            if (rules.NotInFirstSchoolDays > 0 && request.First <= lastForbidden && request.Last >= firstDay)
            {
                problems.Add($"Het verlof valt in de eerste twee weken van het schooljaar (t/m {lastForbidden:dd-MM-yyyy}); dan mag het nooit.");
            }

            var granted = dossier.Of<ExtraVerlofDecided>().Where(d => d.Granted).Select(d => d.Request).ToHashSet();
            if (dossier.Of<ExtraVerlofRequested>().Any(r => r.Id != request.Id && granted.Contains(r.Id) && SchoolYear.Of(r.First) == year))
            {
                problems.Add($"Dit schooljaar ({year}) is al eens extra verlof verleend; dat mag één keer per jaar.");
            }
        }
        catch (OutsideKnownCalendarException ex)
        {
            problems.Add(ex.Message);
        }

        return problems;
    }
}
