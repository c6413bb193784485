using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Protocol.Students;

namespace VerzuimBot.Protocol.SchoolLeave;

/// <summary>
/// Records the routes of 002 §1.3 besides illness: a schorsing, a request for extra verlof, geoorloofd verzuim with another
/// reason, a 5-year-old's extra hours, leaving without a startkwalificatie. Each is checked against the acting person's role
/// for the student now, stored as a new event, and answered in Dutch with what follows (the cards go out at once).
/// </summary>
internal sealed class SchoolLeaveService(DossierService dossiers, SchoolProtocols protocols, StudentGuard guard, SweepTrigger sweep, TimeProvider time)
{
    /// <summary>How far back or ahead a day may be given (a request for verlof may lie further ahead: a school year).</summary>
    public const int MaxDaysAway = 60;

    public Task<RouteOutcome> SchorsingAsync(StaffMember staff, StudentRecord student, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        RecordAsync(staff, student, AccessAction.RecordSchorsing, cancellationToken,
            (dossier, calendar) => Range(first, last, MaxDaysAway)
                ?? (calendar.CountSchoolDays(first, last) == 0 ? "In die dagen valt geen schooldag. Er is niets vastgelegd." : null)
                ?? (dossier.Of<SchorsingRecorded>().Any(s => s.First <= last && s.Last >= first) ? $"Voor {student.Label} staat in die dagen al een schorsing. Er is niets veranderd." : null),
            actor => new SchorsingRecorded(SickAbsenceService.NewId(), time.GetUtcNow(), actor, first, last, null),
            $"schorsing van {student.Label} {Span(first, last)}. Een schorsing is geen verzuim, maar leerplicht moet ervan weten (002 §1.3.1): de verzuimcoördinator krijgt de kaart om haar te melden");

    public Task<RouteOutcome> VerlofAanvraagAsync(StaffMember staff, StudentRecord student, DateOnly first, DateOnly last, string reason, CancellationToken cancellationToken)
    {
        var today = SchoolClock.Today(time);
        return RecordAsync(staff, student, AccessAction.RecordAuthorisedAbsence, cancellationToken,
            (dossier, _) => last < first ? "De laatste dag ligt vóór de eerste. Er is niets vastgelegd."
                : first < today ? "Extra verlof vraag je van tevoren aan (002 §1.3.1); deze dagen liggen in het verleden. Er is niets vastgelegd."
                : last > first.AddDays(60) || first > today.AddDays(366) ? "Controleer de datums: zo ver vooruit of zo lang verlof leg ik niet vast. Er is niets vastgelegd."
                : dossier.Of<ExtraVerlofRequested>().Any(r => r.First <= last && r.Last >= first) ? $"Voor {student.Label} is voor die dagen al verlof aangevraagd. Er is niets veranderd." : null,
            actor => new ExtraVerlofRequested(SickAbsenceService.NewId(), time.GetUtcNow(), actor, first, last, today, reason),
            $"aanvraag extra verlof voor {student.Label} {Span(first, last)}, aangevraagd vandaag. De verzuimcoördinator beslist namens de directeur en krijgt de kaart met de regels van het protocol");
    }

    public Task<RouteOutcome> GeoorloofdAsync(StaffMember staff, StudentRecord student, DateOnly first, DateOnly last, AuthorisedAbsenceReason reason, int? hours, CancellationToken cancellationToken) =>
        RecordAsync(staff, student, AccessAction.RecordAuthorisedAbsence, cancellationToken,
            (dossier, calendar) => Range(first, last, MaxDaysAway)
                ?? (calendar.CountSchoolDays(first, last) == 0 ? "In die dagen valt geen schooldag. Er is niets vastgelegd." : null)
                ?? (dossier.Of<AuthorisedAbsenceRecorded>().Any(a => a.Reason == reason && a.First <= last && a.Last >= first) ? $"Dit staat voor {student.Label} al vastgelegd. Er is niets veranderd." : null),
            actor => new AuthorisedAbsenceRecorded(SickAbsenceService.NewId(), time.GetUtcNow(), actor, first, last, reason, hours, null),
            $"{student.Label} geoorloofd afwezig {Span(first, last)}{(hours is { } h ? $", {h} lesuren" : string.Empty)} ({ReasonText(reason)}). Dit telt niet als verzuim (002 §1.3.1)");

    public Task<RouteOutcome> VijfjarigeAsync(StaffMember staff, StudentRecord student, DateOnly from, CancellationToken cancellationToken)
    {
        var rules = protocols.For(student.SchoolId).Profile.Unauthorised;
        return RecordAsync(staff, student, AccessAction.DecideExtraVerlof, cancellationToken,
            (dossier, _) => Range(from, from, MaxDaysAway)
                ?? (dossier.Facts.BirthDate is not { } birth || from >= birth.AddYears(6)
                    ? $"Dit geldt alleen voor een vijfjarige (002 §1.1, voetnoot 4){(dossier.Facts.BirthDate is null ? "; de geboortedatum van de leerling is onbekend" : string.Empty)}. Er is niets vastgelegd."
                    : null),
            actor => new FiveYearOldExtraHoursAgreed(SickAbsenceService.NewId(), time.GetUtcNow(), actor, from),
            $"de directeur stemt in: {student.Label} mag vanaf {DutchDates.LongDate(from)} {rules.FiveYearOldHoursPerWeek + rules.FiveYearOldExtraHoursPerWeek} uur per week thuisblijven; die uren tellen niet als verzuim");
    }

    public Task<RouteOutcome> VsvAsync(StaffMember staff, StudentRecord student, DateOnly leftOn, CancellationToken cancellationToken) =>
        RecordAsync(staff, student, AccessAction.RecordLeftSchool, cancellationToken,
            (dossier, _) => Range(leftOn, leftOn, MaxDaysAway)
                ?? (dossier.Facts.HasStartkwalificatie == true ? $"Volgens de leerlingenlijst heeft {student.Label} een startkwalificatie. Er is niets vastgelegd." : null)
                ?? (LeerplichtAge.PhaseOn(dossier.Facts, leftOn) == LeerplichtPhase.Leerplichtig ? StillLeerplichtig(student, leftOn) : null)
                ?? (dossier.LeftSchoolOn(leftOn) is not null ? $"{student.Label} staat al als vertrokken zonder startkwalificatie. Er is niets veranderd." : null),
            actor => new LeftWithoutStartkwalificatie(SickAbsenceService.NewId(), time.GetUtcNow(), actor, leftOn),
            $"{student.Label} vertrokken op {DutchDates.LongDate(leftOn)} zonder startkwalificatie: type 7 (na de middelbare school, VSV; 002 §2.2)");

    /// <summary>
    /// Type 7 is "na de middelbare school" (002 §2.2). A student still under the full leerplicht (002 §1.1) who leaves without
    /// being enrolled at another school is no vsv but absoluut verzuim (002 §1.3: "niet bij een erkende school of instelling
    /// ingeschreven"), a matter for leerplicht. With the birth date unknown the school's word stands.
    /// </summary>
    private static string StillLeerplichtig(StudentRecord student, DateOnly leftOn) =>
        $"{student.Label} is op {DutchDates.LongDate(leftOn)} nog volledig leerplichtig (002 §1.1). Vertrekt een leerplichtige leerling zonder inschrijving op een andere school, "
        + "dan is dat absoluut verzuim (002 §1.3), geen vsv: meld het bij leerplicht. Er is niets vastgelegd.";

    public static string ReasonText(AuthorisedAbsenceReason reason) => reason switch
    {
        AuthorisedAbsenceReason.DokterOfHulpverlening => "dokter, tandarts of hulpverlening",
        AuthorisedAbsenceReason.ReligieuzeFeestdag => "religieuze feestdag",
        AuthorisedAbsenceReason.Huwelijk => "huwelijk",
        _ => "begrafenis",
    };

    public static string Span(DateOnly first, DateOnly last) =>
        first == last ? $"op {DutchDates.LongDate(first)}" : $"van {DutchDates.LongDate(first)} tot en met {DutchDates.LongDate(last)}";

    private async Task<RouteOutcome> RecordAsync(
        StaffMember staff, StudentRecord student, AccessAction action, CancellationToken cancellationToken,
        Func<DossierView, SchoolCalendar, string?> problem, Func<Actor, DossierEvent> fact, string what)
    {
        var protocol = protocols.For(student.SchoolId);
        var dossier = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
        var decision = await guard.CheckAsync(staff, action, student, dossier, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            return new RouteOutcome(false, decision.Reason!);
        }

        string? refusal;
        try
        {
            refusal = problem(dossier, protocol.Calendar);
        }
        catch (OutsideKnownCalendarException ex)
        {
            refusal = $"{ex.Message} Er is niets vastgelegd.";
        }

        if (refusal is not null)
        {
            return new RouteOutcome(false, refusal);
        }

        await dossiers.RecordAsync(student.SchoolId, student.Id, fact(SickAbsenceService.ActorOf(staff, decision)), cancellationToken).ConfigureAwait(false);
        sweep.Now();
        return new RouteOutcome(true, $"Vastgelegd: {what}.");
    }

    private string? Range(DateOnly first, DateOnly last, int maxDays)
    {
        var today = SchoolClock.Today(time);
        if (last < first)
        {
            return "De laatste dag ligt vóór de eerste. Er is niets vastgelegd.";
        }

        return first < today.AddDays(-maxDays) || last > today.AddDays(maxDays)
            ? $"De dagen moeten binnen {maxDays} dagen van vandaag liggen. Er is niets vastgelegd."
            : null;
    }
}
