using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using static VerzuimBot.Domain.Tests.Digest.DigestDataSet;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Digest;

// domain.md §7 and issue 9 item 1: every figure of the digest on the fixed data set of DigestDataSet, computed by hand
// (the per-student day counts are in the comments of DigestDataSet).
public class SwvDigestScenarioTests
{
    private static readonly SwvDigest Digest = SwvDigestCalculator.Compute(Request());

    private static SchoolFigures A => Digest.Schools.Single(s => s.School == SchoolA);

    private static SchoolFigures B => Digest.Schools.Single(s => s.School == SchoolB);

    [Fact] // domain.md §7: the digest's moment and window; the previous digest bounds "sinds het vorige overzicht".
    public void Digest_MomentAndWindow()
    {
        Assert.Equal(D(2026, 11, 30), Digest.AsOf);
        Assert.Equal(Previous, Digest.Since);
        Assert.Equal([SchoolA, SchoolB], Digest.Schools.Select(s => s.School!.Value));
        Assert.Null(Digest.Total.School);
    }

    [Fact] // 002 §8.1 e (tot 4 weken / tot 3 maanden / > 3 maanden) with the profile's 20 and 60 school days.
    public void Bands_PerSchoolAndTotal()
    {
        // A: A2 (11) and A4 (2) tot 4 weken; A1 (36) tot 3 maanden; A3 (61) langer. A6 is back today.
        Assert.Equal(new BandCounts(2, 1, 1), A.Absent);
        // B: B1 (31) tot 3 maanden; B2 (passend aanbod 23 Nov) and B3 (back 26 Nov) are no longer absent.
        Assert.Equal(new BandCounts(0, 1, 0), B.Absent);
        Assert.Equal(new BandCounts(2, 2, 1), Digest.Total.Absent);
    }

    [Fact] // 002 §2.2: types 1-7 of the absent students; codes geel/oranje/rood only for types 4-6, the types the seed gives them (issue 20).
    public void TypesAndCodes_PerSchoolAndTotal()
    {
        Assert.Equal(Types(t2: 1, t4: 2, t5: 1), A.PerType); // A3 vrijstelling onbepaalde tijd; A2, A4; A1
        Assert.Equal(Types(t3: 1), B.PerType); // B1: gesprek concluded ongeoorloofd
        Assert.Equal(Types(t2: 1, t3: 1, t4: 2, t5: 1), Digest.Total.PerType);
        Assert.Equal(Codes(geel: 2, oranje: 1), A.PerCode); // A3 (type 2) has no code
        Assert.Equal(Codes(), B.PerCode); // B1 (type 3) has no code
        Assert.Equal(Codes(geel: 2, oranje: 1), Digest.Total.PerCode);
    }

    [Fact] // domain.md §7 / 001: dreigende thuiszitters: zorgwekkend (002 Bijlage 1 stap 3: > 5 in a row) and not yet past 4 weeks.
    public void Dreigend_OnlyTheChildWhoCameBack()
    {
        Assert.Equal(1, A.Dreigend); // A2: 11 school days; A4 has only 2
        Assert.Equal(0, B.Dreigend); // B1 is past 4 weeks
        Assert.Equal(1, Digest.Total.Dreigend);
    }

    [Fact] // 004 Werkwijzer: open thuiszitter cases; domain.md §8: only the ones reported to the SWV by id.
    public void ThuiszitterCases_ReportedAndNotReported()
    {
        Assert.Equal((1, 1, 0), (A.OpenThuiszitterCases, A.ReportedToSwv, A.NotReportedToSwv)); // A1
        Assert.Equal((1, 0, 1), (B.OpenThuiszitterCases, B.ReportedToSwv, B.NotReportedToSwv)); // B1 not reported
        Assert.Equal((2, 1, 1), (Digest.Total.OpenThuiszitterCases, Digest.Total.ReportedToSwv, Digest.Total.NotReportedToSwv));
    }

