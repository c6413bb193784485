using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// Seed 004 "Werkwijzer voor de school" punt 2: "Bij afwezigheid van 4 weken (ook wegens ziekte) neemt de school altijd
// contact op met de leerplichtambtenaar" — four weeks away for any reason. 004 Verzuimschema and 002 §3 for the hours,
// 002 §2.2 for type and code; domain.md §4–§5. Profile utrecht-west-vo (7 lesuren per schooldag), region midden:
// herfstvakantie 17–25 Oct 2026, kerstvakantie 19 Dec 2026 – 3 Jan 2027.
public class FourWeeksAwayScenarioTests : ScenarioBase
{
    private static readonly ProtocolProfile Profile = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo);
    private static readonly SchoolCalendar Calendar = SchoolCalendar.ForRegion(HolidayRegion.Midden);
    private static readonly Actor Leerplicht = new(new StaffId("lp"), Role.Leerplichtambtenaar);

    [Fact] // 004 Werkwijzer punt 2: ongeoorloofd afwezig from Mon 2 Nov; 20 school days end Fri 27 Nov; leerplicht judges Mon 30 Nov.
    public void UnauthorisedPeriod_FourWeeks_LeerplichtJudgesOnTheFirstSchoolDayAfter()
    {
        var started = Dossier.Afwezig(D(2026, 11, 2));

        // Scheduled when the period is recorded, as for a ziekmelding.
        var judgement = Single(TasksAt(At(D(2026, 11, 2), 9, 5)), TaskKind.LeerplichtJudgement);
        Assert.Equal(Role.Leerplichtambtenaar, judgement.Assignee);
        Assert.Equal(AtHalfNine(D(2026, 11, 30)), judgement.DueAt);
        Assert.Equal(started.Id.Value, judgement.Anchor);
    }

    [Fact] // 004 punt 2 across kerst: from Mon 7 Dec, 10 school days before and 10 after the holiday; the judgement is on Mon 18 Jan 2027.
    public void UnauthorisedPeriod_OverKerst_HolidayNeitherBreaksNorCounts()
    {
        Dossier.Afwezig(D(2026, 12, 7));
        Assert.Equal(AtHalfNine(D(2027, 1, 18)), Single(TasksAt(At(D(2026, 12, 7), 10)), TaskKind.LeerplichtJudgement).DueAt);
        Assert.Equal(10, Dossier.View.SchoolDaysAway(Calendar, Profile.Unauthorised, D(2027, 1, 2))); // in the holiday: still away, 10 days
        Assert.Equal(20, Dossier.View.SchoolDaysAway(Calendar, Profile.Unauthorised, D(2027, 1, 15)));
    }

    [Fact] // 004 punt 2 "ook wegens ziekte": sick 2–13 Nov, beter from 16 Nov but still away without leave: one run, judged 30 Nov.
    public void SickThenAwayWithoutLeave_IsOneRunOfFourWeeks_AnchoredOnTheZiekmelding()
    {
        var ziek = Dossier.Ziek(D(2026, 11, 2));
        Dossier.Beter(D(2026, 11, 16), At(D(2026, 11, 13), 16));
        Dossier.Afwezig(D(2026, 11, 16));

        var judgement = Single(TasksAt(At(D(2026, 11, 16), 10)), TaskKind.LeerplichtJudgement);
        Assert.Equal((AtHalfNine(D(2026, 11, 30)), ziek.Id.Value), (judgement.DueAt, judgement.Anchor));

        // Without the second part the beter-melding ended it after two weeks: nothing for leerplicht.
        var sickOnly = new DossierBuilder();
        sickOnly.Ziek(D(2026, 11, 2));
        sickOnly.Beter(D(2026, 11, 16), At(D(2026, 11, 13), 16));
        None(Engine().Evaluate(sickOnly.View, At(D(2026, 11, 30), 10)), TaskKind.LeerplichtJudgement);
    }

    [Fact] // 004 punt 2: "weer aanwezig" before four weeks ends the run; the judgement scheduled at the start goes.
    public void WeerAanwezig_BeforeFourWeeks_NoJudgement()
    {
        Dossier.Afwezig(D(2026, 11, 2));
        Dossier.WeerAanwezig(D(2026, 11, 23));
        None(TasksAt(At(D(2026, 11, 30), 10)), TaskKind.LeerplichtJudgement);
        Assert.Equal(0, Dossier.View.SchoolDaysAway(Calendar, Profile.Unauthorised, D(2026, 11, 23)));
    }

    [Fact] // 004 punt 2 with hours per day: 7 lesuren (a full day) every school day from Mon 2 Nov count as days away; judged Mon 30 Nov.
    public void FullDaysOfLoggedHours_CountAsDaysAway_ADayWithFewerHoursBreaksTheRun()
    {
        for (var day = D(2026, 11, 2); day <= D(2026, 11, 30); day = day.AddDays(1))
        {
            if (Calendar.IsSchoolDay(day))
            {
                Dossier.Hours(day, 7);
            }
        }

        Assert.Equal(AtHalfNine(D(2026, 11, 30)), Single(TasksAt(At(D(2026, 11, 30), 10)), TaskKind.LeerplichtJudgement).DueAt);

        // The same, but on Wed 11 Nov the student was there for part of the day (3 hours away): the run restarts on 12 Nov.
        var partly = new DossierBuilder();
        for (var day = D(2026, 11, 2); day <= D(2026, 11, 30); day = day.AddDays(1))
        {
            if (Calendar.IsSchoolDay(day))
            {
                partly.Hours(day, day == D(2026, 11, 11) ? 3 : 7);
            }
        }

        None(Engine().Evaluate(partly.View, At(D(2026, 11, 30), 10)), TaskKind.LeerplichtJudgement);
        Assert.Equal(13, partly.View.SchoolDaysAway(Calendar, Profile.Unauthorised, D(2026, 11, 30))); // 12 Nov – 30 Nov
    }

    [Fact] // 004 punt 2: luxeverzuim is away without leave too: luxe Mon 9 – Fri 13 Nov, then ongeoorloofd afwezig from 16 Nov: one run from 9 Nov.
    public void Luxeverzuim_JoinsTheRunOfDaysAway()
    {
        Dossier.Do(new LuxeverzuimRecorded(Dossier.NextId(), At(D(2026, 11, 16), 8), new Actor(new StaffId("r"), Role.Receptie), D(2026, 11, 9), D(2026, 11, 13)));
        Dossier.Afwezig(D(2026, 11, 16));
        var spell = AwaySpells.Current(Dossier.View, Calendar, Profile.Unauthorised, D(2026, 11, 20))!;
        Assert.Equal((D(2026, 11, 9), true, false), (spell.FirstDay, spell.Unauthorised, spell.Sick));
        Assert.Equal(AtHalfNine(D(2026, 12, 7)), Single(TasksAt(At(D(2026, 11, 16), 10)), TaskKind.LeerplichtJudgement).DueAt);
    }

    [Theory] // 002 §2.2: away without leave is type 3 ("ongeoorloofd verzuim langere periode") however long; the seed gives type 3 no colour code (issue 20).
    [InlineData(2026, 11, 27)]
    [InlineData(2026, 11, 30)]
    [InlineData(2027, 2, 8)]
    public void AwayWithoutLeave_IsType3_WithoutAColourCode(int y, int m, int d)
    {
        Dossier.Afwezig(D(2026, 11, 2));
        Assert.Equal((3, (ThuiszitterCode?)null), Dossier.View.ThuiszitterStatus(Calendar, Profile, D(y, m, d)));
    }

    [Fact] // 004 Werkwijzer: "ja" opens the case; it stays open when the sick part ends but the absence goes on without leave, and closes at "weer aanwezig".
    public void Case_StaysOpenWhileAwayForAnyReason_ClosesWhenBack()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Do(new LeerplichtJudgementRecorded(Dossier.NextId(), At(D(2026, 11, 30), 11), Leerplicht, true, null, "RBL"));
        Assert.NotNull(Dossier.View.OpenThuiszitterCase(Profile.Thuiszitter));

        Dossier.Beter(D(2026, 12, 7), At(D(2026, 12, 4), 16));
        Dossier.Afwezig(D(2026, 12, 7));
        Assert.NotNull(Dossier.View.OpenThuiszitterCase(Profile.Thuiszitter));
        Assert.Equal((3, (ThuiszitterCode?)null), Dossier.View.ThuiszitterStatus(Calendar, Profile, D(2026, 12, 7)));

        Dossier.WeerAanwezig(D(2027, 1, 4), At(D(2027, 1, 4), 8));
        Assert.Null(Dossier.View.OpenThuiszitterCase(Profile.Thuiszitter));

        // A later absence is a new run: it needs its own judgement (the old "ja" does not reopen anything).
        Dossier.Afwezig(D(2027, 2, 1));
        Assert.Null(Dossier.View.OpenThuiszitterCase(Profile.Thuiszitter));
        Assert.Equal(AtHalfNine(D(2027, 3, 8)), Single(TasksAt(At(D(2027, 2, 1), 10)), TaskKind.LeerplichtJudgement).DueAt);
    }

    [Fact] // A ziekmelding ends "ongeoorloofd afwezig" from its first day: the ladder stops counting, the run of days away goes on, and the type follows what the absence is now.
    public void Ziekmelding_EndsAwayWithoutLeave_TheRunContinues()
    {
        Dossier.Afwezig(D(2026, 11, 2));
        var ziek = Dossier.Ziek(D(2026, 11, 9), At(D(2026, 11, 9), 10));

        var period = Assert.Single(Dossier.View.UnauthorisedPeriods);
        Assert.Equal(D(2026, 11, 9), period.BackOn);
        Assert.Equal(35, Dossier.View.UnauthorisedHoursInSchoolYear(Calendar, Profile.Unauthorised, D(2026, 11, 27))); // Mon 2 – Fri 6 Nov, 7 lesuren a day
        var spell = AwaySpells.Current(Dossier.View, Calendar, Profile.Unauthorised, D(2026, 11, 27))!;
        Assert.Equal((D(2026, 11, 2), true, true, false), (spell.FirstDay, spell.Sick, spell.Unauthorised, spell.LatestUnauthorised));
        Assert.Equal((4, ThuiszitterCode.Geel), Dossier.View.ThuiszitterStatus(Calendar, Profile, D(2026, 11, 27)));
        Assert.Equal(AtHalfNine(D(2026, 11, 30)), Single(TasksAt(At(D(2026, 11, 9), 11)), TaskKind.LeerplichtJudgement).DueAt);
        Assert.NotEqual(ziek.Id.Value, Single(TasksAt(At(D(2026, 11, 9), 11)), TaskKind.LeerplichtJudgement).Anchor); // anchored on the first fact of the run
    }

    [Fact] // 004 Verzuimschema with 7 lesuren per day: from Mon 2 Nov the 3- and 6-hour rungs fall on 2 Nov, 9 and 12 on 3 Nov, 16 in 4 weeks on 4 Nov.
    public void UnauthorisedPeriod_ClimbsTheLadder_ScheduledWhenRecorded()
    {
        Dossier.Afwezig(D(2026, 11, 2));
        var tasks = TasksAt(At(D(2026, 11, 2), 9, 5));
        var rungs = tasks.Where(t => t.Kind == TaskKind.LadderRung && !t.Anchor.Contains('/')).ToDictionary(t => t.Detail!, t => t.DueAt);
        Assert.Equal(AtHalfNine(D(2026, 11, 2)), rungs["3 uur"]);
        Assert.Equal(AtHalfNine(D(2026, 11, 2)), rungs["6 uur"]);
        Assert.Equal(AtHalfNine(D(2026, 11, 3)), rungs["9 uur"]);
        Assert.Equal(AtHalfNine(D(2026, 11, 3)), rungs["12 uur"]);
        var melding = Single(tasks, TaskKind.SignaalverzuimMelding);
        Assert.Equal(AtHalfNine(D(2026, 11, 4)), melding.DueAt);
        Assert.StartsWith("21 uur binnen 4 lesweken", melding.Detail, StringComparison.Ordinal);
        Assert.Equal(21, Dossier.View.UnauthorisedHoursInSchoolYear(Calendar, Profile.Unauthorised, D(2026, 11, 4)));

        // Back on Tue 3 Nov: only Monday's 7 hours count, so the 9-hour rung and the melding are gone.
        Dossier.WeerAanwezig(D(2026, 11, 3), At(D(2026, 11, 3), 8));
        var after = TasksAt(At(D(2026, 11, 3), 9));
        Assert.DoesNotContain(after, t => t.Kind == TaskKind.LadderRung && t.Detail == "9 uur");
        None(after, TaskKind.SignaalverzuimMelding);
    }

    [Fact] // domain.md §4 (DUO's verzuimregister): after a melding a new 16 hours needs a follow-up, but continuous absence is reported at most once per 7 days.
    public void ContinuousAbsence_FollowUpMelding_NotWithinSevenDaysOfThePrevious()
    {
        Dossier.Afwezig(D(2026, 11, 2));
        Dossier.Do(new SignaalverzuimReported(Dossier.NextId(), At(D(2026, 11, 4), 11), new Actor(new StaffId("vc"), Role.Verzuimcoordinator), D(2026, 11, 4), "DUO-1"));

        // From Thu 5 Nov: 7 + 7 + 7 = 21 on Mon 9 Nov, but the next melding is due no earlier than Wed 11 Nov.
        var melding = Single(TasksAt(At(D(2026, 11, 4), 12)), TaskKind.SignaalverzuimMelding);
        Assert.Equal(AtHalfNine(D(2026, 11, 11)), melding.DueAt);
    }

    [Fact] // 002 §7 / 000: a vrijstelling step is due at once and the seeds give it no term: the digest's next step is not "te laat".
    public void Digest_NextStepWithoutATerm_IsNotLate()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.MentorAnswer(D(2026, 11, 4), reached: true).Gesprek(D(2026, 11, 10), GesprekOutcome.Monitoring);
        Dossier.Do(new LeerplichtJudgementRecorded(Dossier.NextId(), At(D(2026, 11, 30), 9), Leerplicht, true, null, "RBL"));
        Dossier.Do(new ThuiszitterChecklistItemCompleted(Dossier.NextId(), At(D(2026, 11, 30), 9, 30), new Actor(new StaffId("z"), Role.Zorgcoordinator), Profile.Thuiszitter.SchoolChecklist[1]));
        Dossier.Do(new VrijstellingStepRecorded(Dossier.NextId(), At(D(2026, 11, 30), 9, 45), Leerplicht, VrijstellingStep.AanvraagOntvangen, null, "RBL"));
        var school = new SchoolId("01AA00");
        var digest = SwvDigestCalculator.Compute(new DigestRequest([new DigestSchool(school, Profile, Calendar, [Dossier.View])], At(D(2026, 12, 7), 10), null));

        var entry = Assert.Single(digest.Thuiszitters);
        Assert.Equal(new NextStep("Vrijstelling 5a: onderzoek jeugdarts", D(2026, 11, 30), Overdue: false), entry.NextStep);
    }

    [Fact] // 002 §8.1 e / domain.md §7: the SWV digest counts a student away without leave in its band, as type 3 (no code, 002 §2.2), and as a thuiszitter once judged.
    public void Digest_CountsFourWeeksAwayWithoutLeave()
    {
        Dossier.Afwezig(D(2026, 11, 2));
        Dossier.Do(new LeerplichtJudgementRecorded(Dossier.NextId(), At(D(2026, 11, 30), 9), Leerplicht, true, null, "RBL"));
        var school = new SchoolId("01AA00");
        var digest = SwvDigestCalculator.Compute(new DigestRequest([new DigestSchool(school, Profile, Calendar, [Dossier.View])], At(D(2026, 11, 30), 10), null));

        Assert.Equal(new BandCounts(0, 1, 0), digest.Total.Absent); // 21 school days: tot 3 maanden
        Assert.Equal(1, digest.Total.PerType[3]);
        Assert.Equal(0, digest.Total.PerCode.Values.Sum());
        Assert.Equal(1, digest.Total.OpenThuiszitterCases);
    }
}
