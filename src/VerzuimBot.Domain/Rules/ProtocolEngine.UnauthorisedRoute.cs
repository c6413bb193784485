using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Rules;

public sealed partial class ProtocolEngine
{
    /// <summary>The anchor suffix of a rung on the profile's own late-arrival ladder ("2026-2027-9x"); hour rungs end in "u".</summary>
    public const string LateRungSuffix = "x";

    /// <summary>
    /// Ongeoorloofd verzuim: the hours ladder and the 16-hour clock (004 Verzuimschema, 002 §3, domain.md §4). For leerplichtigen
    /// and kwalificatieplichtigen (or an unknown age) only (002 §1.1-1.2); past that, the 16 hours go to the RMC contact or nowhere.
    /// </summary>
    private sealed class UnauthorisedRoute(ProtocolEngine engine, DossierView dossier, List<DueTask> tasks, LeerplichtPhase leerplicht)
    {
        /// <summary>How many school days ahead a rung that is not ticked off is reminded (a school week).</summary>
        public const int LadderReminderSchoolDays = 5;

        private UnauthorisedAbsenceRules Rules => engine.Profile.Unauthorised;

        public void Evaluate(DateOnly today)
        {
            if (!LeerplichtAge.RouteApplies(leerplicht))
            {
                // Past leerplicht and kwalificatieplicht ("Boven 18 jaar is de jongere zelf verantwoordelijk", 002 Bijlage 1): no
                // letters to parents, no DUO meldingen. Only a 16-hour signal still reaches the RMC contact when the profile says so.
                Signal(today, ladderToo: false);
                return;
            }

            Ladder(today);
            Signal(today, ladderToo: true);
            Luxeverzuim();
        }

        private void Ladder(DateOnly today)
        {
            var year = SchoolYear.Of(today);
            var horizon = Min(year.Last, engine.Calendar.AddSchoolDays(today, ReminderHorizonSchoolDays));
            var units = AwaySpells.LadderUnitsPerDay(dossier, engine.Calendar, Rules, year.First, horizon);
            Rungs(today, year, Rules.Ladder, "u", "uur", rung => DateReaching(units, h => h.Date, h => h.Hours, rung.Hours));

            // 004 "en/of te laat komen": a profile may give late arrivals their own rungs, counted in times late.
            var lates = AwaySpells.LateArrivals(dossier, year.First, horizon);
            Rungs(today, year, Rules.LateArrivals.Ladder, LateRungSuffix, "keer te laat", rung => lates.Count >= rung.Hours ? lates[rung.Hours - 1] : null);
        }

        private void Rungs(DateOnly today, SchoolYear year, IReadOnlyList<LadderRung> ladder, string suffix, string unit, Func<LadderRung, DateOnly?> reaching)
        {
            var completed = dossier.Of<LadderActionCompleted>().ToList();
            foreach (var rung in ladder)
            {
                if (reaching(rung) is not { } reached)
                {
                    continue;
                }

                var thisYear = completed.Where(c => c.RungHours == rung.Hours && c.LateArrivals == (suffix == LateRungSuffix) && c.RecordedAt >= SchoolClock.At(year.First, TimeOnly.MinValue)).ToList();
                var anchor = $"{year}-{rung.Hours}{suffix}";
                var detail = $"{rung.Hours} {unit}";
                LeerplichtSide(rung, thisYear, anchor, detail);
                var open = rung.Actions.Where(a => !thisYear.Any(c => c.Action == a)).ToList();
                if (open.Count == 0)
                {
                    continue;
                }

                tasks.Add(Task(dossier, TaskKind.LadderRung, Role.Verzuimcoordinator, engine.AtReminderHour(reached), anchor, detail));

                // Not ticked off: reminded on each following school day. Each reminder is anchored on its own
                // day, so one scheduled when a fact was recorded is still produced when its day comes and the
                // sweeper sends it (an anchor on "the next school day" moved on by then and was cancelled unsent).
                // They run LadderReminderSchoolDays ahead of the last evaluation on a recorded fact; after that
                // the rung stays overdue (taken, digest) and every new fact on the dossier schedules the next ones.
                var calendar = engine.Calendar;
                var last = calendar.AddSchoolDays(today, LadderReminderSchoolDays);
                for (var day = calendar.NextSchoolDayOnOrAfter(Max(calendar.AddSchoolDays(reached, 1), today)); day <= last; day = calendar.AddSchoolDays(day, 1))
                {
                    tasks.Add(Task(dossier, TaskKind.LadderRung, Role.Verzuimcoordinator, engine.AtReminderHour(day), $"{anchor}/{Day(day)}", $"{detail}, nog open"));
                }
            }
        }

