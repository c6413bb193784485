using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Access.Audit;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Tests.Infrastructure;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.ThuiszitterRoute.ThuiszitterHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.SchoolLeave;

/// <summary>
/// Voortijdig schoolverlaten through the real host: 002 §2.2 type 7 "Na de middelbare school (VSV)", 002 §1.2 (the
/// kwalificatieplicht runs "tot de dag dat de jongere een startkwalificatie heeft gehaald"; "Een startkwalificatie is een
/// HAVO-, VWO-, of MBO-diploma") and 002 §8.1 (the SWV's monitoring; "Via het RBL is er zicht op de overige typen 1, 2, 3 en
/// 7"). Demo school 99DE00 (utrecht-west-vo, region midden); Daan de Vries (123456) is 17 here (born 1 Jun 2009), so
/// kwalificatieplichtig. He left on Monday 1 February 2027; the school records it on Wednesday 3 February.
/// </summary>
public sealed class VsvRouteTests
{
    private static readonly DateOnly Wednesday = D(2027, 2, 3);

    private static Task<RouteHarness> DaanOfSeventeenAsync(bool startkwalificatie) => DaanBornAsync(D(2009, 6, 1), startkwalificatie);

    private static async Task<RouteHarness> DaanBornAsync(DateOnly born, bool startkwalificatie)
    {
        var route = new RouteHarness();
        route.AddMember(Sanne);
        await route.SetClockAsync(At(Wednesday, 9));
        await route.SetRosterFactsAsync("123456", born, startkwalificatie);
        await route.EveryoneSaysHelloAsync(Rita, Vera, Sanne);
        return route;
    }

    /// <summary>The SWV's overview of its schools, as Sanne reads it in her chat.</summary>
    private static async Task<string> SwvOverviewAsync(RouteHarness route)
    {
        await route.SayAsync(Sanne, "overzicht");
        return Visible(await route.WaitForCardAsync(Sanne, "Overzicht thuiszitters en verzuim"));
    }

    [Fact] // 002 §2.2 type 7 "Na de middelbare school (VSV)", no colour code (codes only for 4-6); 002 §8.1: the SWV counts it per type.
    public async Task Vsv_RecordedByTheVerzuimcoordinator_IsType7_InTheSwvOverview_WithoutNamingHim()
    {
        await using var route = await DaanOfSeventeenAsync(startkwalificatie: false);

        // The receptie may not record it (domain.md §8: a change is for the role that owns it); nothing is stored.
        Assert.StartsWith("Dit mag alleen een verzuimcoördinator", await route.OnAsync(Wednesday, Rita, "vsv Daan 2b op 1-2"), StringComparison.Ordinal);
        Assert.Empty((await route.DaanAsync()).Of<LeftWithoutStartkwalificatie>());

        var said = await route.OnAsync(Wednesday, Vera, "vsv Daan 2b op 1-2");
        Assert.Equal("Vastgelegd: Daan de Vries (2b) vertrokken op maandag 1 februari 2027 zonder startkwalificatie: type 7 (na de middelbare school, VSV; 002 §2.2).", said);
        Assert.Equal("Daan de Vries (2b) staat al als vertrokken zonder startkwalificatie. Er is niets veranderd.", await route.OnAsync(Wednesday, Vera, "vsv 123456 op 1-2"));

        // One immutable fact: who, in which role, which day.
        var left = Assert.Single((await route.DaanAsync()).Of<LeftWithoutStartkwalificatie>());
        Assert.Equal((D(2027, 2, 1), new Actor(new StaffId(Vera.Upn), Role.Verzuimcoordinator, Vera.Name)), (left.LeftOn, left.RecordedBy));
        var trail = await route.App.Services.GetRequiredService<AuditTrail>().StudentTrailAsync("99DE00", route.StudentIdOf("123456").Value);
        Assert.Contains(trail, line => line.Contains("vertrek zonder startkwalificatie vastgelegd", StringComparison.Ordinal));

        // The SWV sees type 7 counted for the school; Daan is not reported to it as a thuiszitter, so he is not named (domain.md §8).
        var overview = await SwvOverviewAsync(route);
        Assert.Contains("1: 0 · 2: 0 · 3: 0 · 4: 0 · 5: 0 · 6: 0 · 7: 1", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("Daan", overview, StringComparison.Ordinal);
    }

    [Fact] // 002 §1.2: a HAVO-, VWO- or MBO-diploma is a startkwalificatie; who has one did not leave "zonder startkwalificatie" (002 §2.2 type 7).
    public async Task Vsv_TheRosterSaysHeHasAStartkwalificatie_NothingIsRecorded_NoType7()
    {
        await using var route = await DaanOfSeventeenAsync(startkwalificatie: true);

        var said = await route.OnAsync(Wednesday, Vera, "vsv Daan 2b op 1-2");
        Assert.Equal("Volgens de leerlingenlijst heeft Daan de Vries (2b) een startkwalificatie. Er is niets vastgelegd.", said);
        Assert.Empty((await route.DaanAsync()).Of<LeftWithoutStartkwalificatie>());
        Assert.Contains("6: 0 · 7: 0", await SwvOverviewAsync(route), StringComparison.Ordinal);
    }

    [Fact] // 002 §2.2 type 7 is "na de middelbare school"; 002 §1.1: the full leerplicht lasts to the end of the school year in which he turns 16; 002 §1.3: not enrolled anywhere is absoluut verzuim.
    public async Task Vsv_OfAThirteenYearOld_IsRefused_AbsoluutVerzuimForLeerplicht_NothingIsRecorded()
    {
        await using var route = await DaanBornAsync(D(2013, 6, 1), startkwalificatie: false);

        var said = await route.OnAsync(Wednesday, Vera, "vsv Daan 2b op 1-2");
        Assert.Equal(
            "Daan de Vries (2b) is op maandag 1 februari 2027 nog volledig leerplichtig (002 §1.1). Vertrekt een leerplichtige leerling zonder inschrijving op een andere school, "
            + "dan is dat absoluut verzuim (002 §1.3), geen vsv: meld het bij leerplicht. Er is niets vastgelegd.", said);
        Assert.Empty((await route.DaanAsync()).Of<LeftWithoutStartkwalificatie>());
        Assert.Contains("6: 0 · 7: 0", await SwvOverviewAsync(route), StringComparison.Ordinal);
    }
}
