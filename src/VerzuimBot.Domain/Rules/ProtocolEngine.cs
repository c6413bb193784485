using System.Globalization;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Rules;

/// <summary>
/// The rules engine: from a dossier, the school's profile and calendar, and the current moment,
/// the tasks that are due or will become due (past ones included until they are dealt with).
/// Pure and deterministic: the same input gives the same tasks with the same ids.
/// Scheduled reminders fall on school days at the profile's reminder hour (Europe/Amsterdam);
/// notifications that answer an event (mentor told of a ziekmelding) are due when it was recorded.
/// Each route lives in its own file (ProtocolEngine.*.cs).
/// </summary>
public sealed partial class ProtocolEngine(ProtocolProfile profile, SchoolCalendar calendar)
{
    /// <summary>The detail of a ZorgwekkendVerzuim task brought forward by the mentor's zorgen (stap 2 → 3).</summary>
    public const string MentorConcerns = "zorgen van de mentor";

    public IReadOnlyList<DueTask> Evaluate(DossierView dossier, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var today = SchoolClock.LocalDate(now);
        var tasks = new List<DueTask>();
        var leerplicht = LeerplichtAge.PhaseOn(dossier.Facts, today);
        new SickRoute(this, dossier, tasks, leerplicht).Evaluate(today);
        new UnauthorisedRoute(this, dossier, tasks, leerplicht).Evaluate(today);
        new ThuiszitterRoute(this, dossier, tasks, leerplicht).Evaluate(today);
        new SchoolLeaveRoute(this, dossier, tasks, leerplicht).Evaluate(today);
        // Same moment: rungs read upwards (9 uur before 12 uur), so replies and cards list them in the ladder's order.
        return tasks.DistinctBy(t => t.Id).OrderBy(t => t.DueAt).ThenBy(t => t.Id.Value, Language.NaturalOrder.Instance).ToList();
    }

    /// <summary>Ids that were scheduled before but are no longer produced (e.g. after a beter-melding): cancel them.</summary>
    public static IReadOnlyList<TaskId> Cancelled(IEnumerable<TaskId> previouslyScheduled, IReadOnlyList<DueTask> current)
    {
        var live = current.Select(t => t.Id).ToHashSet();
        return previouslyScheduled.Where(id => !live.Contains(id)).Distinct().ToList();
    }

    /// <summary>The overleg-action id of the follow-up chosen for a stap-6 signal (an evaluation "niet opgevolgd", a "niet verschenen").</summary>
    public static string FollowUpActionId(EventId signal) => $"vervolg-{signal.Value}";

    /// <summary>The question under which the school records that refused extra verlof was not taken (the check task ends there).</summary>
    public static string RefusedVerlofQuestion(EventId request) => $"Geweigerd verlof {request.Value} toch genomen?";

    /// <summary>
    /// The signaalverzuim deadline (domain.md §4): "onverwijld", read as within <paramref name="workingDays"/> working days
    /// after the day the 16th hour fell; that day itself is not day 1.
    /// </summary>
    public static DateOnly SignaalverzuimDeadline(SchoolCalendar calendar, DateOnly reachedOn, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(reachedOn, workingDays);
    }

    private ProtocolProfile Profile => profile;

    private SchoolCalendar Calendar => calendar;

    private DateTimeOffset AtReminderHour(DateOnly date) => SchoolClock.At(calendar.NextSchoolDayOnOrAfter(date), profile.ReminderTime);

    /// <summary>
    /// A task that goes to leerplicht (or a melding there) for a student the leerplicht route covers (002 §1.1-1.2); for a
    /// student past it, the same signal goes to the RMC contact (profile "rmc") or nowhere ("stopt"); before it, nowhere.
    /// </summary>
    private static void ToLeerplichtOrRmc(List<DueTask> tasks, DossierView dossier, LeerplichtPhase phase, AfterLeerplichtRoute after, DueTask task)
    {
        if (LeerplichtAge.RouteApplies(phase))
        {
            tasks.Add(task);
        }
        else if (phase == LeerplichtPhase.Past && after == AfterLeerplichtRoute.Rmc)
        {
            var anchor = $"{task.Kind}/{task.Anchor}";
            if (!dossier.Of<LeerplichtMeldingRecorded>().Any(m => m.Reason == LeerplichtMeldingReason.Rmc && m.Anchor == anchor))
            {
                tasks.Add(Task(dossier, TaskKind.RmcMelding, Role.Verzuimcoordinator, task.DueAt, anchor, task.Detail));
            }
        }
    }

    private static DueTask Task(DossierView dossier, TaskKind kind, Role assignee, DateTimeOffset dueAt, string anchor, string? detail = null) =>
        new(new TaskKey(dossier.Student, kind, assignee, anchor).Id, kind, assignee, dueAt, dossier.Student, anchor, detail);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? DateReaching<T>(IEnumerable<T> items, Func<T, DateOnly> date, Func<T, int> amount, int threshold)
    {
        var total = 0;
        foreach (var item in items)
        {
            total += amount(item);
            if (total >= threshold)
            {
                return date(item);
            }
        }

        return null;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