        /// <summary>
        /// An open period of ongeoorloofd afwezig is counted ahead, so its rungs and melding are scheduled when it is recorded;
        /// they go when the student is recorded back first. Four lesweken cover at most this many school days.
        /// </summary>
        private const int ReminderHorizonSchoolDays = 20;

        /// <summary>Logged hours, plus a full day for each school day of ongeoorloofd afwezig, up to the horizon.</summary>
        private IReadOnlyList<(DateOnly Date, int Hours)> HoursPerDay(DateOnly from, DateOnly until, DateOnly today)
        {
            var horizon = engine.Calendar.AddSchoolDays(today, ReminderHorizonSchoolDays);
            return AwaySpells.UnauthorisedHoursPerDay(dossier, engine.Calendar, Rules, from, Min(until, horizon));
        }

        /// <summary>
        /// 004 Verzuimschema, last column: once the school's melding of the rung is in (an action ticked with its
        /// reference), the leerplichtambtenaar records the rung's interventions (uitnodiging, waarschuwing, Halt, PV).
        /// </summary>
        private void LeerplichtSide(LadderRung rung, List<LadderActionCompleted> thisYear, string anchor, string detail)
        {
            if (rung.LeerplichtActions.Count == 0 || thisYear.FirstOrDefault(c => c.DuoReference is not null && rung.Actions.Contains(c.Action)) is not { } melding)
            {
                return;
            }

            var open = rung.LeerplichtActions.Count(a => !thisYear.Any(c => c.Action == a));
            if (open > 0)
            {
                tasks.Add(Task(dossier, TaskKind.LeerplichtInterventie, Role.Leerplichtambtenaar, melding.RecordedAt, anchor, detail));
            }
        }

