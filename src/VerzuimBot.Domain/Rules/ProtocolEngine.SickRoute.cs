using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Rules;

public sealed partial class ProtocolEngine
{
    /// <summary>Geoorloofd verzuim, M@ZL stap 1-6 (002 Bijlage 1).</summary>
    private sealed class SickRoute(ProtocolEngine engine, DossierView dossier, List<DueTask> tasks, LeerplichtPhase leerplicht)
    {
        private SickAbsenceRules Rules => engine.Profile.Sick;

        public void Evaluate(DateOnly today)
        {
            if (dossier.CurrentSickPeriod is { } period)
            {
                MentorSteps(period);
                AdviceOnNextZiekmelding(period);
            }

            if (dossier.SickPeriods.Count > 0)
            {
                // The latest period, open or closed: six days in a row stay zorgwekkend after the beter-melding.
                Worrying(dossier.SickPeriods[^1], today);
            }

            GesprekFollowUp();
            JeugdartsDeadlines();
            PlanEvaluation();
            Stap6FollowUps();
        }

        private void MentorSteps(AbsencePeriod period)
        {
            var z = period.Ziekmelding;
            tasks.Add(Task(dossier, TaskKind.MentorNotification, Role.Mentor, z.RecordedAt, z.Id.Value));

            var answers = dossier.Of<MentorContactRecorded>().Where(a => a.RecordedAt >= z.RecordedAt).ToList();
            if (answers.Any(a => a.Reached))
            {
                return;
            }

            var firstSchoolDay = engine.Calendar.NextSchoolDayOnOrAfter(period.FirstDay);
            var askOn = answers.Count == 0
                ? engine.Calendar.AddSchoolDays(firstSchoolDay, Rules.MentorReminderOnSchoolDay - 1)
                : engine.Calendar.AddSchoolDays(SchoolClock.LocalDate(answers[^1].RecordedAt), 1);
            tasks.Add(Task(dossier, TaskKind.MentorContactReminder, Role.Mentor, engine.AtReminderHour(askOn), Day(askOn)));

            var escalateOn = engine.Calendar.AddSchoolDays(firstSchoolDay, Rules.MentorAnswerWithinSchoolDays);
            tasks.Add(Task(dossier, TaskKind.MentorNoAnswerEscalation, Role.Zorgcoordinator, engine.AtReminderHour(escalateOn), z.Id.Value));
        }

