using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;

namespace VerzuimBot.Protocol.Unauthorised;

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
            dossier => NoVerzuim(dossier, student, date) ?? (dossier.Of<UnauthorisedHoursRecorded>().Where(h => h.Date == date).Sum(h => h.Hours) + hours > MaxHoursPerDay
                ? $"Op {DutchDates.LongDate(date)} staan al {dossier.Of<UnauthorisedHoursRecorded>().Where(h => h.Date == date).Sum(h => h.Hours)} uur; meer dan {MaxHoursPerDay} lesuren op één dag kan niet. Er is niets veranderd."
                : null),
            actor => new UnauthorisedHoursRecorded(SickAbsenceService.NewId(), time.GetUtcNow(), actor, date, hours),
            dossier => $"{(hours == 1 ? "1 uur" : $"{hours} uur")} ongeoorloofd verzuim van {student.Label} op {DutchDates.LongDate(date)}{FiveYearOldAllowance(dossier, student, date)}");
    }

    /// <summary>
    /// Why the totals may not grow for a five-year-old (002 §1.1 footnote 4): the first hours of each week at home are no
    /// verzuim, more once the directeur agreed. Empty for anyone else, and when the birth date is unknown.
    /// </summary>
    private string FiveYearOldAllowance(DossierView dossier, StudentRecord student, DateOnly date)
    {
        if (AwaySpells.FiveYearOldAllowanceOn(dossier, protocols.For(student.SchoolId).Profile.Unauthorised, date) is not { } week)
        {
            return string.Empty;
        }

        return $"; {student.Details.Roepnaam} is vijf: de eerste {week.HoursPerWeek} uur per week thuis{(week.DirecteurAgreed ? " (met instemming van de directeur)" : string.Empty)} tellen niet als verzuim (002 §1.1, voetnoot 4)";
    }

    public Task<RouteOutcome> RecordLateAsync(StaffMember staff, StudentRecord student, DateOnly date, CancellationToken cancellationToken) =>
        RecordAsync(staff, student, date, date, cancellationToken,
            dossier => NoVerzuim(dossier, student, date) ?? (dossier.Of<LateArrivalRecorded>().Any(l => l.Date == date) ? $"{student.Label} staat op {DutchDates.LongDate(date)} al te laat genoteerd. Er is niets veranderd." : null),
            actor => new LateArrivalRecorded(SickAbsenceService.NewId(), time.GetUtcNow(), actor, date),
            _ => $"{student.Label} te laat op {DutchDates.LongDate(date)}");

    public Task<RouteOutcome> RecordLuxeverzuimAsync(StaffMember staff, StudentRecord student, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var calendar = protocols.For(student.SchoolId).Calendar;
        var days = last < first ? 0 : calendar.CountSchoolDays(first, last);
        var span = first == last ? $"op {DutchDates.LongDate(first)}" : $"van {DutchDates.LongDate(first)} tot en met {DutchDates.LongDate(last)}";
        return RecordAsync(staff, student, first, last, cancellationToken,
            dossier => dossier.Of<LuxeverzuimRecorded>().Any(l => l.First <= last && l.Last >= first) ? $"Voor {student.Label} staat in die dagen al luxeverzuim. Er is niets veranderd." : null,
            actor => new LuxeverzuimRecorded(SickAbsenceService.NewId(), time.GetUtcNow(), actor, first, last),
            _ => $"luxeverzuim van {student.Label} {span} ({Days(days)})");
    }

    /// <summary>
    /// "Ongeoorloofd afwezig vanaf": whole days away without leave (004 Verzuimschema; 004 Werkwijzer punt 2 counts
    /// them towards four weeks). A sick period still open is ended first with a beter-melding, by whoever knows it.
    /// </summary>
    public Task<RouteOutcome> RecordAwayFromAsync(StaffMember staff, StudentRecord student, DateOnly first, CancellationToken cancellationToken)
    {
        var hours = protocols.For(student.SchoolId).Profile.Unauthorised.LessonHoursPerSchoolDay;
        return RecordAsync(staff, student, first, first, cancellationToken,
            dossier => dossier.CurrentUnauthorisedPeriod is { } open
                ? $"{student.Label} staat al ongeoorloofd afwezig sinds {DutchDates.LongDate(open.FirstDay)}. Er is niets veranderd."
                : dossier.CurrentSickPeriod is { } sick
                    ? $"{student.Label} is ziek gemeld sinds {DutchDates.LongDate(sick.FirstDay)}. Is de leerling niet meer ziek maar blijft hij of zij zonder geldige reden weg? "
                      + $"Typ eerst \"beter {student.Details.Leerlingnummer}\" met de dag waarop de leerling terug had moeten komen, en daarna \"ongeoorloofd afwezig {student.Details.Leerlingnummer} vanaf\" die dag. Er is niets vastgelegd."
                    : dossier.UnauthorisedPeriods.Any(p => p.Covers(first))
                        ? $"Op {DutchDates.LongDate(first)} stond {student.Label} al ongeoorloofd afwezig. Er is niets veranderd."
                        : null,
            actor => new UnauthorisedAbsenceStarted(SickAbsenceService.NewId(), time.GetUtcNow(), actor, first),
            _ => $"{student.Label} ongeoorloofd afwezig vanaf {DutchDates.LongDate(first)}. Elke schooldag telt als {hours} lesuren, tot je \"weer aanwezig {student.Details.Leerlingnummer}\" typt");
    }

    /// <summary>"Weer aanwezig": the open period of ongeoorloofd afwezig ends; <paramref name="backOn"/> is the first day at school.</summary>
    public Task<RouteOutcome> RecordBackAsync(StaffMember staff, StudentRecord student, DateOnly backOn, CancellationToken cancellationToken)
    {
        var calendar = protocols.For(student.SchoolId).Calendar;
        return RecordAsync(staff, student, backOn, backOn, cancellationToken,
            dossier => dossier.CurrentUnauthorisedPeriod is not { } period
                ? $"Voor {student.Label} staat geen ongeoorloofde afwezigheid open. Er is niets veranderd."
                : backOn <= period.FirstDay
                    ? $"{student.Label} is ongeoorloofd afwezig sinds {DutchDates.LongDate(period.FirstDay)}; de dag van terugkomst moet daarna liggen. Klopt de hele melding niet, gebruik dan \"herstel {student.Details.Leerlingnummer}\". Er is niets veranderd."
                    : null,
            actor => new UnauthorisedAbsenceEnded(SickAbsenceService.NewId(), time.GetUtcNow(), actor, backOn),
            dossier => $"{student.Label} weer aanwezig vanaf {DutchDates.LongDate(backOn)}, na {Days(calendar.CountSchoolDays(dossier.CurrentUnauthorisedPeriod!.FirstDay, backOn.AddDays(-1)))} ongeoorloofd afwezig",
            anyDay: true);
    }

    private async Task<RouteOutcome> RecordAsync(
        StaffMember staff, StudentRecord student, DateOnly first, DateOnly last, CancellationToken cancellationToken,
        Func<DossierView, string?> duplicate, Func<Actor, DossierEvent> fact, Func<DossierView, string> what, bool anyDay = false)
    {
        var protocol = protocols.For(student.SchoolId);
        var now = time.GetUtcNow();
        var today = SchoolClock.LocalDate(now);
        if (DateProblem(protocol, today, first, last, anyDay) is { } problem)
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
        var next = outcome.Scheduled.Where(t => !before.Contains(t.Id)).Select(t => Consequence(t, now)).OfType<string>().Distinct();
        var caseClosed = ThuiszitterTexts.ClosedByReturn(dossier, outcome.Dossier, protocol.Profile.Thuiszitter);
        return new RouteOutcome(true, string.Join(' ', new[] { $"Vastgelegd: {what(dossier)}.", totals.Sentence }.Concat(next).Append(caseClosed).OfType<string>()));
    }

    /// <summary>Why these days cannot be logged; null when they can.</summary>
    private static string? DateProblem(SchoolProtocol protocol, DateOnly today, DateOnly first, DateOnly last, bool anyDay)
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

        if (anyDay)
        {
            return null;
        }

        if (first == last && !protocol.Calendar.IsSchoolDay(first))
        {
            return $"{Capitalise(DutchDates.LongDate(first))} is geen schooldag (weekend, vakantie of studiedag). Er is niets vastgelegd.";
        }

        return protocol.Calendar.CountSchoolDays(first, last) == 0 ? "In die dagen valt geen schooldag. Er is niets vastgelegd." : null;
    }

    /// <summary>
    /// What a newly scheduled task means for the person who logged, in one Dutch sentence. A period of ongeoorloofd
    /// afwezig schedules rungs ahead: those say on which day they follow if the student stays away.
    /// </summary>
    private static string? Consequence(DueTask task, DateTimeOffset now)
    {
        var ahead = SchoolClock.LocalDate(task.DueAt) > SchoolClock.LocalDate(now) ? $"Blijft de leerling weg, dan op {DutchDates.LongDate(SchoolClock.LocalDate(task.DueAt))}: " : null;
        return task.Kind switch
        {
            TaskKind.LadderRung when !task.Key.IsReminder && ahead is not null => $"{ahead}de trede van {task.Detail} van de verzuimladder.",
            TaskKind.LadderRung when !task.Key.IsReminder => $"De trede van {task.Detail} van de verzuimladder is bereikt: de verzuimcoördinator krijgt de acties als kaart.",
            TaskKind.SignaalverzuimWarning when ahead is null => $"Let op, bijna signaalverzuim: {task.Detail}.",
            TaskKind.SignaalverzuimMelding when ahead is not null => $"{ahead}signaalverzuim ({task.Detail}).",
            TaskKind.SignaalverzuimMelding => $"Signaalverzuim: {task.Detail}. De verzuimcoördinator krijgt de kaart om dit onverwijld te melden.",
            TaskKind.MeldingLeerplicht when task.Detail == "luxeverzuim" => "Luxeverzuim moet gemeld worden: de verzuimcoördinator krijgt de kaart \"Melden bij leerplicht\".",
            TaskKind.RmcMelding => "De leerling is niet meer leerplichtig of kwalificatieplichtig: niet leerplicht maar het RMC-contact krijgt de melding; de verzuimcoördinator krijgt de kaart.",
            TaskKind.LeerplichtJudgement when ahead is not null => $"{ahead}4 weken afwezig; leerplicht krijgt de vraag \"thuiszitter volgens de definitie?\".",
            TaskKind.LeerplichtJudgement => "4 weken afwezig: leerplicht krijgt de vraag \"thuiszitter volgens de definitie?\".",
            _ => null,
        };
    }

    /// <summary>A day that is no verzuim whatever is logged (002 §1.3.1: schorsing, granted verlof, geoorloofd): say so instead of storing hours that never count.</summary>
    private static string? NoVerzuim(DossierView dossier, StudentRecord student, DateOnly date) =>
        AwaySpells.NoVerzuimDays(dossier).Contains(date)
            ? $"Op {DutchDates.LongDate(date)} is {student.Label} geoorloofd afwezig (toegekend verlof, schorsing of een andere geldige reden): dat is geen verzuim. Er is niets vastgelegd."
            : null;

    private static string Days(int n) => n == 1 ? "1 schooldag" : $"{n} schooldagen";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
