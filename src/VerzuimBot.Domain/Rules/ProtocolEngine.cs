using System.Globalization;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Rules;

/// <summary>
/// The rules engine: from a dossier, the school's profile and calendar, and the current moment,
/// the tasks that are due or will become due (past ones included until they are dealt with).
/// Pure and deterministic: the same input gives the same tasks with the same ids.
/// Scheduled reminders fall on school days at the profile's reminder hour (Europe/Amsterdam);
/// notifications that answer an event (mentor told of a ziekmelding) are due when it was recorded.
/// </summary>
public sealed class ProtocolEngine(ProtocolProfile profile, SchoolCalendar calendar)
{
    /// <summary>The detail of a ZorgwekkendVerzuim task brought forward by the mentor's zorgen (stap 2 → 3).</summary>
    public const string MentorConcerns = "zorgen van de mentor";

    public IReadOnlyList<DueTask> Evaluate(DossierView dossier, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var today = SchoolClock.LocalDate(now);
        var tasks = new List<DueTask>();
        var sick = new SickRoute(this, dossier, tasks);
        sick.Evaluate(today);
        new UnauthorisedRoute(this, dossier, tasks).Evaluate(today);
        new ThuiszitterRoute(this, dossier, tasks).Evaluate(today);
        return tasks.DistinctBy(t => t.Id).OrderBy(t => t.DueAt).ThenBy(t => t.Id.Value, StringComparer.Ordinal).ToList();
    }

    /// <summary>Ids that were scheduled before but are no longer produced (e.g. after a beter-melding): cancel them.</summary>
    public static IReadOnlyList<TaskId> Cancelled(IEnumerable<TaskId> previouslyScheduled, IReadOnlyList<DueTask> current)
    {
        var live = current.Select(t => t.Id).ToHashSet();
        return previouslyScheduled.Where(id => !live.Contains(id)).Distinct().ToList();
    }

    private ProtocolProfile Profile => profile;

    private SchoolCalendar Calendar => calendar;

    private DateTimeOffset AtReminderHour(DateOnly date) => SchoolClock.At(calendar.NextSchoolDayOnOrAfter(date), profile.ReminderTime);

