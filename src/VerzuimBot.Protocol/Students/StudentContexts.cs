using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;

namespace VerzuimBot.Protocol.Students;

/// <summary>
/// The policy's view of a student (domain.md §8), the same for every route: what the school recorded
/// (<see cref="StudentContextFactory"/>), plus what the protocol itself tells the kernpartners. The four-week
/// contact with leerplicht (004 Werkwijzer punt 2, "ook wegens ziekte"), leerplicht engaging the jeugdarts and the
/// jeugdarts putting a vrijstelling aanvraag to the SWV (002 §7, 000), and the SWV's own escalation (002 Bijlage 2)
/// count as reported. Once leerplicht judged "ja", the melding 'thuiszitter' is required (004), so the sick-only
/// rule no longer stands in its way.
/// </summary>
internal static class StudentContexts
{
    public static StudentContext For(StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now)
    {
        var context = StudentContextFactory.Create(student.SchoolId, student.Id.Value, student.Details, dossier.Events);
        // The rules engine decides; it only runs when the current run of days away (any reason) can have reached four
        // weeks, because this check sits in front of every card press and command.
        var today = Domain.Calendar.SchoolClock.LocalDate(now);
        var fourWeeksReached = dossier.SchoolDaysAway(protocol.Calendar, protocol.Profile.Unauthorised, today) > protocol.Profile.Thuiszitter.LeerplichtAfterSchoolDays
            && protocol.Engine.Evaluate(dossier, now).Any(t => t.Kind == TaskKind.LeerplichtJudgement && t.DueAt <= now);
        var steps = dossier.Of<VrijstellingStepRecorded>().ToList();
        var swvConsulted = steps.Any(s => s.Step != VrijstellingStep.AanvraagOntvangen) || dossier.Of<DoorzettingsmachtStarted>().Any();
        var judgedThuiszitter = dossier.OpenThuiszitterCase(protocol.Profile.Thuiszitter) is not null;
        return context with
        {
            ReportedToLeerplicht = context.ReportedToLeerplicht || fourWeeksReached || steps.Count > 0,
            ReferredToJeugdarts = context.ReferredToJeugdarts || steps.Count > 0,
            ReportedToSwv = context.ReportedToSwv || swvConsulted,
            LeerplichtFacts = judgedThuiszitter ? null : context.LeerplichtFacts,
        };
    }
}