    [Fact] // domain.md §7: the list for the 8-weekly overleg with regiepersoon and next step (002 Bijlage 1 stap 5 for the step).
    public void ThuiszitterList_OnlyTheReportedCase_WithRegiepersoonAndNextStep()
    {
        var entry = Assert.Single(Digest.Thuiszitters);
        Assert.Equal(new StudentId("A1"), entry.Student);
        Assert.Equal(SchoolA, entry.School);
        Assert.Equal((5, ThuiszitterCode.Oranje), (entry.Type, entry.Code));
        Assert.Equal(36, entry.SchoolDaysAbsent);
        Assert.Equal(D(2026, 10, 5), entry.FirstDayAbsent);
        Assert.Equal(RegieA1, entry.Regiepersoon);
        Assert.Equal(new NextStep("Jeugdarts: consult plannen", D(2026, 11, 4), Overdue: true), entry.NextStep);
    }

    [Fact] // domain.md §7: new since the last digest, returned to school, vrijstellingen against the goal (profile: 5).
    public void SinceTheLastDigest_NewReturnedVrijstellingen()
    {
        Assert.Equal((0, 1, 1, 1), (A.NewThuiszitters, A.ReturnedToSchool, A.VrijstellingenNew, A.VrijstellingenInForce)); // A6 back; A3 vrijstelling
        Assert.Equal((1, 2, 0, 0), (B.NewThuiszitters, B.ReturnedToSchool, B.VrijstellingenNew, B.VrijstellingenInForce)); // B1 new; B2, B3 back
        Assert.Equal((1, 3, 1, 1), (Digest.Total.NewThuiszitters, Digest.Total.ReturnedToSchool, Digest.Total.VrijstellingenNew, Digest.Total.VrijstellingenInForce));
        Assert.Equal(5, Digest.VrijstellingGoal);
    }

    [Fact] // 002 §8.1 c: "Maximaal 5 thuiszitters die een vrijstelling (5a + 5b) hebben": who has one on the digest's day, whenever granted.
    public void VrijstellingenGoal_CountsWhoHasOneNow_NotWhatWasGrantedThisSchoolYear()
    {
        var leerplicht = new Actor(new StaffId("staff-lp"), Role.Leerplichtambtenaar);
        DossierView Granted(string id, DateOnly on, bool indefinite, DateOnly? until = null, DateOnly? backOn = null)
        {
            var b = new DossierBuilder();
            b.Ziek(D(2026, 3, 2));
            b.Do(new VrijstellingStepRecorded(b.NextId(), At(on, 9), leerplicht, VrijstellingStep.VrijstellingVerleend, indefinite, Until: until));
            if (backOn is { } back)
            {
                b.Do(new ReturnedToSchool(b.NextId(), At(back, 9), leerplicht, back, false));
            }

            return DossierView.From(new StudentId(id), b.Events);
        }

        var dossiers = new List<DossierView>
        {
            Granted("may-1", D(2026, 5, 11), indefinite: true), // last school year, onbepaalde tijd: still has one
            Granted("may-2", D(2026, 5, 18), indefinite: true),
            Granted("may-3", D(2026, 5, 25), indefinite: true),
            Granted("sep-1", D(2026, 9, 7), indefinite: true), // this school year
            Granted("sep-2", D(2026, 9, 14), indefinite: false, until: D(2027, 7, 16)),
            Granted("oct-1", D(2026, 10, 5), indefinite: true),
            Granted("ended", D(2026, 9, 1), indefinite: false, until: D(2026, 10, 31)), // bepaalde tijd, last day 31 Oct: lapsed
            Granted("back", D(2026, 5, 4), indefinite: true, backOn: D(2026, 11, 16)), // back at school since: no longer a thuiszitter with one
        };
        var monday = At(D(2026, 11, 2), 10);
        var digest = SwvDigestCalculator.Compute(new DigestRequest([new DigestSchool(SchoolA, Profile, DigestDataSet.Calendar, dossiers)], monday, monday.AddDays(-7)));

        Assert.Equal(6, digest.Total.VrijstellingenInForce); // the old count said 4: granted since 1 Aug, the lapsed one included, the three of May left out
        Assert.True(digest.Total.VrijstellingenInForce > digest.VrijstellingGoal);
    }