        /// <summary>Stap 3: the first school day on which a threshold of the profile is crossed, if the absence goes on.</summary>
        private void Worrying(AbsencePeriod period, DateOnly today)
        {
            var z = period.Ziekmelding;
            if (dossier.Of<GesprekRecorded>().Any(g => g.RecordedAt >= z.RecordedAt))
            {
                return;
            }

            var calendar = engine.Calendar;
            var firstSchoolDay = calendar.NextSchoolDayOnOrAfter(period.FirstDay);
            var candidates = new List<DateOnly>();
            var consecutive = calendar.AddSchoolDays(firstSchoolDay, Rules.WorryingConsecutiveMoreThan);
            if (period.Covers(consecutive))
            {
                candidates.Add(consecutive);
            }

            // Incidental (several periods): from the start of this period up to one window ahead (an open period counts on).
            // RUW's rule; a profile may switch it off (national MAZL has none).
            if (Rules is { WorryingIncidentalDays: { } incidentalDays, WorryingIncidentalWindowSchoolDays: { } month })
            {
                var last = calendar.AddSchoolDays(Max(firstSchoolDay, today), month);
                for (var day = firstSchoolDay; day <= last && period.Covers(day); day = calendar.AddSchoolDays(day, 1))
                {
                    if (dossier.SickPeriodsInWindow(calendar, day, month) >= 2 && dossier.SickSchoolDaysInWindow(calendar, day, month) >= incidentalDays)
                    {
                        candidates.Add(day);
                        break;
                    }
                }
            }

            if (Rules.WorryingZiekmeldingCount is { } count && Rules.WorryingZiekmeldingWindowSchoolDays is { } window
                && dossier.ZiekmeldingenInWindow(calendar, firstSchoolDay, window) >= count)
            {
                candidates.Add(firstSchoolDay);
            }

            // The mentor reached the parents and has zorgen (stap 2): the school's gesprek of stap 3 need not wait for
            // the day count ("zo nodig ... indien blijkt dat er complexere problematiek speelt", 002 Bijlage 1).
            var concerns = dossier.Of<MentorContactRecorded>().FirstOrDefault(m => m.Reached && m.Concerns && m.RecordedAt >= z.RecordedAt);
            if (concerns is not null)
            {
                candidates.Add(SchoolClock.LocalDate(concerns.RecordedAt));
            }

            if (candidates.Count == 0)
            {
                return;
            }

            var trigger = candidates.Min();
            var detail = concerns is not null && SchoolClock.LocalDate(concerns.RecordedAt) == trigger ? MentorConcerns : null;
            var advice = dossier.LastTerugkoppeling;
            if (advice is { Advice: FollowUpAdvice.ReferAgainAtWorryingAbsence } && advice.RecordedAt < z.RecordedAt)
            {
                // The jeugdarts asked to be consulted again at this threshold: straight to stap 4.
                tasks.Add(Task(dossier, TaskKind.AanmeldingJeugdarts, Role.Zorgcoordinator, engine.AtReminderHour(trigger), z.Id.Value));
                return;
            }

            tasks.Add(Task(dossier, TaskKind.ZorgwekkendVerzuim, Role.Zorgcoordinator, engine.AtReminderHour(trigger), z.Id.Value, detail));
            tasks.Add(Task(dossier, TaskKind.ZorgwekkendVerzuim, Role.Mentor, engine.AtReminderHour(trigger), z.Id.Value, detail));
        }

        /// <summary>The "advies vervolgtraject" changes what the first ziekmelding after the terugkoppeling triggers.</summary>
        private void AdviceOnNextZiekmelding(AbsencePeriod period)
        {
            var z = period.Ziekmelding;
            var advice = dossier.LastTerugkoppeling;
            if (advice is null || advice.RecordedAt >= z.RecordedAt)
            {
                return;
            }

            var isFirstAfterAdvice = dossier.SickPeriods.Count(p => p.Ziekmelding.RecordedAt > advice.RecordedAt) == 1;
            if (!isFirstAfterAdvice)
            {
                return;
            }

            switch (advice.Advice)
            {
                case FollowUpAdvice.NextZiekmeldingToLeerplicht
                    when !dossier.Of<LeerplichtMeldingRecorded>().Any(m => m.RecordedAt >= z.RecordedAt):
                    ToLeerplicht(Task(dossier, TaskKind.MeldingLeerplicht, Role.Verzuimcoordinator, z.RecordedAt, z.Id.Value, "advies jeugdarts"));
                    break;
                case FollowUpAdvice.NextZiekmeldingToJeugdarts
                    when !dossier.Of<JeugdartsAanmeldingSent>().Any(a => a.RecordedAt >= z.RecordedAt):
                    tasks.Add(Task(dossier, TaskKind.AanmeldingJeugdarts, Role.Zorgcoordinator, z.RecordedAt, z.Id.Value, "advies jeugdarts"));
                    break;
            }
        }

        private void GesprekFollowUp()
        {
            if (dossier.Of<GesprekRecorded>().LastOrDefault() is not { } gesprek)
            {
                return;
            }

            switch (gesprek.Outcome)
            {
                case GesprekOutcome.AdviesJeugdarts when !dossier.Of<JeugdartsAanmeldingSent>().Any(a => a.RecordedAt >= gesprek.RecordedAt):
                    tasks.Add(Task(dossier, TaskKind.AanmeldingJeugdarts, Role.Zorgcoordinator, gesprek.RecordedAt, gesprek.Id.Value));
                    break;
                case GesprekOutcome.Ongeoorloofd when !dossier.Of<LeerplichtMeldingRecorded>().Any(m => m.RecordedAt >= gesprek.RecordedAt):
                    ToLeerplicht(Task(dossier, TaskKind.MeldingLeerplicht, Role.Verzuimcoordinator, gesprek.RecordedAt, gesprek.Id.Value, "ongeoorloofd na gesprek"));
                    break;
            }
        }

