using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Digest;

/// <summary>
/// A small fixed SWV of two schools (profile utrecht-west-vo, holiday region midden) in school year 2026-27.
/// Holidays from Calendar/schoolvakanties.json: zomer midden until 30 Aug 2026, herfst midden 17–25 Oct 2026.
/// The digest is taken on Monday 30 Nov 2026 10:00; the previous one was Monday 23 Nov 2026 08:30.
/// School days per student are counted by hand in the comments (5 per full school week).
/// </summary>
internal static class DigestDataSet
{
    public static readonly SchoolId SchoolA = new("01AA00");
    public static readonly SchoolId SchoolB = new("02BB00");
    public static readonly StaffId RegieA1 = new("staff-zorg-a");
    public static readonly DateTimeOffset Now = At(D(2026, 11, 30), 10);
    public static readonly DateTimeOffset Previous = At(D(2026, 11, 23), 8, 30);

    private static readonly Actor Leerplicht = new(new StaffId("staff-lp"), Role.Leerplichtambtenaar);
    private static readonly Actor Zorg = new(new StaffId("staff-zorg"), Role.Zorgcoordinator);

    public static ProtocolProfile Profile { get; } = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo);

    public static SchoolCalendar Calendar { get; } = SchoolCalendar.ForRegion(HolidayRegion.Midden);

    public static DigestRequest Request(DateTimeOffset? previous = null, int trendWeeks = 7, int periodWeeks = 4) =>
        new([new DigestSchool(SchoolA, Profile, Calendar, SchoolADossiers()), new DigestSchool(SchoolB, Profile, Calendar, SchoolBDossiers())], Now, previous)
        {
            TrendWeeks = trendWeeks,
            DoorloopPeriodWeeks = periodWeeks,
        };

    public static DigestRequest Request() => Request(Previous);

    private static List<DossierView> SchoolADossiers() => [A1(), A2(), A3(), A4(), A5(), A6()];

    private static List<DossierView> SchoolBDossiers() => [B1(), B2(), B3(), B4()];

    /// <summary>
    /// Away since Mon 5 Oct, the herfstvakantie inside the period: 36 school days on 30 Nov (oranje, type 5).
    /// Thuiszitter from Mon 9 Nov (21st school day); judged 10 Nov; reported to the SWV 12 Nov; plan 16 Nov.
    /// Aanmelding jeugdarts 14 Oct without a consult: late since 4 Nov (10 school days later, 002 Bijlage 1 stap 5).
    /// </summary>
    private static DossierView A1()
    {
        var b = new DossierBuilder();
        b.Ziek(D(2026, 10, 5));
        b.MentorAnswer(D(2026, 10, 7), reached: true).Gesprek(D(2026, 10, 13), GesprekOutcome.AdviesJeugdarts).Aanmelding(D(2026, 10, 14));
        b.Do(Judgement(b, D(2026, 11, 10), true));
        b.Do(Checklist(b, D(2026, 11, 12), "Leerling gemeld bij het samenwerkingsverband als thuiszitter"));
        b.Do(new PlanVanAanpakAgreed(b.NextId(), At(D(2026, 11, 16), 13), Zorg, D(2026, 11, 16), RegieA1));
        b.Do(Checklist(b, D(2026, 11, 16), "Plan van aanpak met regie-/contactpersoon vastgesteld"));
        b.Do(Checklist(b, D(2026, 11, 20), "Besproken in de interne zorgstructuur"));
        return View("A1", b);
    }

    /// <summary>
    /// Returned and came back. Case 1: away Mon 7 Sep, thuiszitter from Mon 5 Oct, back Mon 12 Oct
    /// (25 school days from the first day, 5 as thuiszitter). Case 2: away again since Mon 16 Nov: 11 school days
    /// (geel, type 4), more than 5 in a row so zorgwekkend: a dreigende thuiszitter; the gesprek was due 23 Nov.
    /// </summary>
    private static DossierView A2()
    {
        var b = new DossierBuilder();
        b.Ziek(D(2026, 9, 7));
        b.MentorAnswer(D(2026, 9, 9), reached: true).Gesprek(D(2026, 9, 15), GesprekOutcome.Monitoring);
        b.Do(Judgement(b, D(2026, 10, 6), true));
        b.Do(Checklist(b, D(2026, 10, 7), "Leerling gemeld bij het samenwerkingsverband als thuiszitter"));
        b.Beter(D(2026, 10, 12));
        b.Do(Returned(b, D(2026, 10, 12), at: 9));
        b.Ziek(D(2026, 11, 16));
        b.MentorAnswer(D(2026, 11, 18), reached: true);
        return View("A2", b);
    }

    /// <summary>Away since Mon 31 Aug (first school day): 61 school days on 30 Nov, rood; vrijstelling onbepaalde tijd 24 Nov (type 2).</summary>
    private static DossierView A3()
    {
        var b = new DossierBuilder();
        b.Ziek(D(2026, 8, 31));
        b.MentorAnswer(D(2026, 9, 2), reached: true).Gesprek(D(2026, 9, 8), GesprekOutcome.Monitoring);
        b.Do(Judgement(b, D(2026, 9, 29), false));
        b.Do(Vrijstelling(b, D(2026, 11, 2), VrijstellingStep.AanvraagOntvangen));
        b.Do(Vrijstelling(b, D(2026, 11, 16), VrijstellingStep.SwvGeenPassendOnderwijs));
        b.Do(Vrijstelling(b, D(2026, 11, 24), VrijstellingStep.VrijstellingVerleend, indefinite: true));
        return View("A3", b);
    }

    /// <summary>Sick since Fri 27 Nov: 2 school days (geel, type 4); the mentor's reminder is only due 1 Dec.</summary>
    private static DossierView A4()
    {
        var b = new DossierBuilder();
        b.Ziek(D(2026, 11, 27));
        return View("A4", b);
    }

    /// <summary>No sickness: 3 + 4 hours ongeoorloofd (2 and 9 Nov); the 3- and 6-hour rungs are not ticked off.</summary>
    private static DossierView A5() => View("A5", new DossierBuilder().Hours(D(2026, 11, 2), 3).Hours(D(2026, 11, 9), 4));

    /// <summary>
    /// Away since Mon 1 Jun 2026, over the summer holiday, back Mon 30 Nov: 35 school days in June–July plus 60
    /// from 31 Aug = 95 from the first day; thuiszitter from Mon 29 Jun, so 75 as thuiszitter. Not within 3 months.
    /// </summary>
    private static DossierView A6()
    {
        var b = new DossierBuilder();
        b.Ziek(D(2026, 6, 1));
        b.MentorAnswer(D(2026, 6, 3), reached: true).Gesprek(D(2026, 6, 8), GesprekOutcome.Monitoring);
        b.Do(Judgement(b, D(2026, 6, 30), true));
        b.Beter(D(2026, 11, 30));
        b.Do(Returned(b, D(2026, 11, 30), at: 9));
        return View("A6", b);
    }

    /// <summary>
    /// Away since Mon 12 Oct: 31 school days (oranje); gesprek concluded ongeoorloofd: type 3. Judged thuiszitter
    /// 24 Nov (new since the previous digest) but not reported to the SWV: a count, never listed.
    /// </summary>
    private static DossierView B1()
    {
        var b = new DossierBuilder();
        b.Ziek(D(2026, 10, 12));
        b.MentorAnswer(D(2026, 10, 14), reached: true).Gesprek(D(2026, 10, 26), GesprekOutcome.Ongeoorloofd);
        b.Do(new LeerplichtMeldingRecorded(b.NextId(), At(D(2026, 10, 27), 9), Zorg, LeerplichtMeldingReason.OngeoorloofdNaGesprek, "DUO-1"));
        b.Do(Judgement(b, D(2026, 11, 24), true));
        return View("B1", b);
    }

    /// <summary>
    /// Away since Mon 14 Sep, thuiszitter from Mon 12 Oct, passend aanbod started Mon 23 Nov (recorded 12:00, after the
    /// previous digest) without a beter-melding: 45 school days from the first day, 25 as thuiszitter.
    /// </summary>
    private static DossierView B2()
    {
        var b = new DossierBuilder();
        b.Ziek(D(2026, 9, 14));
        b.MentorAnswer(D(2026, 9, 16), reached: true).Gesprek(D(2026, 9, 22), GesprekOutcome.Monitoring);
        b.Do(Judgement(b, D(2026, 10, 13), true));
        b.Do(Checklist(b, D(2026, 10, 14), "Leerling gemeld bij het samenwerkingsverband als thuiszitter"));
        b.Do(new ReturnedToSchool(b.NextId(), At(D(2026, 11, 23), 12), Zorg, D(2026, 11, 23), PassendAanbod: true));
        return View("B2", b);
    }

    /// <summary>Away since Mon 28 Sep, thuiszitter from Mon 2 Nov, back Thu 26 Nov: 38 school days, 18 as thuiszitter.</summary>
    private static DossierView B3()
    {
        var b = new DossierBuilder();
        b.Ziek(D(2026, 9, 28));
        b.MentorAnswer(D(2026, 9, 30), reached: true).Gesprek(D(2026, 10, 6), GesprekOutcome.Monitoring);
        b.Do(Judgement(b, D(2026, 10, 27), true));
        b.Beter(D(2026, 11, 26));
        b.Do(Returned(b, D(2026, 11, 26), at: 9));
        return View("B3", b);
    }

    /// <summary>Sick 2–6 Nov (back 9 Nov); consult on 17 Nov without terugkoppeling: late since 24 Nov (5 school days, stap 5).</summary>
    private static DossierView B4()
    {
        var b = new DossierBuilder();
        b.SickPeriod(D(2026, 11, 2), D(2026, 11, 9));
        b.Gesprek(D(2026, 11, 9), GesprekOutcome.AdviesJeugdarts).Aanmelding(D(2026, 11, 10)).Consult(D(2026, 11, 12), D(2026, 11, 17));
        return View("B4", b);
    }

    private static DossierView View(string student, DossierBuilder builder) => DossierView.From(new StudentId(student), builder.Events);

    private static LeerplichtJudgementRecorded Judgement(DossierBuilder b, DateOnly on, bool ja) => new(b.NextId(), At(on, 10), Leerplicht, ja, null);

    private static ThuiszitterChecklistItemCompleted Checklist(DossierBuilder b, DateOnly on, string item) => new(b.NextId(), At(on, 11), Zorg, item);

    private static ReturnedToSchool Returned(DossierBuilder b, DateOnly on, int at) => new(b.NextId(), At(on, at), Zorg, on, PassendAanbod: false);

    private static VrijstellingStepRecorded Vrijstelling(DossierBuilder b, DateOnly on, VrijstellingStep step, bool? indefinite = null) =>
        new(b.NextId(), At(on, 9), Leerplicht, step, indefinite);
}
