using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// Issue 20 item 7: 002 §2.2 types 1-7 and codes (geel/oranje/rood only for types 4, 5 and 6); 002 §7: a vrijstelling "geldt in
// principe voor één jaar", after which it lapses, with a renewal reminder to leerplicht and the SWV.
public class ThuiszitterTypeScenarioTests : ScenarioBase
{
    private static readonly SchoolCalendar Midden = SchoolCalendar.ForRegion(HolidayRegion.Midden);
    private static readonly ProtocolProfile Profile = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo);
    private static readonly Actor Leerplicht = new(new StaffId("lp"), Role.Leerplichtambtenaar);

    [Fact] // 002 §2.2 type 7 "na de middelbare school (VSV)": left on Mon 1 Feb 2027 without a startkwalificatie; no colour code; back at school ends it.
    public void Type7_LeftWithoutStartkwalificatie_UntilBackAtSchool()
    {
        Dossier.Do(new LeftWithoutStartkwalificatie(Dossier.NextId(), At(D(2027, 2, 3), 10), Leerplicht, D(2027, 2, 1), "RBL"));
        Assert.Null(Dossier.View.ThuiszitterStatus(Midden, Profile, D(2027, 1, 29)));
        Assert.Equal((7, (ThuiszitterCode?)null), Dossier.View.ThuiszitterStatus(Midden, Profile, D(2027, 2, 8)));

        var digest = SwvDigestCalculator.Compute(new DigestRequest([new DigestSchool(new SchoolId("01AA00"), Profile, Midden, [Dossier.View])], At(D(2027, 2, 8), 10), null));
        Assert.Equal(1, digest.Total.PerType[7]);
        Assert.Equal(0, digest.Total.PerCode.Values.Sum());

        Dossier.Do(new ReturnedToSchool(Dossier.NextId(), At(D(2027, 3, 1), 9), Leerplicht, D(2027, 3, 1), PassendAanbod: true));
        Assert.Null(Dossier.View.ThuiszitterStatus(Midden, Profile, D(2027, 3, 2)));
    }

    [Theory] // 002 §2.2: codes only for types 4-6.
    [InlineData(1, null)]
    [InlineData(2, null)]
    [InlineData(3, null)]
    [InlineData(4, ThuiszitterCode.Geel)]
    [InlineData(5, ThuiszitterCode.Oranje)]
    [InlineData(6, ThuiszitterCode.Rood)]
    [InlineData(7, null)]
    public void CodeOf_OnlyTypesFourToSix(int type, ThuiszitterCode? code) => Assert.Equal(code, DossierView.CodeOf(type));

    [Fact] // 002 §7: granted Tue 1 Dec 2026 voor bepaalde tijd: type 1 until 30 Nov 2027; reminded 20 school days before (Wed 3 Nov 2027); lapsed on 1 Dec 2027.
    public void VrijstellingBepaaldeTijd_LapsesAfterOneYear_RenewalReminderToLeerplichtAndSwv()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Do(new VrijstellingStepRecorded(Dossier.NextId(), At(D(2026, 12, 1), 9), Leerplicht, VrijstellingStep.VrijstellingVerleend, false, "RBL"));
        Assert.Equal((1, (ThuiszitterCode?)null), Dossier.View.ThuiszitterStatus(Midden, Profile, D(2026, 12, 2)));

        var tasks = TasksAt(At(D(2026, 12, 1), 10)).Where(t => t.Kind == TaskKind.VrijstellingVerlenging).ToList();
        Assert.Equal([Role.Leerplichtambtenaar, Role.Swv], tasks.Select(t => t.Assignee).Order());
        Assert.All(tasks, t => Assert.Equal((AtHalfNine(D(2027, 11, 3)), "vervalt na 30-11-2027"), (t.DueAt, t.Detail)));

        Assert.Equal(1, Dossier.View.ThuiszitterStatus(Midden, Profile, D(2027, 11, 30))!.Value.Type);
        Assert.Equal((6, (ThuiszitterCode?)ThuiszitterCode.Rood), Dossier.View.ThuiszitterStatus(Midden, Profile, D(2027, 12, 1)));
        None(TasksAt(At(D(2027, 12, 1), 10)), TaskKind.VrijstellingVerlenging);

        // A new aanvraag stops the reminder.
        Dossier.Do(new VrijstellingStepRecorded(Dossier.NextId(), At(D(2027, 10, 4), 9), Leerplicht, VrijstellingStep.AanvraagOntvangen, null, "RBL"));
        None(TasksAt(At(D(2027, 10, 4), 10)), TaskKind.VrijstellingVerlenging);
    }

    [Fact] // 002 §7: "Vrijstelling kan voor de rest van het schooljaar zijn": the beschikking's own last day (31 Jul 2027) wins over the year.
    public void VrijstellingWithItsOwnLastDay_LapsesThen()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Do(new VrijstellingStepRecorded(Dossier.NextId(), At(D(2026, 12, 1), 9), Leerplicht, VrijstellingStep.VrijstellingVerleend, false, "RBL", Until: D(2027, 7, 31)));
        Assert.Equal(D(2027, 7, 31), Dossier.View.VrijstellingOn(D(2027, 7, 31), Profile.Thuiszitter)!.Until);
        Assert.Null(Dossier.View.VrijstellingOn(D(2027, 8, 1), Profile.Thuiszitter));
    }

    [Fact] // 002 §7: "voor onbepaalde tijd ... tot einde leerplicht": type 2 never lapses and asks for no renewal.
    public void VrijstellingOnbepaaldeTijd_NoRenewal()
    {
        Dossier.Ziek(D(2026, 11, 2));
        Dossier.Do(new VrijstellingStepRecorded(Dossier.NextId(), At(D(2026, 12, 1), 9), Leerplicht, VrijstellingStep.VrijstellingVerleend, true, "RBL"));
        Assert.Equal(2, Dossier.View.ThuiszitterStatus(Midden, Profile, D(2028, 6, 1))!.Value.Type);
        None(TasksAt(At(D(2026, 12, 1), 10)), TaskKind.VrijstellingVerlenging);
    }
}