    [Fact] // 003 "de doorloopsnelheid: de gemiddelde tijd dat een kind thuiszit": a thuiszitter back at school by a beter-melding or "weer aanwezig" is a return.
    public void BackAtSchoolByBeterMeldingOrWeerAanwezig_EndsTheThuiszitterCase_CountedOnceAsReturnAndInDoorloop()
    {
        // Sick since Mon 28 Sep 2026 (midden, herfstvakantie 17–25 Oct), judged thuiszitter 27 Oct, back Thu 26 Nov:
        // 38 school days from the first day, 18 from Mon 2 Nov (the thuiszitter day), as B3 of DigestDataSet.
        var leerplicht = new Actor(new StaffId("staff-lp"), Role.Leerplichtambtenaar);
        var zorg = new Actor(new StaffId("staff-zorg"), Role.Zorgcoordinator);
        var back = D(2026, 11, 26);
        DossierView Case(string id, Action<DossierBuilder> end)
        {
            var b = new DossierBuilder();
            b.Ziek(D(2026, 9, 28));
            b.MentorAnswer(D(2026, 9, 30), reached: true).Gesprek(D(2026, 10, 6), GesprekOutcome.Monitoring);
            b.Do(new LeerplichtJudgementRecorded(b.NextId(), At(D(2026, 10, 27), 10), leerplicht, true, null));
            end(b);
            return DossierView.From(new StudentId(id), b.Events);
        }

        var dossiers = new List<DossierView>
        {
            Case("beter", b => b.Beter(back)),
            Case("beter-then-terug", b => b.Beter(back).Do(new ReturnedToSchool(b.NextId(), At(back, 9), zorg, back, false))),
            Case("terug-then-beter", b => b.Do(new ReturnedToSchool(b.NextId(), At(back, 6), zorg, back, false)).Beter(back, At(back, 8))),
            Case("beter-retracted", b =>
            {
                var beter = new BeterMeldingRecorded(b.NextId(), At(back, 7), zorg, back);
                b.Do(beter).Do(new EventRetracted(b.NextId(), At(back, 12), zorg, beter.Id, "verkeerde leerling"));
            }),
        };
        // The same run away without leave ("ongeoorloofd afwezig" from 28 Sep), ended by "weer aanwezig" on 26 Nov.
        var away = new DossierBuilder();
        away.Afwezig(D(2026, 9, 28));
        away.Do(new LeerplichtJudgementRecorded(away.NextId(), At(D(2026, 10, 27), 10), leerplicht, true, null));
        away.WeerAanwezig(back);
        dossiers.Add(DossierView.From(new StudentId("weer-aanwezig"), away.Events));
        var digest = SwvDigestCalculator.Compute(new DigestRequest([new DigestSchool(SchoolA, Profile, DigestDataSet.Calendar, dossiers)], Now, Previous));

        Assert.Equal(4, digest.Total.ReturnedToSchool); // each ended case once; before, the beter-melding and "weer aanwezig" alone counted nowhere
        Assert.Equal(1, digest.Total.OpenThuiszitterCases); // the retracted beter-melding leaves its case open
        Assert.Equal(new DoorloopStats(4, 38, 38, 1), digest.Total.Doorloop.FromFirstDay);
        Assert.Equal(new DoorloopStats(4, 18, 18, null), digest.Total.Doorloop.FromThuiszitter);
        var ended = Assert.Single(dossiers[0].EndedThuiszitterCases());
        Assert.Equal((back, typeof(BeterMeldingRecorded)), (ended.BackOn, ended.EndedBy.GetType()));
        Assert.IsType<UnauthorisedAbsenceEnded>(Assert.Single(dossiers[^1].EndedThuiszitterCases()).EndedBy);
    }