        /// <summary>
        /// The legal duty (002 §3, domain.md §4): 16 hours (or 16 times late) within 4 consecutive lesweken, counted since the
        /// last melding. The window counts weeks: a week with a holiday is skipped, a feestdag or study day inside a week does
        /// not stretch it. Only then is the melding "wettelijk verplicht".
        /// </summary>
        private void Signal(DateOnly today, bool ladderToo)
        {
            var calendar = engine.Calendar;
            var lesweken = Rules.SignalWindowLesweken;
            var lastReport = dossier.Of<SignaalverzuimReported>().LastOrDefault();
            var since = lastReport?.ReportedOn;
            var hours = HoursPerDay(since?.AddDays(1) ?? calendar.KnownFrom, DateOnly.MaxValue, today);
            var lates = AwaySpells.LateArrivals(dossier, since?.AddDays(1) ?? DateOnly.MinValue, DateOnly.MaxValue);

            // Warned each time a window comes up to the warning level (domain.md §4: "so the school can still act"), not only the
            // first time since the last melding. A later approach is warned only while its window still runs: a warning for a
            // window long past would arrive as news.
            var warned = false;
            var atWarning = false;
            foreach (var h in hours)
            {
                var start = calendar.LeswekenWindowStart(h.Date, lesweken);
                var inWindow = hours.Where(x => x.Date >= start && x.Date <= h.Date).Sum(x => x.Hours);
                if (inWindow >= Rules.SignalHours)
                {
                    Reached(h.Date, $"{inWindow} uur binnen {lesweken} lesweken", ladderToo);
                    return;
                }

                var approaching = inWindow >= Rules.SignalWarningFromHours;
                if (ladderToo && approaching && !atWarning)
                {
                    // The window runs from the first absent hour in it (domain.md §4) to the end of its 4th lesweek: what is left of it.
                    var firstHour = hours.First(x => x.Date >= start).Date;
                    var windowEnd = calendar.LeswekenWindowEnd(firstHour, lesweken);
                    if (!warned || windowEnd >= today)
                    {
                        warned = true;
                        var left = calendar.CountSchoolDays(h.Date.AddDays(1), windowEnd);
                        var warning = $"{inWindow} van {Rules.SignalHours} uur, nog {left} schooldagen in dit venster";
                        tasks.Add(Task(dossier, TaskKind.SignaalverzuimWarning, Role.Verzuimcoordinator, engine.AtReminderHour(h.Date), Day(h.Date), warning));
                    }
                }

                atWarning = approaching;
            }

            foreach (var late in lates)
            {
                var start = calendar.LeswekenWindowStart(late, lesweken);
                var count = lates.Count(x => x >= start && x <= late);
                if (count >= Rules.SignalLateCount)
                {
                    Reached(late, $"{count} keer te laat binnen {lesweken} lesweken", ladderToo);
                    return;
                }
            }
        }

        private void Reached(DateOnly on, string detail, bool leerplichtRoute)
        {
            // Continuous absence is reported at most once per 7 calendar days (DUO's rules for the verzuimregister, domain.md §4).
            if (dossier.Of<SignaalverzuimReported>().LastOrDefault() is { } previous && on < previous.ReportedOn.AddDays(7))
            {
                on = engine.Calendar.NextSchoolDayOnOrAfter(previous.ReportedOn.AddDays(7));
            }

            var melding = Task(dossier, TaskKind.SignaalverzuimMelding, Role.Verzuimcoordinator, engine.AtReminderHour(on), Day(on), $"{detail}; melden {Route()}");
            if (!leerplichtRoute)
            {
                ToLeerplichtOrRmc(tasks, dossier, leerplicht, engine.Profile.Leerplicht.AfterLeerplicht, melding);
                return;
            }

            tasks.Add(melding);

            // Within 5 working days after the day of the 16th hour (that day is not day 1); warned on the last school day before
            // the last day, and on the last day itself, both at the reminder hour of a school day (never after the line).
            var calendar = engine.Calendar;
            var deadline = SignaalverzuimDeadline(calendar, on, Rules.ReportWithinWorkingDays);
            var before = calendar.LastSchoolDayOnOrBefore(deadline.AddDays(-1));
            var lastDay = calendar.LastSchoolDayOnOrBefore(deadline);
            var until = $"uiterlijk {deadline:dd-MM-yyyy}";
            if (before > on)
            {
                tasks.Add(Task(dossier, TaskKind.SignaalverzuimDeadline, Role.Verzuimcoordinator, SchoolClock.At(before, engine.Profile.ReminderTime), Day(on), until));
            }

            if (lastDay > before)
            {
                tasks.Add(Task(dossier, TaskKind.SignaalverzuimDeadline, Role.Verzuimcoordinator, SchoolClock.At(lastDay, engine.Profile.ReminderTime), $"{Day(on)}/laatste-dag", $"{until}: vandaag de laatste dag"));
            }
        }

        /// <summary>PO and VSO report straight to the leerplichtambtenaar, VO through the DUO-verzuimloket (004 Werkwijzer punt 1).</summary>
        private string Route() => LadderRungs.ReportsDirectly(engine.Profile) ? "rechtstreeks bij leerplicht" : "via het DUO-verzuimloket";

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
}
