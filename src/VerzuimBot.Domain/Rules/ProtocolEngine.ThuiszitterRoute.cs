using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Rules;

public sealed partial class ProtocolEngine
{
    /// <summary>Four weeks away, the thuiszitter case, overleg actions and doorzettingsmacht (004 Werkwijzer, 002 §2.2 and Bijlage 2).</summary>
    private sealed class ThuiszitterRoute(ProtocolEngine engine, DossierView dossier, List<DueTask> tasks, LeerplichtPhase leerplicht)
    {
        private ThuiszitterRules Rules => engine.Profile.Thuiszitter;

        public void Evaluate(DateOnly today)
        {
            FourWeeks(today);
            Checklist();
            OverlegActions();
            Vrijstelling();
            VrijstellingRenewal(today);
            Doorzettingsmacht();
        }

        /// <summary>
        /// 004 Werkwijzer punt 2: after four weeks away, for any reason ("ook wegens ziekte"), leerplicht judges. Asked once
        /// per run of days away, on its first school day past the four weeks, while the student has not been recorded back.
        /// Only for leerplichtigen and kwalificatieplichtigen (004's definition: "5 tot 16 jaar ... of 16 of 17 jaar"); past
        /// that the four weeks go to the RMC contact or nowhere, as the profile says.
        /// </summary>
        private void FourWeeks(DateOnly today)
        {
            var calendar = engine.Calendar;
            if (AwaySpells.Of(dossier, calendar, engine.Profile.Unauthorised).LastOrDefault() is not { } spell
                || (spell.End is { } end && end <= today)
                || dossier.Of<LeerplichtJudgementRecorded>().Any(j => j.RecordedAt >= spell.StartedAt))
            {
                return;
            }

            var on = calendar.AddSchoolDays(calendar.NextSchoolDayOnOrAfter(spell.FirstDay), Rules.LeerplichtAfterSchoolDays);
            // Past leerplicht only verzuim without a valid reason goes to the RMC; illness of an adult is the MAZL route's alone.
            if (spell.Covers(on) && (LeerplichtAge.RouteApplies(leerplicht) || spell.Unauthorised))
            {
                ToLeerplichtOrRmc(tasks, dossier, leerplicht, engine.Profile.Leerplicht.AfterLeerplicht,
                    Task(dossier, TaskKind.LeerplichtJudgement, Role.Leerplichtambtenaar, engine.AtReminderHour(on), spell.FirstFact.Id.Value));
            }
        }

        /// <summary>
        /// 002 §7: a vrijstelling voor bepaalde tijd "geldt in principe voor één jaar; ouders kunnen ieder jaar een nieuwe aanvraag
        /// doen". Before it lapses, leerplicht and the SWV (002 §7, 000: the SWV is involved in every vrijstelling) are reminded,
        /// until a new aanvraag is received.
        /// </summary>
        private void VrijstellingRenewal(DateOnly today)
        {
            if (dossier.VrijstellingOn(today, Rules) is not { Indefinite: false, Until: { } until } vrijstelling
                || dossier.Of<VrijstellingStepRecorded>().Any(v => v.Step == VrijstellingStep.AanvraagOntvangen && v.RecordedAt > vrijstelling.Granted.RecordedAt))
            {
                return;
            }

            var calendar = engine.Calendar;
            var on = calendar.WindowStart(Min(until, calendar.KnownUntil), Rules.VrijstellingRenewalReminderSchoolDays);
            var detail = $"vervalt na {until:dd-MM-yyyy}";
            tasks.Add(Task(dossier, TaskKind.VrijstellingVerlenging, Role.Leerplichtambtenaar, engine.AtReminderHour(on), vrijstelling.Granted.Id.Value, detail));
            tasks.Add(Task(dossier, TaskKind.VrijstellingVerlenging, Role.Swv, engine.AtReminderHour(on), vrijstelling.Granted.Id.Value, detail));
        }

        /// <summary>
        /// Each side of the checklist (004 "Werkwijzer voor de school" for the zorgcoördinator, "voor de
        /// leerplichtambtenaar" for leerplicht) is looked at again two school weeks after its last progress (001).
        /// </summary>
        private void Checklist()
        {
            if (dossier.OpenThuiszitterCase(Rules) is not { OpenItems.Count: > 0 } open)
            {
                return;
            }

            ChecklistSide(open, Rules.SchoolChecklist, Role.Zorgcoordinator);
            ChecklistSide(open, Rules.LeerplichtChecklist, Role.Leerplichtambtenaar);
        }

