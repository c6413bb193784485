using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Leerplicht;

namespace VerzuimBot.Domain.Rules;

public sealed partial class ProtocolEngine
{
    /// <summary>
    /// The routes of 002 §1.3.1 besides illness: a schorsing is reported to leerplicht, a request for extra verlof is decided by
    /// the school, and refused verlof that is taken is luxeverzuim (§1.3.2). Other geoorloofd verzuim only keeps days off the
    /// ladder (see <see cref="AwaySpells.NoVerzuimDays"/>): it asks nothing of anyone.
    /// </summary>
    private sealed class SchoolLeaveRoute(ProtocolEngine engine, DossierView dossier, List<DueTask> tasks, LeerplichtPhase leerplicht)
    {
        public void Evaluate(DateOnly today)
        {
            Schorsingen(today);
            ExtraVerlof();
        }

        /// <summary>
        /// "Als de leerling (tijdelijk) geschorst wordt, is hij/zij formeel gezien ook vrijgesteld van de Leerplichtwet, maar ook
        /// hiervan moet Leerplicht op de hoogte worden gebracht" (002 §1.3.1): the school reports it; once reported, leerplicht
        /// gets it on a card, up to the last day of the schorsing (or the day of the report, when that came later).
        /// </summary>
        private void Schorsingen(DateOnly today)
        {
            if (!LeerplichtAge.RouteApplies(leerplicht))
            {
                return;
            }

            foreach (var schorsing in dossier.Of<SchorsingRecorded>())
            {
                var melding = dossier.Of<LeerplichtMeldingRecorded>().FirstOrDefault(m => m.Reason == LeerplichtMeldingReason.Schorsing && m.RecordedAt >= schorsing.RecordedAt);
                if (melding is null)
                {
                    tasks.Add(Task(dossier, TaskKind.SchorsingMelding, Role.Verzuimcoordinator, schorsing.RecordedAt, schorsing.Id.Value, "schorsing"));
                }
                else if (today <= Max(schorsing.Last, SchoolClock.LocalDate(melding.RecordedAt)))
                {
                    tasks.Add(Task(dossier, TaskKind.SchorsingGemeld, Role.Leerplichtambtenaar, melding.RecordedAt, schorsing.Id.Value, melding.Reference));
                }
            }
        }

        /// <summary>
        /// 002 §1.3.1 "Vakantie": "De aanvraag (opgave reden e.d.) wordt door de school beoordeeld" — here by the
        /// verzuimcoördinator, who holds the school's verzuimbeleid (002 Bijlage 1, "Scholen stellen een verzuim coördinator
        /// aan"). Refused and taken anyway, the days are luxeverzuim (002 §1.3.2): on the first refused school day the school is
        /// asked whether the student was there, until it records the luxeverzuim or that the verlof was not taken.
        /// </summary>
        private void ExtraVerlof()
        {
            var decisions = dossier.Of<ExtraVerlofDecided>().ToList();
            foreach (var request in dossier.Of<ExtraVerlofRequested>())
            {
                if (decisions.LastOrDefault(d => d.Request == request.Id) is not { } decision)
                {
                    tasks.Add(Task(dossier, TaskKind.ExtraVerlofBesluit, Role.Verzuimcoordinator, request.RecordedAt, request.Id.Value));
                    continue;
                }

                var answered = dossier.Of<LuxeverzuimRecorded>().Any(l => l.RecordedAt >= decision.RecordedAt && l.First <= request.Last && l.Last >= request.First)
                    || dossier.Of<KernpartnerDecisionRecorded>().Any(k => k.Question == RefusedVerlofQuestion(request.Id));
                if (!decision.Granted && !answered && LeerplichtAge.RouteApplies(leerplicht))
                {
                    var first = engine.Calendar.NextSchoolDayOnOrAfter(Min(Max(request.First, engine.Calendar.KnownFrom), engine.Calendar.KnownUntil));
                    tasks.Add(Task(dossier, TaskKind.GeweigerdVerlofControle, Role.Verzuimcoordinator, engine.AtReminderHour(first), request.Id.Value));
                }
            }
        }
    }
}
