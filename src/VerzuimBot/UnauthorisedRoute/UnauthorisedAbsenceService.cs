using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol;
using VerzuimBot.SickRoute;
using VerzuimBot.Staff;
using VerzuimBot.Students;
using VerzuimBot.Tasks;

namespace VerzuimBot.UnauthorisedRoute;

/// <summary>
/// Logs ongeoorloofd verzuim (004 Verzuimschema, 002 §3): hours, te laat and luxeverzuim, each checked
/// against the acting person's role for the student (receptie or verzuimcoördinator), stored as a new
/// event, and answered with the new totals and what the protocol now asks (the cards go out at once).
/// </summary>
internal sealed class UnauthorisedAbsenceService(DossierService dossiers, SchoolProtocols protocols, StudentGuard guard, SweepTrigger sweep, TimeProvider time)
{
    /// <summary>Lesson hours on one day: more cannot be missed in a school day.</summary>
    public const int MaxHoursPerDay = 10;

    /// <summary>How far back absence may be logged (as for a ziekmelding).</summary>
    public const int MaxDaysBack = 30;

    public Task<RouteOutcome> RecordHoursAsync(StaffMember staff, StudentRecord student, DateOnly date, int hours, CancellationToken cancellationToken)
    {
        if (hours is < 1 or > MaxHoursPerDay)
        {
            return Task.FromResult(new RouteOutcome(false, $"Het aantal lesuren moet tussen 1 en {MaxHoursPerDay} liggen."));
        }

        return RecordAsync(staff, student, date, date, cancellationToken,
            dossier => dossier.Of<UnauthorisedHoursRecorded>().Where(h => h.Date == date).Sum(h => h.Hours) + hours > MaxHoursPerDay
                ? $"Op {RouteCards.LongDate(date)} staan al {dossier.Of<UnauthorisedHoursRecorded>().Where(h => h.Date == date).Sum(h => h.Hours)} uur; meer dan {MaxHoursPerDay} lesuren op één dag kan niet. Er is niets veranderd."
                : null,
            actor => new UnauthorisedHoursRecorded(SickAbsenceService.NewId(), time.GetUtcNow(), actor, date, hours),
            $"{(hours == 1 ? "1 uur" : $"{hours} uur")} ongeoorloofd verzuim van {student.Label} op {RouteCards.LongDate(date)}");
    }

    public Task<RouteOutcome> RecordLateAsync(StaffMember staff, StudentRecord student, DateOnly date, CancellationToken cancellationToken) =>
        RecordAsync(staff, student, date, date, cancellationToken,
            dossier => dossier.Of<LateArrivalRecorded>().Any(l => l.Date == date) ? $"{student.Label} staat op {RouteCards.LongDate(date)} al te laat genoteerd. Er is niets veranderd." : null,
            actor => new LateArrivalRecorded(SickAbsenceService.NewId(), time.GetUtcNow(), actor, date),
            $"{student.Label} te laat op {RouteCards.LongDate(date)}");

    public Task<RouteOutcome> RecordLuxeverzuimAsync(StaffMember staff, StudentRecord student, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var calendar = protocols.For(student.SchoolId).Calendar;
        var days = last < first ? 0 : calendar.CountSchoolDays(first, last);
        var span = first == last ? $"op {RouteCards.LongDate(first)}" : $"van {RouteCards.LongDate(first)} tot en met {RouteCards.LongDate(last)}";
        return RecordAsync(staff, student, first, last, cancellationToken,
            dossier => dossier.Of<LuxeverzuimRecorded>().Any(l => l.First <= last && l.Last >= first) ? $"Voor {student.Label} staat in die dagen al luxeverzuim. Er is niets veranderd." : null,
            actor => new LuxeverzuimRecorded(SickAbsenceService.NewId(), time.GetUtcNow(), actor, first, last),
            $"luxeverzuim van {student.Label} {span} ({(days == 1 ? "1 schooldag" : $"{days} schooldagen")})");
    }

    private async Task<RouteOutcome> RecordAsync(
        StaffMember staff, StudentRecord student, DateOnly first, DateOnly last, CancellationToken cancellationToken,
        Func<DossierView, string?> duplicate, Func<Actor, DossierEvent> fact, string what)
    {
        var protocol = protocols.For(student.SchoolId);
        var now = time.GetUtcNow();
        var today = SchoolClock.LocalDate(now);
        if (DateProblem(protocol, today, first, last) is { } problem)
        {
            return new RouteOutcome(false, problem);
        }

        var dossier = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
        var decision = await guard.CheckAsync(staff, AccessAction.LogUnauthorisedAbsence, student, dossier, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            return new RouteOutcome(false, decision.Reason!);
        }

        if (duplicate(dossier) is { } already)
        {
            return new RouteOutcome(false, already);
        }

        var before = protocol.Engine.Evaluate(dossier, now).Select(t => t.Id).ToHashSet();
        var outcome = await dossiers.RecordAsync(student.SchoolId, student.Id, fact(SickAbsenceService.ActorOf(staff, decision)), cancellationToken).ConfigureAwait(false);
        sweep.Now();
        var totals = UnauthorisedTotals.Of(outcome.Dossier, protocol, today);
        var next = outcome.Scheduled.Where(t => !before.Contains(t.Id)).Select(Consequence).OfType<string>().Distinct();
        return new RouteOutcome(true, string.Join(' ', new[] { $"Vastgelegd: {what}.", totals.Sentence }.Concat(next)));
    }

    /// <summary>Why these days cannot be logged; null when they can.</summary>
    private static string? DateProblem(SchoolProtocol protocol, DateOnly today, DateOnly first, DateOnly last)
    {
        if (first > today || first < today.AddDays(-MaxDaysBack))
        {
            return $"De datum moet tussen {MaxDaysBack} dagen geleden en vandaag liggen. Er is niets vastgelegd.";
        }

        if (last < first)
        {
            return "De laatste dag ligt vóór de eerste. Er is niets vastgelegd.";
        }

        if (last > first.AddDays(60))
        {
            return "Luxeverzuim van meer dan 60 dagen leg ik niet in één keer vast; controleer de datums. Er is niets vastgelegd.";
        }

        if (first == last && !protocol.Calendar.IsSchoolDay(first))
        {
            return $"{Capitalise(RouteCards.LongDate(first))} is geen schooldag (weekend, vakantie of studiedag). Er is niets vastgelegd.";
        }

        return protocol.Calendar.CountSchoolDays(first, last) == 0 ? "In die dagen valt geen schooldag. Er is niets vastgelegd." : null;
    }

    /// <summary>What a newly due task means for the person who logged, in one Dutch sentence.</summary>
    private static string? Consequence(DueTask task) => task.Kind switch
    {
        TaskKind.LadderRung when !task.Anchor.Contains('/') => $"De trede van {task.Detail} van de verzuimladder is bereikt: de verzuimcoördinator krijgt de acties als kaart.",
        TaskKind.SignaalverzuimWarning => $"Let op, bijna signaalverzuim: {task.Detail}.",
        TaskKind.SignaalverzuimMelding => $"Signaalverzuim: {task.Detail}. De verzuimcoördinator krijgt de kaart om dit onverwijld te melden.",
        TaskKind.MeldingLeerplicht when task.Detail == "luxeverzuim" => "Luxeverzuim moet gemeld worden: de verzuimcoördinator krijgt de kaart \"Melden bij leerplicht\".",
        _ => null,
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