        private void ChecklistSide(ThuiszitterCase open, IReadOnlyList<string> items, Role owner)
        {
            var openItems = items.Count(open.OpenItems.Contains);
            if (openItems == 0)
            {
                return;
            }

            var lastProgress = dossier.Of<ThuiszitterChecklistItemCompleted>().Where(c => c.RecordedAt >= open.OpenedBy.RecordedAt && items.Contains(c.Item))
                .Select(c => c.RecordedAt).DefaultIfEmpty(open.OpenedBy.RecordedAt).Max();
            var on = engine.Calendar.AddSchoolDays(SchoolClock.LocalDate(lastProgress), 10);
            tasks.Add(Task(dossier, TaskKind.ThuiszitterChecklist, owner, engine.AtReminderHour(on), Day(on), $"{openItems} punten open"));
        }

        /// <summary>Vrijstelling 5a (002 §7, 000): each step's card goes to the role that takes the next step, at once.</summary>
        private void Vrijstelling()
        {
            if (VrijstellingProcedure.Current(dossier) is not { IsFinished: false } procedure)
            {
                return;
            }

            var (kind, role) = procedure.Last.Step switch
            {
                VrijstellingStep.AanvraagOntvangen => (TaskKind.VrijstellingOnderzoek, Role.Jeugdarts),
                VrijstellingStep.OnderzoekJeugdarts => (TaskKind.VrijstellingSwv, Role.Swv),
                VrijstellingStep.SwvPassendOnderwijsMogelijk or VrijstellingStep.SwvGeenPassendOnderwijs => (TaskKind.VrijstellingAdvies, Role.Jeugdarts),
                _ => (TaskKind.VrijstellingBeschikking, Role.Leerplichtambtenaar),
            };
            tasks.Add(Task(dossier, kind, role, procedure.Last.RecordedAt, procedure.Aanvraag.Id.Value));
        }

        private void OverlegActions()
        {
            var done = dossier.Of<OverlegActionCompleted>().Select(c => c.ActionId).ToHashSet();
            foreach (var action in dossier.Of<OverlegActionAgreed>().Where(a => !done.Contains(a.ActionId)))
            {
                tasks.Add(Task(dossier, TaskKind.OverlegActionDue, action.Owner, engine.AtReminderHour(action.Due), action.ActionId));
                var late = engine.Calendar.AddSchoolDays(action.Due, 1);
                tasks.Add(Task(dossier, TaskKind.OverlegActionLate, action.Owner, engine.AtReminderHour(late), action.ActionId));
            }
        }

        private void Doorzettingsmacht()
        {
            // Resolved, or the student is back at school / in a passend aanbod: the escalation has done its work.
            if (dossier.Of<DoorzettingsmachtStarted>().LastOrDefault() is not { } started
                || dossier.Of<DoorzettingsmachtResolved>().Any(r => r.RecordedAt >= started.RecordedAt)
                || dossier.Of<ReturnedToSchool>().Any(r => r.RecordedAt >= started.RecordedAt))
            {
                return;
            }

            var calendar = engine.Calendar;
            var deadline = calendar.AddWorkingDays(started.Date, Rules.DoorzettingsmachtWorkingDays);
            var reminder = calendar.AddWorkingDays(started.Date, Math.Max(1, Rules.DoorzettingsmachtWorkingDays - 2));
            var at = engine.Profile.ReminderTime;
            tasks.Add(Task(dossier, TaskKind.DoorzettingsmachtReminder, Role.Swv, SchoolClock.At(reminder, at), started.Id.Value, $"uiterlijk {deadline:dd-MM-yyyy}"));
            tasks.Add(Task(dossier, TaskKind.DoorzettingsmachtOverdue, Role.Swv, SchoolClock.At(calendar.AddWorkingDays(deadline, 1), at), started.Id.Value, $"termijn verlopen op {deadline:dd-MM-yyyy}"));
        }
    }
}