    private static DueTask Task(DossierView dossier, TaskKind kind, Role assignee, DateTimeOffset dueAt, string anchor, string? detail = null) =>
        new(new TaskKey(dossier.Student, kind, assignee, anchor).Id, kind, assignee, dueAt, dossier.Student, anchor, detail);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Geoorloofd verzuim, M@ZL stap 1-6 (002 Bijlage 1).</summary>
    private sealed class SickRoute(ProtocolEngine engine, DossierView dossier, List<DueTask> tasks)
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
            var last = calendar.AddSchoolDays(Max(firstSchoolDay, today), Rules.WorryingIncidentalWindowSchoolDays);
            for (var day = firstSchoolDay; day <= last && period.Covers(day); day = calendar.AddSchoolDays(day, 1))
            {
                var month = Rules.WorryingIncidentalWindowSchoolDays;
                if (dossier.SickPeriodsInWindow(calendar, day, month) >= 2
                    && dossier.SickSchoolDaysInWindow(calendar, day, month) >= Rules.WorryingIncidentalDays)
                {
                    candidates.Add(day);
                    break;
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
                    tasks.Add(Task(dossier, TaskKind.MeldingLeerplicht, Role.Verzuimcoordinator, z.RecordedAt, z.Id.Value, "advies jeugdarts"));
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
                    tasks.Add(Task(dossier, TaskKind.MeldingLeerplicht, Role.Verzuimcoordinator, gesprek.RecordedAt, gesprek.Id.Value, "ongeoorloofd na gesprek"));
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
    }

    /// <summary>Ongeoorloofd verzuim: the hours ladder and the 16-hour clock (004 Verzuimschema, 002 §3, domain.md §4).</summary>
    private sealed class UnauthorisedRoute(ProtocolEngine engine, DossierView dossier, List<DueTask> tasks)
    {
        /// <summary>How many school days ahead a rung that is not ticked off is reminded (a school week).</summary>
        public const int LadderReminderSchoolDays = 5;

        private UnauthorisedAbsenceRules Rules => engine.Profile.Unauthorised;

        public void Evaluate(DateOnly today)
        {
            Ladder(today);
            Signal(today);
            Luxeverzuim();
        }

        private void Ladder(DateOnly today)
        {
            var year = SchoolYear.Of(today);
            var hours = HoursPerDay(year.First, year.Last, today);
            var completed = dossier.Of<LadderActionCompleted>().ToList();
            foreach (var rung in Rules.Ladder)
            {
                var reachedOn = DateReaching(hours, h => h.Date, h => h.Hours, rung.Hours);
                if (reachedOn is not { } reached)
                {
                    continue;
                }

                var thisYear = completed.Where(c => c.RungHours == rung.Hours && c.RecordedAt >= SchoolClock.At(year.First, TimeOnly.MinValue)).ToList();
                var anchor = $"{year}-{rung.Hours}u";
                LeerplichtSide(rung, thisYear, anchor);
                var open = rung.Actions.Where(a => !thisYear.Any(c => c.Action == a)).ToList();
                if (open.Count == 0)
                {
                    continue;
                }

                var firstDue = engine.AtReminderHour(reached);
                tasks.Add(Task(dossier, TaskKind.LadderRung, Role.Verzuimcoordinator, firstDue, anchor, $"{rung.Hours} uur"));

                // Not ticked off: reminded on each following school day. Each reminder is anchored on its own
                // day, so one scheduled when a fact was recorded is still produced when its day comes and the
                // sweeper sends it (an anchor on "the next school day" moved on by then and was cancelled unsent).
                // They run LadderReminderSchoolDays ahead of the last evaluation on a recorded fact; after that
                // the rung stays overdue (taken, digest) and every new fact on the dossier schedules the next ones.
                var calendar = engine.Calendar;
                var last = calendar.AddSchoolDays(today, LadderReminderSchoolDays);
                for (var day = calendar.NextSchoolDayOnOrAfter(Max(calendar.AddSchoolDays(reached, 1), today)); day <= last; day = calendar.AddSchoolDays(day, 1))
                {
                    tasks.Add(Task(dossier, TaskKind.LadderRung, Role.Verzuimcoordinator, engine.AtReminderHour(day), $"{anchor}/{Day(day)}", $"{rung.Hours} uur, nog open"));
                }
            }
        }

        /// <summary>
        /// Logged hours, plus a full day for each school day of ongeoorloofd afwezig. An open period is counted ahead
        /// (one signal window past today, within the school year), so its rungs and melding are scheduled when it is
        /// recorded; they go when the student is recorded back first.
        /// </summary>
        private IReadOnlyList<(DateOnly Date, int Hours)> HoursPerDay(DateOnly from, DateOnly until, DateOnly today)
        {
            var horizon = engine.Calendar.AddSchoolDays(today, Rules.SignalWindowSchoolDays);
            return AwaySpells.UnauthorisedHoursPerDay(dossier, engine.Calendar, Rules, from, Min(until, horizon));
        }

        /// <summary>
        /// 004 Verzuimschema, last column: once the school's melding of the rung is in (an action ticked with its
        /// reference), the leerplichtambtenaar records the rung's interventions (uitnodiging, waarschuwing, Halt, PV).
        /// </summary>
        private void LeerplichtSide(LadderRung rung, List<LadderActionCompleted> thisYear, string anchor)
        {
            if (rung.LeerplichtActions.Count == 0 || thisYear.FirstOrDefault(c => c.DuoReference is not null && rung.Actions.Contains(c.Action)) is not { } melding)
            {
                return;
            }

            var open = rung.LeerplichtActions.Count(a => !thisYear.Any(c => c.Action == a));
            if (open > 0)
            {
                tasks.Add(Task(dossier, TaskKind.LeerplichtInterventie, Role.Leerplichtambtenaar, melding.RecordedAt, anchor, $"{rung.Hours} uur"));
            }
        }

        /// <summary>16 hours (or times late) within a window of 4 school weeks, counted since the last melding.</summary>
        private void Signal(DateOnly today)
        {
            var calendar = engine.Calendar;
            var window = Rules.SignalWindowSchoolDays;
            var lastReport = dossier.Of<SignaalverzuimReported>().LastOrDefault();
            var since = lastReport?.ReportedOn;
            var hours = HoursPerDay(since?.AddDays(1) ?? calendar.KnownFrom, DateOnly.MaxValue, today);
            var lates = dossier.Of<LateArrivalRecorded>().Where(l => since is null || l.Date > since).OrderBy(l => l.Date).ToList();

            DateOnly? warnedOn = null;
            foreach (var h in hours)
            {
                var start = calendar.WindowStart(h.Date, window);
                var inWindow = hours.Where(x => x.Date >= start && x.Date <= h.Date).Sum(x => x.Hours);
                if (inWindow >= Rules.SignalHours)
                {
                    Reached(h.Date, $"{inWindow} uur binnen 4 schoolweken");
                    return;
                }

                if (inWindow >= Rules.SignalWarningFromHours && warnedOn is null)
                {
                    warnedOn = h.Date;
                    // The window runs from the first absent hour in it (domain.md §4): what is left of it.
                    var firstHour = hours.First(x => x.Date >= start).Date;
                    var left = window - calendar.CountSchoolDays(firstHour, h.Date);
                    var warning = $"{inWindow} van {Rules.SignalHours} uur, nog {left} schooldagen in dit venster";
                    tasks.Add(Task(dossier, TaskKind.SignaalverzuimWarning, Role.Verzuimcoordinator, engine.AtReminderHour(h.Date), Day(h.Date), warning));
                }
            }

            foreach (var l in lates)
            {
                var start = calendar.WindowStart(l.Date, window);
                var count = lates.Count(x => x.Date >= start && x.Date <= l.Date);
                if (count >= Rules.SignalLateCount)
                {
                    Reached(l.Date, $"{count} keer te laat binnen 4 schoolweken");
                    return;
                }
            }
        }

        private void Reached(DateOnly on, string detail)
        {
            // Continuous absence is reported at most once per 7 calendar days (DUO's rules for the verzuimregister, domain.md §4).
            if (dossier.Of<SignaalverzuimReported>().LastOrDefault() is { } previous && on < previous.ReportedOn.AddDays(7))
            {
                on = engine.Calendar.NextSchoolDayOnOrAfter(previous.ReportedOn.AddDays(7));
            }

            // PO and VSO report straight to the leerplichtambtenaar, VO through the DUO-verzuimloket (004).
            var route = Rules.ReportDirectlyToLeerplicht ? "rechtstreeks bij leerplicht" : "via het DUO-verzuimloket";
            tasks.Add(Task(dossier, TaskKind.SignaalverzuimMelding, Role.Verzuimcoordinator, engine.AtReminderHour(on), Day(on), $"{detail}; melden {route}"));
            var lastChance = engine.Calendar.AddWorkingDays(on, Rules.ReportWithinWorkingDays - 1);
            tasks.Add(Task(dossier, TaskKind.SignaalverzuimDeadline, Role.Verzuimcoordinator, engine.AtReminderHour(lastChance), Day(on), detail));
        }

        private void Luxeverzuim()
        {
            foreach (var luxe in dossier.Of<LuxeverzuimRecorded>())
            {
                if (!dossier.Of<LeerplichtMeldingRecorded>().Any(m => m.Reason == LeerplichtMeldingReason.Luxeverzuim && m.RecordedAt >= luxe.RecordedAt))
                {
                    tasks.Add(Task(dossier, TaskKind.MeldingLeerplicht, Role.Verzuimcoordinator, luxe.RecordedAt, luxe.Id.Value, "luxeverzuim"));
                }
            }
        }
    }

    /// <summary>Four weeks away, the thuiszitter case, overleg actions and doorzettingsmacht (004 Werkwijzer, 002 §2.2 and Bijlage 2).</summary>
    private sealed class ThuiszitterRoute(ProtocolEngine engine, DossierView dossier, List<DueTask> tasks)
    {
        private ThuiszitterRules Rules => engine.Profile.Thuiszitter;

        public void Evaluate(DateOnly today)
        {
            FourWeeks(today);
            Checklist();
            OverlegActions();
            Vrijstelling();
            Doorzettingsmacht();
        }

        /// <summary>
        /// 004 Werkwijzer punt 2: after four weeks away, for any reason ("ook wegens ziekte"), leerplicht judges. Asked once
        /// per run of days away, on its first school day past the four weeks, while the student has not been recorded back.
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
            if (spell.Covers(on))
            {
                tasks.Add(Task(dossier, TaskKind.LeerplichtJudgement, Role.Leerplichtambtenaar, engine.AtReminderHour(on), spell.FirstFact.Id.Value));
            }
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

    private static DateOnly? DateReaching<T>(IEnumerable<T> items, Func<T, DateOnly> date, Func<T, int> amount, int threshold)
    {
        var total = 0;
        foreach (var item in items)
        {
            total += amount(item);
            if (total >= threshold)
            {
                return date(item);
            }
        }

        return null;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