        private void JeugdartsDeadlines()
        {
            if (dossier.Of<JeugdartsAanmeldingSent>().LastOrDefault() is { } aanmelding
                && !dossier.Of<ConsultScheduled>().Any(c => c.RecordedAt >= aanmelding.RecordedAt))
            {
                var due = engine.AtReminderHour(engine.Calendar.AddSchoolDays(aanmelding.Date, Rules.ConsultWithinSchoolDays));
                tasks.Add(Task(dossier, TaskKind.ConsultOverdue, Role.Jeugdarts, due, aanmelding.Id.Value));
                tasks.Add(Task(dossier, TaskKind.ConsultOverdue, Role.Zorgcoordinator, due, aanmelding.Id.Value));
            }

            if (dossier.Of<ConsultScheduled>().LastOrDefault() is { } consult
                && !dossier.Of<TerugkoppelingReceived>().Any(t => t.RecordedAt >= consult.RecordedAt))
            {
                var due = engine.AtReminderHour(engine.Calendar.AddSchoolDays(consult.ConsultDate, Rules.TerugkoppelingWithinSchoolDays));
                tasks.Add(Task(dossier, TaskKind.TerugkoppelingOverdue, Role.Jeugdarts, due, consult.Id.Value));
            }
        }

        private void PlanEvaluation()
        {
            if (dossier.Of<PlanVanAanpakAgreed>().LastOrDefault() is not { } plan)
            {
                return;
            }

            var evaluations = dossier.Of<PlanVanAanpakEvaluated>().Where(e => e.RecordedAt >= plan.RecordedAt).ToList();
            if (evaluations.Any(e => e.PlanClosed))
            {
                return;
            }

            var from = evaluations.Count > 0 ? evaluations[^1].Date : plan.Date;
            var on = engine.Calendar.AddSchoolDays(from, Rules.EvaluationEverySchoolDays);
            tasks.Add(Task(dossier, TaskKind.PlanEvaluation, Role.Zorgcoordinator, engine.AtReminderHour(on), Day(on)));
        }

        /// <summary>
        /// 002 Bijlage 1 stap 6 (and §4): the plan van aanpak is not followed, or the student and parents did not come to the
        /// jeugdarts ("niet verschijnen op de afspraak"): the school chooses the follow-up (aanspreken, leerplicht, opnieuw
        /// onderzoek, wijkteam) with an owner and a date. Asked at once, until that action is agreed.
        /// </summary>
        private void Stap6FollowUps()
        {
            var agreed = dossier.Of<OverlegActionAgreed>().Select(a => a.ActionId).ToHashSet(StringComparer.Ordinal);
            if (dossier.Of<PlanVanAanpakEvaluated>().LastOrDefault() is { PlanFollowed: false } evaluation && !agreed.Contains(FollowUpActionId(evaluation.Id)))
            {
                tasks.Add(Task(dossier, TaskKind.Stap6FollowUp, Role.Zorgcoordinator, evaluation.RecordedAt, evaluation.Id.Value, "plan van aanpak niet opgevolgd"));
            }

            if (dossier.LastTerugkoppeling is { Result: InvitationResult.NietVerschenenMetAfmelding or InvitationResult.NietVerschenenZonderAfmelding } absent
                && !agreed.Contains(FollowUpActionId(absent.Id)))
            {
                tasks.Add(Task(dossier, TaskKind.Stap6FollowUp, Role.Zorgcoordinator, absent.RecordedAt, absent.Id.Value, "niet verschenen bij de jeugdarts"));
            }
        }

        private void ToLeerplicht(DueTask task) => ToLeerplichtOrRmc(tasks, dossier, leerplicht, engine.Profile.Leerplicht.AfterLeerplicht, task);
    }
}
