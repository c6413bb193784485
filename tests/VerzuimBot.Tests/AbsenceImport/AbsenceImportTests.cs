using VerzuimBot.Domain.Dossier;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.AbsenceImport;

// Issue 22 items 1, 2 and 5: the synthetic exports of Magister, SOMtoday and ParnasSys (Exports/, fictional students of the demo
// school, region midden: herfstvakantie 17-25 Oct 2026) imported twice and with corrections; the ladder is 004 Verzuimschema.
public sealed class AbsenceImportTests
{
    private const string Magister = "magister-absenties-oktober.csv";

    [Fact]
    public async Task MagisterExport_ImportedTwice_RecordsEachKindOnce_AndTheSecondImportChangesNothing()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 9));

        var first = await route.ImportAsync(Magister, "magister");
        Assert.True(first.Imported, string.Join('\n', first.Lines()));
        Assert.Equal((35, 34, 0, 1), (first.RowsRead, first.New, first.Unchanged, first.Ignored));
        Assert.Equal(6, first.StudentsChanged);

        // Zoë: 3 + 2 + 4 + 2 lesuren ongeoorloofd (004: the rungs of 3, 6 and 9 uur are crossed by the import).
        var zoe = await route.TotalsAsync("124004", D(2026, 11, 2));
        Assert.Equal((11, 11), (zoe.HoursInYear, zoe.HoursInWindow));
        Assert.Contains(first.Crossed, c => c.Name == "Zoë de Boer" && c.What == "trede 9 uur van de verzuimladder");
        Assert.Equal(4, (await route.TotalsAsync("124001", D(2026, 11, 2))).LateInYear);
        var daan = Assert.Single((await route.DossierAsync("123456")).SickPeriods);
        Assert.Equal((D(2026, 10, 8), D(2026, 10, 12)), (daan.FirstDay, daan.BackOn!.Value));
        var schorsing = Assert.Single((await route.DossierAsync("124002")).Of<SchorsingRecorded>());
        Assert.Equal((D(2026, 10, 14), D(2026, 10, 15)), (schorsing.First, schorsing.Last));
        var sara = await route.DossierAsync("124003");
        Assert.True(Assert.Single(sara.Of<ExtraVerlofDecided>()).Granted);
        Assert.Contains(D(2026, 10, 27), AwaySpells.NoVerzuimDays(sara));
        Assert.Equal(1, Assert.Single((await route.DossierAsync("124005")).Of<AuthorisedAbsenceRecorded>()).Hours);
        Assert.Empty((await route.DossierAsync("123999")).Events); // "U" (uitgestuurd) is no absence

        var stored = (await route.StoredEventsAsync("124004")).Count;
        var second = await route.ImportAsync(Magister, "magister");
        Assert.Equal((0, 34, 0, 0, 0), (second.New, second.Unchanged, second.Corrected, second.StudentsChanged, second.FactsAdded));
        Assert.Empty(second.Crossed);
        Assert.Equal(stored, (await route.StoredEventsAsync("124004")).Count);
    }

    [Fact]
    public async Task MagisterExport_WithAChangedAndADeletedRegistration_BecomesCorrectionEvents_NeverAnOverwrite()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 9));
        await route.ImportAsync(Magister, "magister");

        var corrected = await route.ImportAsync("magister-absenties-oktober-gecorrigeerd.csv", "magister");
        Assert.Equal((1, 2, 1, 32), (corrected.New, corrected.Corrected, corrected.Deleted, corrected.Unchanged));

        // 900105 (7 Oct, lesuur 3) became "AFW-G": the day's 2 hours are retracted, 1 hour and a geoorloofd hour take their place.
        var events = await route.StoredEventsAsync("124004");
        var old = events.OfType<UnauthorisedHoursRecorded>().Single(h => h.Date == D(2026, 10, 7) && h.Hours == 2);
        var retraction = events.OfType<EventRetracted>().Single(r => r.Retracted == old.Id);
        Assert.Contains("Gewijzigd of verwijderd in het schoolsysteem", retraction.Reason, StringComparison.Ordinal);
        var zoe = await route.DossierAsync("124004");
        Assert.Equal(1, zoe.Of<UnauthorisedHoursRecorded>().Single(h => h.Date == D(2026, 10, 7)).Hours);
        Assert.Equal(AuthorisedAbsenceReason.DokterOfHulpverlening, Assert.Single(zoe.Of<AuthorisedAbsenceRecorded>()).Reason);
        Assert.Equal(10, (await route.TotalsAsync("124004", D(2026, 11, 2))).HoursInYear);

        // Emma's late arrival of 27 Oct was deleted in Magister: retracted, still in the dossier's history.
        Assert.Equal(3, (await route.TotalsAsync("124001", D(2026, 11, 2))).LateInYear);
        Assert.Contains(await route.StoredEventsAsync("124001"), e => e is LateArrivalRecorded { Date.Day: 27 });
        Assert.Equal(1, (await route.TotalsAsync("124005", D(2026, 11, 2))).HoursInYear);

        var again = await route.ImportAsync("magister-absenties-oktober-gecorrigeerd.csv", "magister");
        Assert.Equal((0, 0, 34), (again.New, again.StudentsChanged, again.Unchanged));
    }

    [Fact]
    public async Task SomTodayExport_MeldingenWithTimesAndSeveralDays_BecomeLesurenAndPeriods_TwiceAndCorrected()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 13), 16));

        var first = await route.ImportAsync("somtoday-absentiemeldingen-november.csv", "somtoday");
        Assert.True(first.Imported, string.Join('\n', first.Lines()));
        Assert.Equal((8, 1), (first.RowsRead, first.Ignored));
        var liam = Assert.Single((await route.DossierAsync("124005")).SickPeriods);
        Assert.Equal((D(2026, 11, 2), D(2026, 11, 5)), (liam.FirstDay, liam.BackOn!.Value));
        Assert.Equal(2, (await route.TotalsAsync("124003", D(2026, 11, 13))).HoursInYear); // 09:05-10:45 = lesuur 2 and 3
        Assert.Equal(1, (await route.TotalsAsync("124004", D(2026, 11, 13))).LateInYear);
        Assert.Equal(1, Assert.Single((await route.DossierAsync("124002")).Of<AuthorisedAbsenceRecorded>()).Hours);
        Assert.Single((await route.DossierAsync("123456")).Of<SchorsingRecorded>());
        Assert.Equal(7, (await route.TotalsAsync("123999", D(2026, 11, 13))).HoursInYear); // a whole day away: the profile's 7 lesuren

        var twice = await route.ImportAsync("somtoday-absentiemeldingen-november.csv", "somtoday");
        Assert.Equal((0, 0), (twice.New, twice.StudentsChanged));

        // The sick melding now runs to 5 Nov and Sara's melding was removed.
        var corrected = await route.ImportAsync("somtoday-absentiemeldingen-november-gecorrigeerd.csv", "somtoday");
        Assert.Equal((1, 1, 1), (corrected.New, corrected.Corrected, corrected.Deleted));
        var extended = Assert.Single((await route.DossierAsync("124005")).SickPeriods);
        Assert.Equal((D(2026, 11, 2), D(2026, 11, 6)), (extended.FirstDay, extended.BackOn!.Value));
        Assert.Contains(await route.StoredEventsAsync("124005"), e => e is EventRetracted);
        Assert.Equal(0, (await route.TotalsAsync("124003", D(2026, 11, 13))).HoursInYear);
    }

    [Fact]
    public async Task ParnasSysXlsx_DagdelenOfAPoSchool_BecomeHours_TwiceAndCorrected()
    {
        await using var route = new RouteHarness(PoSchool);
        await route.SetClockAsync(At(D(2026, 11, 11), 9));

        var first = await route.ImportAsync("parnassys-absenties-november.xlsx", "parnassys");
        Assert.True(first.Imported, string.Join('\n', first.Lines()));
        Assert.Equal((9, 8, 1), (first.RowsRead, first.New, first.Ignored));
        Assert.Equal(8, (await route.TotalsAsync("124004", D(2026, 11, 11))).HoursInYear); // 3 + 2 on 2 Nov, 3 on 3 Nov
        var emma = Assert.Single((await route.DossierAsync("124001")).SickPeriods);
        Assert.Equal((D(2026, 11, 4), D(2026, 11, 6)), (emma.FirstDay, emma.BackOn!.Value));
        Assert.Equal(2, Assert.Single((await route.DossierAsync("124003")).Of<AuthorisedAbsenceRecorded>()).Hours);

        Assert.Equal(0, (await route.ImportAsync("parnassys-absenties-november.xlsx", "parnassys")).StudentsChanged);

        // Without registration ids a row is known by its content: the removed morning is a deleted registration.
        var corrected = await route.ImportAsync("parnassys-absenties-november-gecorrigeerd.xlsx", "parnassys");
        Assert.Equal((0, 1, 1), (corrected.New, corrected.Corrected, corrected.Deleted));
        Assert.Equal(5, (await route.TotalsAsync("124004", D(2026, 11, 11))).HoursInYear);
    }

    [Fact]
    public async Task DryRun_ReportsWhatWouldChange_AndWritesNothing()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 9));

        var dry = await route.ImportAsync(Magister, "magister", dryRun: true);
        Assert.StartsWith("Proefimport, er is niets vastgelegd.", dry.Summary, StringComparison.Ordinal);
        Assert.Equal(34, dry.New);
        Assert.Contains(dry.Crossed, c => c.Name == "Zoë de Boer");
        Assert.Empty(await route.StoredEventsAsync("124004"));
        Assert.Equal(34, (await route.ImportAsync(Magister, "magister")).New); // the ledger was not written either
    }

    [Fact]
    public async Task AStudentsLedger_GoesWithAnErasureOnRequest_SoNoDayOfAbsenceStaysBehind()
    {
        // domain.md §8 / AVG: the ledger of registrations (days and kinds of absence) is data about the child like the dossier.
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 9));
        Assert.True((await route.ImportAsync(Magister, "magister")).Imported);
        var services = route.App.Services;
        var ledgers = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<VerzuimBot.Storage.AbsenceRegistrationStore>(services);
        var zoe = route.StudentIdOf("124004").Value;
        var daan = route.StudentIdOf("123456").Value;
        Assert.Contains(await ledgers.ReadYearAsync(AbsenceImportHarness.School, "2026-2027"), l => l.StudentId == zoe);

        var eraser = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<VerzuimBot.Access.Retention.StudentDataEraser>(services);
        var beheerder = new VerzuimBot.Access.Authorization.AccessActor("beheerder@demoschool.example.nl", Tenant, [new VerzuimBot.Access.Authorization.RoleGrant(Domain.Identity.Role.Beheerder, AbsenceImportHarness.School, VerzuimBot.Access.Tenants.OrganisationKind.School, VerzuimBot.Access.Authorization.RoleScope.Organisation, DateTimeOffset.MinValue)]);
        Assert.True((await eraser.EraseAsync(beheerder, AbsenceImportHarness.School, zoe)).Succeeded);

        var left = await ledgers.ReadYearAsync(AbsenceImportHarness.School, "2026-2027");
        Assert.DoesNotContain(left, l => l.StudentId == zoe);
        Assert.Contains(left, l => l.StudentId == daan);
    }
}
