using System.Globalization;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using EventId = VerzuimBot.Domain.Identity.EventId;

namespace VerzuimBot.Protocol.AbsenceImport;

/// <summary>
/// What a student's registrations of one school year are as dossier facts, the same events a chat fact is (issue 22 item 2):
/// ongeoorloofd lesuren per day, one late arrival per day, geoorloofd per day and reason, and runs of consecutive school days
/// for ziek (a ziekmelding, and a beter-melding on the next school day unless the run reaches the export's last school day),
/// schorsing and granted verlof. Pure and deterministic: the same registrations give the same events with the same ids.
/// </summary>
internal static class AbsenceFacts
{
    /// <summary>The prefix of every imported event id; chat facts have other ids.</summary>
    public const string IdPrefix = "imp-";

    /// <param name="asOf">The export's last day: a sick run up to its last school day is still open (no beter-melding yet).</param>
    /// <param name="now">No imported fact is placed later than now.</param>
    public static IReadOnlyList<ImportedFact> From(
        string schoolId, StudentId student, IEnumerable<AbsenceRegistration> registrations, SchoolCalendar calendar, int lessonHoursPerSchoolDay, DateOnly asOf, DateTimeOffset now, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var all = registrations.ToList();
        var facts = new List<ImportedFact>();
        string Id(string what) => IdPrefix + AbsenceRegistration.Hash($"{schoolId}|{student.Value}|{what}");
        DateTimeOffset At(DateOnly day)
        {
            var start = SchoolClock.At(day, TimeOnly.MinValue);
            return start < now ? start : now;
        }

        foreach (var day in all.Where(r => r.Meaning.Kind == AbsenceKind.Ongeoorloofd).GroupBy(r => r.Date))
        {
            var hours = day.Sum(r => r.LessonHours(lessonHoursPerSchoolDay));
            facts.Add(Single(AbsenceKind.Ongeoorloofd, day.Key, new UnauthorisedHoursRecorded(new EventId(Id($"uren|{Day(day.Key)}|{hours}")), At(day.Key), actor, day.Key, hours)));
        }

        foreach (var date in all.Where(r => r.Meaning.Kind == AbsenceKind.TeLaat).Select(r => r.Date).Distinct())
        {
            facts.Add(Single(AbsenceKind.TeLaat, date, new LateArrivalRecorded(new EventId(Id($"te-laat|{Day(date)}")), At(date), actor, date)));
        }

        foreach (var day in all.Where(r => r.Meaning.Kind == AbsenceKind.Geoorloofd).GroupBy(r => (r.Date, Reason: r.Meaning.Reason!.Value)))
        {
            var hours = day.Any(r => r.IsWholeDay(lessonHoursPerSchoolDay)) ? (int?)null : Math.Min(day.Sum(r => r.LessonHours(lessonHoursPerSchoolDay)), lessonHoursPerSchoolDay);
            var id = Id($"geoorloofd|{Day(day.Key.Date)}|{day.Key.Reason}|{hours?.ToString(CultureInfo.InvariantCulture) ?? "dag"}");
            facts.Add(Single(AbsenceKind.Geoorloofd, day.Key.Date, new AuthorisedAbsenceRecorded(new EventId(id), At(day.Key.Date), actor, day.Key.Date, day.Key.Date, day.Key.Reason, hours, null)));
        }

        var lastSchoolDay = calendar.LastSchoolDayOnOrBefore(asOf);
        foreach (var (first, last) in Runs(all, AbsenceKind.Ziek, calendar))
        {
            var events = new List<DossierEvent> { new ZiekmeldingRecorded(new EventId(Id($"ziek|{Day(first)}")), At(first), actor, first, null, false) };
            if (last < lastSchoolDay)
            {
                var back = calendar.NextSchoolDayOnOrAfter(last.AddDays(1));
                events.Add(new BeterMeldingRecorded(new EventId(Id($"beter|{Day(first)}|{Day(back)}")), At(back), actor, back));
            }

            facts.Add(new ImportedFact(AbsenceKind.Ziek, first, last, events));
        }

        foreach (var (first, last) in Runs(all, AbsenceKind.Schorsing, calendar))
        {
            facts.Add(new ImportedFact(AbsenceKind.Schorsing, first, last, [new SchorsingRecorded(new EventId(Id($"schorsing|{Day(first)}|{Day(last)}")), At(first), actor, first, last, null)]));
        }

        foreach (var (first, last) in Runs(all, AbsenceKind.Verlof, calendar))
        {
            var request = new ExtraVerlofRequested(new EventId(Id($"verlof|{Day(first)}|{Day(last)}")), At(first), actor, first, last, SchoolClock.LocalDate(At(first)), VerlofReason);
            facts.Add(new ImportedFact(AbsenceKind.Verlof, first, last, [request, new ExtraVerlofDecided(new EventId(request.Id.Value + "-toegekend"), request.RecordedAt, actor, request.Id, true, VerlofReason)]));
        }

        return facts.OrderBy(f => f.Events[0].RecordedAt).ThenBy(f => f.Kind).ToList();
    }

    /// <summary>Why an imported verlof is there: the school system holds it as granted.</summary>
    public const string VerlofReason = "toegekend volgens het schoolsysteem";

    /// <summary>Consecutive school days with a registration of the kind (a weekend or holiday in between does not break a run).</summary>
    private static IEnumerable<(DateOnly First, DateOnly Last)> Runs(List<AbsenceRegistration> all, AbsenceKind kind, SchoolCalendar calendar)
    {
        var days = all.Where(r => r.Meaning.Kind == kind).Select(r => r.Date).Distinct().Order().ToList();
        for (var i = 0; i < days.Count;)
        {
            var first = days[i];
            var last = first;
            while (++i < days.Count && days[i] == calendar.AddSchoolDays(last, 1))
            {
                last = days[i];
            }

            yield return (first, last);
        }
    }

    private static ImportedFact Single(AbsenceKind kind, DateOnly date, DossierEvent fact) => new(kind, date, date, [fact]);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>One imported fact: its kind, the days it covers (first to last, both included) and its dossier events in order.</summary>
internal sealed record ImportedFact(AbsenceKind Kind, DateOnly First, DateOnly Last, IReadOnlyList<DossierEvent> Events);