    [Fact] // domain.md §7 overdue steps; 002 Bijlage 1 stap 3 and 5, 004 Verzuimschema for the kinds.
    public void Overdue_ByKind()
    {
        // A1's leerplicht side of the checklist (004 "Werkwijzer voor de leerplichtambtenaar") has not moved since the judgement on
        // 10 Nov: its two-week follow-up was due 24 Nov, so the checklist counts as stalled (the school's side moved on 20 Nov).
        Assert.Equal(Overdue((OverdueStep.GesprekZorgwekkendVerzuim, 1), (OverdueStep.JeugdartsNietBinnen2Weken, 1), (OverdueStep.Ladder, 1), (OverdueStep.ChecklistThuiszitter, 1)), A.Overdue); // A2, A1, A5, A1
        Assert.Equal(Overdue((OverdueStep.GeenTerugkoppeling, 1)), B.Overdue); // B4
        Assert.Equal(
            Overdue((OverdueStep.GesprekZorgwekkendVerzuim, 1), (OverdueStep.JeugdartsNietBinnen2Weken, 1), (OverdueStep.Ladder, 1), (OverdueStep.ChecklistThuiszitter, 1), (OverdueStep.GeenTerugkoppeling, 1)),
            Digest.Total.Overdue);
        Assert.Equal(5, Digest.Total.OverdueTotal);
    }

    [Fact] // Periods of 4 school weeks here: 9–30 Nov, and before it 5 Oct–8 Nov (the herfstvakantie week is no school week).
    public void Doorloop_Periods()
    {
        Assert.Equal(new DoorloopPeriods(D(2026, 11, 9), D(2026, 11, 30), D(2026, 10, 5), D(2026, 11, 8)), Digest.Periods);
    }

    [Fact] // domain.md §7 doorloopsnelheid; 003 §3; Thuiszitterspact: share within 3 months (60 school days).
    public void Doorloop_PerSchoolAndTotal()
    {
        // A: now A6 (95 / 75 as thuiszitter), before A2's first case (25 / 5).
        Assert.Equal(new DoorloopStats(1, 95, 95, 0), A.Doorloop.FromFirstDay);
        Assert.Equal(new DoorloopStats(1, 75, 75, null), A.Doorloop.FromThuiszitter);
        Assert.Equal(new DoorloopStats(1, 25, 25, 1), A.Doorloop.PreviousFromFirstDay);
        Assert.Equal(new DoorloopStats(1, 5, 5, null), A.Doorloop.PreviousFromThuiszitter);
        Assert.Equal(70, A.Doorloop.MedianChange);

        // B: B3 (38 / 18) and B2 (45 / 25); nothing before, so no change.
        Assert.Equal(new DoorloopStats(2, 41.5, 41.5, 1), B.Doorloop.FromFirstDay);
        Assert.Equal(new DoorloopStats(2, 21.5, 21.5, null), B.Doorloop.FromThuiszitter);
        Assert.Equal(DoorloopStats.Empty, B.Doorloop.PreviousFromFirstDay);
        Assert.Null(B.Doorloop.MedianChange);

        // SWV: 38, 45, 95 → median 45, mean 178/3; 2 of 3 within 60 school days. As thuiszitter 18, 25, 75.
        var total = Digest.Total.Doorloop;
        Assert.Equal((3, 45d), (total.FromFirstDay.Count, total.FromFirstDay.Median));
        Assert.Equal(178 / 3d, total.FromFirstDay.Mean!.Value, 9);
        Assert.Equal(2 / 3d, total.FromFirstDay.ShareWithin3Months!.Value, 9);
        Assert.Equal((3, 25d), (total.FromThuiszitter.Count, total.FromThuiszitter.Median));
        Assert.Equal(118 / 3d, total.FromThuiszitter.Mean!.Value, 9);
        Assert.Equal(new DoorloopStats(1, 25, 25, 1), total.PreviousFromFirstDay);
        Assert.Equal(20, total.MedianChange);
        Assert.Equal(178 / 3d - 25, total.MeanChange!.Value, 9);
    }

    [Fact] // Issue 9 item 2: one data point per school week; herfstvakantie midden (17–25 Oct) gives none.
    public void Trend_Weeks()
    {
        Assert.Equal(
            [(D(2026, 10, 12), D(2026, 10, 16)), (D(2026, 10, 26), D(2026, 10, 30)), (D(2026, 11, 2), D(2026, 11, 6)), (D(2026, 11, 9), D(2026, 11, 13)),
             (D(2026, 11, 16), D(2026, 11, 20)), (D(2026, 11, 23), D(2026, 11, 27)), (D(2026, 11, 30), D(2026, 11, 30))],
            Digest.Weeks.Select(w => (w.Monday, w.MeasuredOn)));
    }

