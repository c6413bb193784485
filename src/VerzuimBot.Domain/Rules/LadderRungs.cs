using System.Globalization;
using System.Text.RegularExpressions;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Domain.Rules;

/// <summary>
/// Reading a rung of the hours ladder (004 Verzuimschema) out of a task and a dossier: which rung a
/// task id is about, which of its actions are done (this school year) and by whom, which still open.
/// </summary>
public static partial class LadderRungs
{
    /// <summary>The rung a ladder task id is about (a reminder's too), and whose side: the school's or leerplicht's.</summary>
    public static RungTask? FromTaskId(string taskId, string studentId, ProtocolProfile profile) =>
        TaskKey.Parse(taskId) is { } key && key.Student.Value == studentId ? FromKey(key, profile) : null;

    public static RungTask? FromTask(DueTask task, ProtocolProfile profile)
    {
        ArgumentNullException.ThrowIfNull(task);
        return FromKey(task.Key, profile);
    }

    private static RungTask? FromKey(TaskKey key, ProtocolProfile profile)
    {
        if (key.Kind is not (TaskKind.LadderRung or TaskKind.LeerplichtInterventie))
        {
            return null;
        }

        var anchor = key.BaseAnchor;
        if (Hours().Match(anchor) is not { Success: true } match || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var hours))
        {
            return null;
        }

        // "…u": a rung of the hours ladder; "…x": of the profile's own late-arrival ladder (004 "en/of te laat komen").
        var late = match.Groups[2].Value == ProtocolEngine.LateRungSuffix;
        var ladder = late ? profile.Unauthorised.LateArrivals.Ladder : profile.Unauthorised.Ladder;
        return ladder.FirstOrDefault(r => r.Hours == hours) is { } rung ? new RungTask(rung, anchor, key.Kind == TaskKind.LeerplichtInterventie, late) : null;
    }

    /// <summary>Whether the side's task is still produced (some action is open) for this dossier now.</summary>
    public static bool IsOpen(IEnumerable<DueTask> open, RungTask side) => open.Any(t => t.Kind == side.Kind && t.Anchor == side.Anchor);

    /// <summary>The school year the rung's anchor ("2026-2027-9u") belongs to.</summary>
    public static SchoolYear YearOf(string anchor) =>
        new(int.Parse(anchor[..4], NumberStyles.None, CultureInfo.InvariantCulture));

    /// <summary>The school's actions of the rung ticked off in that school year (the last tick of each action counts).</summary>
    public static IReadOnlyDictionary<string, LadderActionCompleted> Done(DossierView dossier, LadderRung rung, SchoolYear year) => Done(dossier, rung.Hours, rung.Actions, year, late: false);

    /// <summary>The side's actions ticked off in that school year (the last tick of each action counts).</summary>
    public static IReadOnlyDictionary<string, LadderActionCompleted> Done(DossierView dossier, RungTask side) => Done(dossier, side.Rung.Hours, side.Actions, side.Year, side.Late);

    private static Dictionary<string, LadderActionCompleted> Done(DossierView dossier, int hours, IReadOnlyList<string> actions, SchoolYear year, bool late)
    {
        var from = SchoolClock.At(year.First, TimeOnly.MinValue);
        return dossier.Of<LadderActionCompleted>()
            .Where(c => c.RungHours == hours && c.LateArrivals == late && c.RecordedAt >= from && actions.Contains(c.Action))
            .GroupBy(c => c.Action)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The day the school year's hours (days of ongeoorloofd afwezig and, as the profile says, late arrivals included) first
    /// reached the rung, up to today; on the own late-arrival ladder the day of that late arrival. Null when not (yet).
    /// </summary>
    public static DateOnly? ReachedOn(DossierView dossier, SchoolProtocol protocol, RungTask side, DateOnly today)
    {
        var (rung, year) = (side.Rung, side.Year);
        var total = 0;
        var until = today < year.Last ? today : year.Last;
        if (side.Late)
        {
            var lates = AwaySpells.LateArrivals(dossier, year.First, until);
            return lates.Count >= rung.Hours ? lates[rung.Hours - 1] : null;
        }

        foreach (var (date, hours) in AwaySpells.LadderUnitsPerDay(dossier, protocol.Calendar, protocol.Profile.Unauthorised, year.First, until))
        {
            total += hours;
            if (total >= rung.Hours)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>An action that is a melding (DUO-verzuimloket or leerplicht): ticking it needs the reference number.</summary>
    public static bool NeedsReference(string action) =>
        action.Contains("referentienummer", StringComparison.OrdinalIgnoreCase) || action.Contains("kenmerk", StringComparison.OrdinalIgnoreCase);

    /// <summary>PO and VSO report straight to the leerplichtambtenaar, VO through the DUO-verzuimloket (004).</summary>
    public static bool ReportsDirectly(ProtocolProfile profile) => profile.Unauthorised.ReportDirectlyToLeerplicht || profile.SchoolType == SchoolType.VSO;

    public static string Route(ProtocolProfile profile) =>
        ReportsDirectly(profile)
            ? $"rechtstreeks bij de leerplichtambtenaar van de woongemeente ({profile.Contacts.GetValueOrDefault("leerplicht") ?? "het regionaal bureau leerplicht"})"
            : "via het DUO-verzuimloket";

    /// <summary>The signaalverzuim task's day (its anchor is "yyyy-MM-dd").</summary>
    public static DateOnly? SignalDay(DueTask task) =>
        DateOnly.TryParseExact(task.Anchor.Split('/')[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The school's melding of the rung (its action ticked with a reference): what leerplicht acts on.</summary>
    public static LadderActionCompleted? Melding(DossierView dossier, LadderRung rung, SchoolYear year) =>
        Done(dossier, rung, year).Values.Where(c => c.DuoReference is not null).MinBy(c => c.RecordedAt);

    [GeneratedRegex(@"^\d{4}-\d{4}-(\d{1,3})(u|x)$", RegexOptions.None, 100)]
    private static partial Regex Hours();
}

/// <summary>
/// A rung and whose side of it a task is about: the school's actions, or leerplicht's after the melding (004, last column);
/// <see cref="Late"/> for a rung of the profile's own late-arrival ladder (its threshold is in times late).
/// </summary>
public sealed record RungTask(LadderRung Rung, string Anchor, bool Leerplicht, bool Late = false)
{
    /// <summary>"9 uur", or "9 keer te laat" on the late-arrival ladder.</summary>
    public string Threshold => Late ? $"{Rung.Hours} keer te laat" : $"{Rung.Hours} uur";

    public IReadOnlyList<string> Actions => Leerplicht ? Rung.LeerplichtActions : Rung.Actions;

    public TaskKind Kind => Leerplicht ? TaskKind.LeerplichtInterventie : TaskKind.LadderRung;

    public SchoolYear Year => LadderRungs.YearOf(Anchor);
}
