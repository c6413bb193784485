using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Dossier;

namespace VerzuimBot.Access.Authorization;

/// <summary>
/// Builds the policy's <see cref="StudentContext"/> from the roster entry and the dossier's events.
/// Retracted events ("herstel") do not count. Pure.
/// </summary>
public static class StudentContextFactory
{
    public static StudentContext Create(string schoolId, string studentId, RosterStudentDetails roster, IEnumerable<DossierEvent> events)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(events);
        var all = events.ToList();
        var retracted = all.OfType<EventRetracted>().Select(r => r.Retracted).ToHashSet();
        var counting = all.Where(e => e is not EventRetracted && !retracted.Contains(e.Id)).ToList();

        var hasUnauthorised = counting.Any(e => e is UnauthorisedHoursRecorded or LateArrivalRecorded or LuxeverzuimRecorded or SignaalverzuimReported);
        var vermoeden = counting.OfType<GesprekRecorded>().Any(g => g.Outcome == GesprekOutcome.Ongeoorloofd)
            || counting.OfType<TerugkoppelingReceived>().Any(t => t.Advice == FollowUpAdvice.NextZiekmeldingToLeerplicht);
        var facts = new LeerplichtReportFacts(counting.OfType<ZiekmeldingRecorded>().Any(), hasUnauthorised, vermoeden, counting.OfType<SchorsingRecorded>().Any());

        return new StudentContext(
            schoolId,
            studentId,
            roster.Klas,
            roster.Woongemeente,
            // A DUO melding ticked on the hours ladder reaches leerplicht too (004 Verzuimschema).
            ReportedToLeerplicht: counting.Any(e => e is LeerplichtMeldingRecorded or SignaalverzuimReported or LeerplichtJudgementRecorded or LadderActionCompleted { DuoReference: not null }),
            ReferredToJeugdarts: counting.Any(e => e is JeugdartsAanmeldingSent),
            // The thuiszitter checklist item "Leerling gemeld bij het samenwerkingsverband" is how the school reports to the SWV.
            ReportedToSwv: counting.OfType<ThuiszitterChecklistItemCompleted>().Any(i => i.Item.Contains("samenwerkingsverband", StringComparison.OrdinalIgnoreCase) || i.Item.Contains("SWV", StringComparison.Ordinal)),
            SharedWithLokaalTeam: false,
            LeerplichtFacts: facts);
    }
}