    [Fact] // Issue 9 item 2: the three bands per school week (counts on each Friday, and today in this week).
    public void Trend_BandsPerWeek()
    {
        // A on 16 Oct: A1 10, A3 35, A6 70 … on 13 Nov: A1 25 crosses into oranje; 20 Nov A2 is back (5); 27 Nov A4 (1).
        Assert.Equal([Band(1, 1, 1), Band(1, 1, 1), Band(1, 1, 1), Band(0, 2, 1), Band(1, 2, 1), Band(2, 2, 1), Band(2, 1, 1)], A.Trend);
        // B on 16 Oct: B1 5, B3 15, B2 25; 6 Nov also B4 (5); 27 Nov only B1 (30).
        Assert.Equal([Band(2, 1, 0), Band(2, 1, 0), Band(2, 2, 0), Band(1, 2, 0), Band(0, 3, 0), Band(0, 1, 0), Band(0, 1, 0)], B.Trend);
        Assert.Equal([Band(3, 2, 1), Band(3, 2, 1), Band(3, 3, 1), Band(1, 4, 1), Band(1, 5, 1), Band(2, 3, 1), Band(2, 2, 1)], Digest.Total.Trend);
    }

    [Fact] // Without a previous digest the window is the school year (002 §1.1: from 1 August).
    public void NoPreviousDigest_CountsTheSchoolYear()
    {
        var digest = SwvDigestCalculator.Compute(Request(previous: null));
        Assert.Equal(At(D(2026, 8, 1), 0), digest.Since);
        // Judged thuiszitter this school year: A1, A2 (first case), B1, B2, B3 — A6's judgement was in June 2026.
        Assert.Equal(5, digest.Total.NewThuiszitters);
        // Back: A2 (12 Oct), A6, B2, B3.
        Assert.Equal(4, digest.Total.ReturnedToSchool);
        Assert.Equal(1, digest.Total.VrijstellingenNew);
    }

    [Theory] // 002 §2.2 / profile utrecht-west-vo: tot 4 weken ≤ 20, tot 3 maanden ≤ 60 school days.
    [InlineData(1, DurationBand.Tot4Weken)]
    [InlineData(20, DurationBand.Tot4Weken)]
    [InlineData(21, DurationBand.Tot3Maanden)]
    [InlineData(60, DurationBand.Tot3Maanden)]
    [InlineData(61, DurationBand.LangerDan3Maanden)]
    public void Bands_Boundaries(int schoolDays, DurationBand band) =>
        Assert.Equal(band, DurationBands.Of(schoolDays, Profile.Thuiszitter));

    [Fact] // domain.md §8: nothing in the digest carries a name; the list holds ids only.
    public void Digest_HoldsIdsOnly()
    {
        Assert.All(Digest.Thuiszitters, e => Assert.Matches("^[A-Z][0-9]$", e.Student.Value));
    }

    private static BandCounts Band(int tot4, int tot3, int langer) => new(tot4, tot3, langer);

    private static Dictionary<int, int> Types(int t1 = 0, int t2 = 0, int t3 = 0, int t4 = 0, int t5 = 0, int t6 = 0, int t7 = 0) =>
        new() { [1] = t1, [2] = t2, [3] = t3, [4] = t4, [5] = t5, [6] = t6, [7] = t7 };

    private static Dictionary<ThuiszitterCode, int> Codes(int geel = 0, int oranje = 0, int rood = 0) =>
        new() { [ThuiszitterCode.Geel] = geel, [ThuiszitterCode.Oranje] = oranje, [ThuiszitterCode.Rood] = rood };

    private static Dictionary<OverdueStep, int> Overdue(params (OverdueStep Step, int Count)[] counts)
    {
        var all = OverdueSteps.All.ToDictionary(s => s, _ => 0);
        foreach (var (step, count) in counts)
        {
            all[step] = count;
        }

        return all;
    }
}
