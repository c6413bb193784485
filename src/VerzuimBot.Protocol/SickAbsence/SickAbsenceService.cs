using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Protocol.Texts;

namespace VerzuimBot.Protocol.SickAbsence;

/// <summary>
/// Stap 1 of 002 Bijlage 1 and its corrections: ziekmelding, beter-melding and herstel, each checked
/// against the acting person's role for the student, stored as a new event, and followed at once by
/// the tasks it makes due (the mentor's notification goes out on the next sweep, triggered now).
/// </summary>
internal sealed class SickAbsenceService(DossierService dossiers, StudentGuard guard, SchoolProtocols protocols, SweepTrigger sweep, TimeProvider time)
{
    /// <summary>The same answer for an event that is not there and one this person may not take back.</summary>
    public const string NotRetractable = "Die melding staat niet (meer) in het dossier, of hoort niet bij wat jouw rol vastlegt. Er is niets veranderd.";

    public const string StudentLeftRoster = "Die leerling staat niet meer op de leerlingenlijst; er is niets opgeslagen.";

    /// <summary>Why this person cannot report this student sick now (no role, already sick); null when they can.</summary>
    public async Task<string?> RefusalToReportAsync(StaffMember staff, StudentRecord student, CancellationToken cancellationToken)
    {
        var dossier = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
        var decision = await guard.CheckAsync(staff, AccessAction.ViewAbsenceOverview, student, dossier, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            return decision.Reason!;
        }

        return dossier.CurrentSickPeriod is { } open
            ? $"{student.Label} is al ziek gemeld sinds {DutchDates.LongDate(open.FirstDay)}. Typ \"beter {student.Details.Leerlingnummer}\" als de leerling weer op school is."
            : null;
    }

    /// <summary>How far back a ziekmelding may start: older absence is a matter for the school's administration, not a chat.</summary>
    public const int MaxDaysBack = 30;

    public async Task<RouteOutcome> ReportSickAsync(StaffMember staff, StudentRecord student, DateOnly firstDay, DateOnly? expectedReturn, bool parentWillContactMentor, CancellationToken cancellationToken)
    {
        var today = SchoolClock.Today(time);
        if (firstDay > today.AddDays(1) || firstDay < today.AddDays(-MaxDaysBack))
        {
            return new RouteOutcome(false, "De eerste ziektedag moet tussen 30 dagen geleden en morgen liggen.");
        }

        if (expectedReturn is { } back && back <= firstDay)
        {
            return new RouteOutcome(false, "De verwachte terugkeer moet na de eerste ziektedag liggen.");
        }

        var dossier = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
        var decision = await guard.CheckAsync(staff, AccessAction.LogZiekmelding, student, dossier, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            return new RouteOutcome(false, decision.Reason!);
        }

        if (dossier.CurrentSickPeriod is { } open)
        {
            return new RouteOutcome(false, $"{student.Label} is al ziek gemeld sinds {DutchDates.LongDate(open.FirstDay)}. Er is niets veranderd.");
        }

        var fact = new ZiekmeldingRecorded(NewId(), time.GetUtcNow(), ActorOf(staff, decision), firstDay, expectedReturn, parentWillContactMentor);
        try
        {
            // "Not sick yet" is checked again in the same step as the append: of two ziekmeldingen at once, one is stored.
            await dossiers.RecordAsync(student.SchoolId, student.Id, fact, stored => stored.CurrentSickPeriod is null, cancellationToken).ConfigureAwait(false);
        }
        catch (FactNoLongerAppliesException)
        {
            var now = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
            return new RouteOutcome(false, $"{student.Label} is net door iemand anders ziek gemeld{(now.CurrentSickPeriod is { } other ? $" (sinds {DutchDates.LongDate(other.FirstDay)})" : string.Empty)}. Er is niets veranderd.");
        }
        catch (StudentLeftRosterException)
        {
            return new RouteOutcome(false, StudentLeftRoster);
        }

        sweep.Now();
        var expected = expectedReturn is { } d ? DutchDates.LongDate(d) : "onbekend";
        // A ziekmelding ends "ongeoorloofd afwezig" from its first day (DossierView): say so, the ladder stops counting.
        var unauthorised = dossier.CurrentUnauthorisedPeriod is { } away
            ? $" De ongeoorloofde afwezigheid sinds {DutchDates.LongDate(away.FirstDay)} telt vanaf {DutchDates.LongDate(firstDay < away.FirstDay ? away.FirstDay : firstDay)} als ziekteverzuim."
            : string.Empty;
        return new RouteOutcome(true, $"Ziekmelding opgeslagen: {student.Label}, ziek vanaf {DutchDates.LongDate(firstDay)}, verwacht terug: {expected}. De mentor krijgt nu bericht.{unauthorised}");
    }

