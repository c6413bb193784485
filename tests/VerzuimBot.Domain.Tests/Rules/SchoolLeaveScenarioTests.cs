using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// Issue 20 item 9, 002 §1.3: schorsing (reported to leerplicht), extra verlof (asked ahead, at most 10 school days once a year,
// never in the first two weeks, decided by the school; refused and taken = luxeverzuim) and other geoorloofd verzuim (never verzuim).
public class SchoolLeaveScenarioTests : ScenarioBase
{
    private static readonly Actor Coordinator = new(new StaffId("vc"), Role.Verzuimcoordinator);
    private static readonly SchoolCalendar Midden = SchoolCalendar.ForRegion(HolidayRegion.Midden);
    private static readonly ProtocolProfile Profile = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo);

    [Fact] // 002 §1.3.1: a schorsing Mon 2 - Wed 4 Nov 2026 is no verzuim, "maar ook hiervan moet Leerplicht op de hoogte worden gebracht".
    public void Schorsing_ReportedToLeerplicht_DaysAreNoVerzuim()
    {
        var schorsing = new SchorsingRecorded(Dossier.NextId(), At(D(2026, 11, 2), 9), Coordinator, D(2026, 11, 2), D(2026, 11, 4), "geweld");
        Dossier.Do(schorsing);
        Dossier.Hours(D(2026, 11, 3), 6); // logged by mistake on a day of the schorsing
        var tasks = TasksAt(At(D(2026, 11, 3), 11));
        Assert.Equal((Role.Verzuimcoordinator, schorsing.RecordedAt), (Single(tasks, TaskKind.SchorsingMelding).Assignee, Single(tasks, TaskKind.SchorsingMelding).DueAt));
        None(tasks, TaskKind.LadderRung);

        var melding = new LeerplichtMeldingRecorded(Dossier.NextId(), At(D(2026, 11, 3), 12), Coordinator, LeerplichtMeldingReason.Schorsing, "LP-S-1");
        Dossier.Do(melding);
        var informed = Single(TasksAt(At(D(2026, 11, 3), 13)), TaskKind.SchorsingGemeld, Role.Leerplichtambtenaar);
        Assert.Equal((melding.RecordedAt, "LP-S-1"), (informed.DueAt, informed.Detail));
        None(TasksAt(At(D(2026, 11, 3), 13)), TaskKind.SchorsingMelding);
        None(TasksAt(At(D(2026, 11, 5), 9)), TaskKind.SchorsingGemeld); // after the last day of the schorsing
    }

    [Fact] // 002 §1.3.1: asked Mon 11 Jan 2027 for Mon 1 - Fri 5 Mar 2027 (7 weeks ahead, 5 school days): nothing against it; the school decides.
    public void ExtraVerlof_InTime_NoProblems_TheSchoolDecides()
    {
        var request = Request(D(2027, 3, 1), D(2027, 3, 5), D(2027, 1, 11));
        Assert.Empty(ExtraVerlofCheck.Problems(request, Dossier.View, Midden, Profile.Verlof));
        Assert.Equal((Role.Verzuimcoordinator, request.RecordedAt), (Single(TasksAt(At(D(2027, 1, 11), 11)), TaskKind.ExtraVerlofBesluit).Assignee, request.RecordedAt));

        Dossier.Do(new ExtraVerlofDecided(Dossier.NextId(), At(D(2027, 1, 12), 10), Coordinator, request.Id, true, null));
        None(TasksAt(At(D(2027, 1, 12), 11)), TaskKind.ExtraVerlofBesluit);

        // Granted: the days are no verzuim even when someone logs them as ongeoorloofd afwezig.
        Dossier.Afwezig(D(2027, 3, 1));
        Dossier.WeerAanwezig(D(2027, 3, 8));
        Assert.Empty(AwaySpells.UnauthorisedHoursPerDay(Dossier.View, Midden, Profile.Unauthorised, D(2027, 3, 1), D(2027, 3, 7)));
    }

    [Theory] // 002 §1.3.1, each rule on its own, with real dates of school year 2026-2027 (midden: first school day Mon 31 Aug 2026).
    [InlineData(2027, 3, 1, 2027, 3, 5, 2027, 2, 8, "Aangevraagd 3 weken van tevoren; het protocol vraagt minstens 6 weken.")]
    [InlineData(2027, 3, 1, 2027, 3, 15, 2027, 1, 4, "Het zijn 11 schooldagen; extra verlof is hoogstens 10 schooldagen.")]
    [InlineData(2026, 9, 7, 2026, 9, 11, 2026, 7, 1, "Het verlof valt in de eerste twee weken van het schooljaar (t/m 11-09-2026); dan mag het nooit.")]
    [InlineData(2026, 10, 19, 2026, 10, 23, 2026, 8, 31, "In deze dagen valt geen schooldag: er is geen verlof nodig.")]
    public void ExtraVerlof_EachRule(int fy, int fm, int fd, int ly, int lm, int ld, int ry, int rm, int rd, string problem)
    {
        var request = Request(D(fy, fm, fd), D(ly, lm, ld), D(ry, rm, rd));
        Assert.Equal([problem], ExtraVerlofCheck.Problems(request, Dossier.View, Midden, Profile.Verlof));
    }

    [Fact] // 002 §1.3.1: "maar één keer per jaar": a second request in the same school year after one was granted.
    public void ExtraVerlof_OncePerSchoolYear()
    {
        var first = Request(D(2026, 11, 2), D(2026, 11, 6), D(2026, 9, 14));
        Dossier.Do(new ExtraVerlofDecided(Dossier.NextId(), At(D(2026, 9, 15), 10), Coordinator, first.Id, true, null));
        var second = Request(D(2027, 3, 1), D(2027, 3, 2), D(2027, 1, 11));
        Assert.Equal(["Dit schooljaar (2026-2027) is al eens extra verlof verleend; dat mag één keer per jaar."], ExtraVerlofCheck.Problems(second, Dossier.View, Midden, Profile.Verlof));
    }

    [Fact] // 002 §1.3.2: refused verlof (1-5 Mar 2027) that is taken is luxeverzuim: checked on the first refused day, the luxeverzuim goes the existing way.
    public void RefusedVerlof_CheckedOnTheFirstDay_TakenIsLuxeverzuim()
    {
        var request = Request(D(2027, 3, 1), D(2027, 3, 5), D(2027, 2, 8));
        Dossier.Do(new ExtraVerlofDecided(Dossier.NextId(), At(D(2027, 2, 9), 10), Coordinator, request.Id, false, "niet tijdig aangevraagd"));
        var check = Single(TasksAt(At(D(2027, 2, 9), 11)), TaskKind.GeweigerdVerlofControle, Role.Verzuimcoordinator);
        Assert.Equal((AtHalfNine(D(2027, 3, 1)), request.Id.Value), (check.DueAt, check.Anchor));

        Dossier.Do(new LuxeverzuimRecorded(Dossier.NextId(), At(D(2027, 3, 1), 10), Coordinator, D(2027, 3, 1), D(2027, 3, 5)));
        var after = TasksAt(At(D(2027, 3, 1), 11));
        None(after, TaskKind.GeweigerdVerlofControle);
        Assert.Equal("luxeverzuim", Single(after, TaskKind.MeldingLeerplicht).Detail);
    }

    [Fact] // 002 §1.3.2: the school records that the refused verlof was not taken: the check ends, nothing is reported.
    public void RefusedVerlof_NotTaken_CheckEnds()
    {
        var request = Request(D(2027, 3, 1), D(2027, 3, 5), D(2027, 2, 8));
        Dossier.Do(new ExtraVerlofDecided(Dossier.NextId(), At(D(2027, 2, 9), 10), Coordinator, request.Id, false, null));
        Dossier.Do(new KernpartnerDecisionRecorded(Dossier.NextId(), At(D(2027, 3, 1), 10), Coordinator, "99DE00", ProtocolEngine.RefusedVerlofQuestion(request.Id), "nee, op school", null));
        Assert.Empty(TasksAt(At(D(2027, 3, 1), 11)));
    }

    [Fact] // 002 §1.3.1: a funeral (Tue 12 Jan 2027) and a religious day are geoorloofd: never on the ladder, never four weeks away, no task.
    public void AuthorisedAbsence_NeverVerzuim()
    {
        Dossier.Do(new AuthorisedAbsenceRecorded(Dossier.NextId(), At(D(2027, 1, 11), 9), Coordinator, D(2027, 1, 12), D(2027, 1, 12), AuthorisedAbsenceReason.Begrafenis, null, null));
        Dossier.Hours(D(2027, 1, 12), 7);
        Assert.Empty(TasksAt(At(D(2027, 1, 12), 11)));
        Assert.Equal(0, Dossier.View.UnauthorisedHoursInSchoolYear(Midden, Profile.Unauthorised, D(2027, 1, 12)));
    }

    [Fact] // 002 §1.3.1: a day of schorsing is no verzuim, so a full day of hours logged on it (by mistake) is no day away without leave.
    public void Schorsing_FullDayLogged_NeitherStartsNorTaintsARunOfDaysAway()
    {
        Dossier.Do(new SchorsingRecorded(Dossier.NextId(), At(D(2026, 11, 30), 8), Coordinator, D(2026, 11, 30), D(2026, 11, 30), "geweld"));
        Dossier.Hours(D(2026, 11, 30), 7); // utrecht-west-vo: 7 lesuren is a full day
        Dossier.Ziek(D(2026, 12, 1));

        Assert.Null(AwaySpells.Current(Dossier.View, Midden, Profile.Unauthorised, D(2026, 11, 30)));
        var spell = AwaySpells.Current(Dossier.View, Midden, Profile.Unauthorised, D(2026, 12, 1))!;
        Assert.Equal((D(2026, 12, 1), true, false), (spell.FirstDay, spell.Sick, spell.Unauthorised));
    }

    private ExtraVerlofRequested Request(DateOnly first, DateOnly last, DateOnly requestedOn)
    {
        var request = new ExtraVerlofRequested(Dossier.NextId(), At(requestedOn, 10), new Actor(new StaffId("rec"), Role.Receptie), first, last, requestedOn, "beroep ouder");
        Dossier.Do(request);
        return request;
    }
}