    public async Task<RouteOutcome> ReportBetterAsync(StaffMember staff, StudentRecord student, DateOnly backOn, CancellationToken cancellationToken)
    {
        var dossier = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
        var decision = await guard.CheckAsync(staff, AccessAction.LogBeterMelding, student, dossier, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            return new RouteOutcome(false, decision.Reason!);
        }

        if (dossier.CurrentSickPeriod is not { } open)
        {
            return new RouteOutcome(false, $"{student.Label} staat niet ziek gemeld. Er is niets veranderd.");
        }

        if (backOn < open.FirstDay)
        {
            return new RouteOutcome(false, $"{student.Label} is ziek sinds {DutchDates.LongDate(open.FirstDay)}; beter vóór die dag kan niet.");
        }

        var outcome = await dossiers.RecordAsync(student.SchoolId, student.Id, new BeterMeldingRecorded(NewId(), time.GetUtcNow(), ActorOf(staff, decision), backOn), cancellationToken).ConfigureAwait(false);
        var cancelled = outcome.Cancelled.Count == 0 ? string.Empty : $" {outcome.Cancelled.Count} herinnering(en) die niet meer nodig zijn, zijn geannuleerd.";
        var caseClosed = ThuiszitterTexts.ClosedByReturn(dossier, outcome.Dossier, protocols.For(student.SchoolId).Profile.Thuiszitter) is { } closed ? " " + closed : string.Empty;
        return new RouteOutcome(true, $"Beter gemeld: {student.Label} is vanaf {DutchDates.LongDate(backOn)} weer op school.{cancelled}{caseClosed}");
    }

    /// <summary>
    /// What this person may take back for this student now, newest first: the events their roles record
    /// (<see cref="RetractionPolicy"/>), each role judged for this student. Listing them is a read, not a change.
    /// </summary>
    public async Task<IReadOnlyList<DossierEvent>> RetractableAsync(StaffMember staff, StudentRecord student, CancellationToken cancellationToken)
    {
        var dossier = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var context = StudentContexts.For(student, dossier, protocols.For(student.SchoolId), now);
        var roles = staff.Actor.Grants.Where(g => g.IsValidAt(now)).Select(g => g.Role).Distinct()
            .Where(role => StudentGuard.Decide(staff.Actor, [new Permit(AccessAction.RetractEvent, role)], context, now).Decision.IsAllowed)
            .ToHashSet();
        return dossier.Events.Where(e => RetractionPolicy.RecordersOf(e).Any(roles.Contains)).Reverse().Take(10).ToList();
    }

    /// <summary>
    /// "Herstel": the event no longer counts; it stays in the dossier with who retracted it and why. Only a role that
    /// records this kind of event may (issue 19 item 3); any other event reads as one that is not there.
    /// </summary>
    public async Task<RouteOutcome> RetractAsync(StaffMember staff, StudentRecord student, string eventId, string reason, CancellationToken cancellationToken)
    {
        var dossier = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
        var target = dossier.Events.FirstOrDefault(e => e.Id.Value == eventId);
        Permit[] permits = target is null ? [] : [.. RetractionPolicy.RecordersOf(target).Select(role => new Permit(AccessAction.RetractEvent, role))];
        var decision = permits.Length == 0 ? null : await guard.CheckAsync(staff, permits, student, dossier, cancellationToken).ConfigureAwait(false);
        if (target is null || decision is not { IsAllowed: true })
        {
            return new RouteOutcome(false, NotRetractable);
        }

        var outcome = await dossiers.RecordAsync(student.SchoolId, student.Id, new EventRetracted(NewId(), time.GetUtcNow(), ActorOf(staff, decision), target.Id, reason), cancellationToken).ConfigureAwait(false);
        sweep.Now();
        return new RouteOutcome(true, $"Hersteld: \"{EventDescriptions.Describe(target)}\" telt niet meer mee (reden vastgelegd). {outcome.Cancelled.Count} taak/taken die daardoor vervielen zijn geannuleerd. Meld het juiste opnieuw als dat nodig is.");
    }

    public static Actor ActorOf(StaffMember staff, AccessDecision decision) => new(new StaffId(staff.Email), decision.Grant!.Role, staff.Name);

    public static Domain.Identity.EventId NewId() => new("ev-" + Guid.NewGuid().ToString("N"));
}
