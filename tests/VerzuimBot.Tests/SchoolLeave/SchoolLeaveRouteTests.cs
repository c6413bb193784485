using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.ThuiszitterRoute.ThuiszitterHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.SchoolLeave;

/// <summary>
/// Issue 20 item 9 through the real host: the routes of 002 §1.3 besides illness. Extra verlof (asked ahead, at most 10 school
/// days, never the first two weeks; decided by the verzuimcoördinator for the directeur; refused and taken = luxeverzuim),
/// geoorloofd verzuim that never counts, and a schorsing reported to leerplicht. Demo school 99DE00, region midden.
/// </summary>
public sealed class SchoolLeaveRouteTests
{
    private static async Task<IReadOnlyList<DossierEvent>> DaansEventsAsync(RouteHarness route) =>
        (await route.App.Services.GetRequiredService<VerzuimBot.Protocol.Dossiers.DossierService>().ReadAsync("99DE00", route.StudentIdOf("123456"))).Events;

    [Fact] // 002 §1.3.1: asked Mon 8 Feb 2027 for Mon 1 - Fri 5 Mar (3 weeks ahead, the protocol asks 6): refused; 002 §1.3.2: taken anyway on 1 Mar = luxeverzuim.
    public async Task ExtraVerlof_AskedTooLate_Refused_TakenAnyway_IsLuxeverzuim_ToLeerplicht()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(2027, 2, 8, 9, 0));
        await route.EveryoneSaysHelloAsync(Rita, Vera);

        var said = await route.OnAsync(D(2027, 2, 8), Rita, "verlof aanvraag Daan 2b van 1-3 tot 5-3 reden beroep vader");
        Assert.StartsWith("Vastgelegd: aanvraag extra verlof voor Daan de Vries (2b) van maandag 1 maart 2027 tot en met vrijdag 5 maart 2027", said, StringComparison.Ordinal);
        var card = await route.WaitForCardAsync(Vera, "Extra verlof: Daan de Vries (2b)");
        Assert.Contains("Aangevraagd 3 weken van tevoren; het protocol vraagt minstens 6 weken.", Visible(card), StringComparison.Ordinal);

        // The receptie takes the request in, but may not decide on it (hostile press with a forged reason).
        Assert.Contains("Dit mag alleen een verzuimcoördinator", (await route.PressAsync(Rita, card, "verlof.afwijzen", new() { ["reden"] = "x" })).Shown(), StringComparison.Ordinal);
        Assert.Contains("Geef een toelichting bij het afwijzen", (await route.PressAsync(Vera, card, "verlof.afwijzen")).Shown(), StringComparison.Ordinal);
        var refused = await route.PressAsync(Vera, card, "verlof.afwijzen", new() { ["reden"] = "Niet zes weken van tevoren aangevraagd" });
        Assert.Contains("Extra verlof afgewezen", refused.Shown(), StringComparison.Ordinal);
        Assert.Contains("Al afgehandeld", (await route.PressAsync(Vera, card, "verlof.toekennen")).Shown(), StringComparison.Ordinal);

        // The first refused day: is Daan at school? No: luxeverzuim, which goes the existing way to leerplicht (002 §3).
        await route.SetClockAsync(At(2027, 3, 1, 8, 30));
        var check = await route.WaitForCardAsync(Vera, "Geweigerd verlof: Daan de Vries (2b)");
        Assert.Contains("Luxeverzuim vastgelegd", (await route.PressAsync(Vera, check, "verlof.genomen")).Shown(), StringComparison.Ordinal);
        await route.SetClockAsync(At(2027, 3, 1, 8, 40)); // the next sweep sends what the answer scheduled
        var melding = await route.WaitForCardAsync(Vera, "Melden bij leerplicht: Daan de Vries (2b)");
        Assert.Contains("Luxeverzuim (extra vakantie zonder verlof)", Visible(melding), StringComparison.Ordinal);
        Assert.Contains("Gemeld bij leerplicht", (await route.PressAsync(Vera, melding, "leerplicht.gemeld", new() { ["kenmerk"] = "DUO-L-1" })).Shown(), StringComparison.Ordinal);

        var events = await DaansEventsAsync(route);
        var luxe = Assert.Single(events.OfType<LuxeverzuimRecorded>());
        Assert.Equal((D(2027, 3, 1), D(2027, 3, 5)), (luxe.First, luxe.Last));
        Assert.False(Assert.Single(events.OfType<ExtraVerlofDecided>()).Granted);
    }

    [Fact] // 002 §1.3.1: asked Mon 11 Jan 2027 for 1-5 Mar (7 weeks ahead, 5 school days): nothing against it; granted, the days are no verzuim.
    public async Task ExtraVerlof_InTime_Granted_DaysAreNoVerzuim()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(2027, 1, 11, 9, 0));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        await route.OnAsync(D(2027, 1, 11), Rita, "verlof aanvraag 123456 van 1-3 tot 5-3 reden familiebezoek buitenland");
        var card = await route.WaitForCardAsync(Vera, "Extra verlof: Daan de Vries (2b)");
        Assert.DoesNotContain("spreekt tegen toekennen", Visible(card), StringComparison.Ordinal);
        // A forged payload pointing at another school reveals nothing and stores nothing.
        var forged = await route.PressAsync(Vera, card, "verlof.toekennen", new() { ["school"] = "12AB00" });
        Assert.Equal(VerzuimBot.CardActions.CardRefusals.Neutral, forged.Text);
        Assert.Empty((await DaansEventsAsync(route)).OfType<ExtraVerlofDecided>());
        Assert.Contains("Extra verlof toegekend", (await route.PressAsync(Vera, card, "verlof.toekennen")).Shown(), StringComparison.Ordinal);

        var logged = await route.OnAsync(D(2027, 3, 2), Rita, "3 uur ongeoorloofd 123456 op 1-3");
        Assert.StartsWith("Op maandag 1 maart 2027 is Daan de Vries (2b) geoorloofd afwezig", logged, StringComparison.Ordinal);
        Assert.Empty((await DaansEventsAsync(route)).OfType<UnauthorisedHoursRecorded>());
    }

    [Fact] // 002 §1.3.1: late on Mon 2 Nov 2026, and the day is then recorded as geoorloofd (dokter): that late arrival is no verzuim, so
           // Tuesday's reply counts one time late, not two, the same as the ladder (before, the totals counted it and the ladder did not).
    public async Task LateThenGeoorloofdTheSameDay_TheTotalsLeaveThatDayOut()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(2026, 11, 2, 9, 0));
        await route.EveryoneSaysHelloAsync(Rita);

        Assert.Contains("Dit schooljaar: 0 uur ongeoorloofd, 1 keer te laat.", await route.OnAsync(D(2026, 11, 2), Rita, "te laat 123456"), StringComparison.Ordinal);
        Assert.StartsWith("Vastgelegd: Daan de Vries (2b) geoorloofd afwezig op maandag 2 november 2026", await route.OnAsync(D(2026, 11, 2), Rita, "geoorloofd 123456 dokter op 2-11", hour: 11), StringComparison.Ordinal);

        var tuesday = await route.OnAsync(D(2026, 11, 3), Rita, "te laat 123456");
        Assert.Contains("Dit schooljaar: 0 uur ongeoorloofd, 1 keer te laat. Binnen 4 lesweken (signaalverzuim): 0 van 16 uur, 1 van 16 keer te laat.", tuesday, StringComparison.Ordinal);
    }

    [Fact] // 002 §1.3.1: a funeral (Tue 12 Jan 2027) is geoorloofd verzuim: recorded, never verzuim; a mentor may not record it.
    public async Task Geoorloofd_Begrafenis_NeverVerzuim_MentorRefused()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(2027, 1, 12, 9, 0));
        await route.EveryoneSaysHelloAsync(Rita, Max);

        Assert.Contains("Dit mag alleen een receptie of verzuimcoördinator", await route.OnAsync(D(2027, 1, 12), Max, "geoorloofd Daan 2b begrafenis op 12-1"), StringComparison.Ordinal);
        var said = await route.OnAsync(D(2027, 1, 12), Rita, "geoorloofd Daan 2b begrafenis op 12-1");
        Assert.Equal("Vastgelegd: Daan de Vries (2b) geoorloofd afwezig op dinsdag 12 januari 2027 (begrafenis). Dit telt niet als verzuim (002 §1.3.1).", said);
        Assert.Contains("geoorloofd afwezig", await route.OnAsync(D(2027, 1, 12), Rita, "te laat 123456"), StringComparison.Ordinal);

        var dokter = await route.OnAsync(D(2027, 1, 12), Rita, "geoorloofd 123456 dokter 2 uur op 14-1");
        Assert.Contains("op donderdag 14 januari 2027, 2 lesuren (dokter, tandarts of hulpverlening)", dokter, StringComparison.Ordinal);
        Assert.StartsWith("Zo leg je verlof, schorsing en geoorloofd verzuim vast", await route.OnAsync(D(2027, 1, 12), Rita, "verlof"), StringComparison.Ordinal);
    }

    [Fact] // 002 §1.3.1: a schorsing Mon 2 - Wed 4 Nov 2026; "ook hiervan moet Leerplicht op de hoogte worden gebracht": the school reports, leerplicht is informed.
    public async Task Schorsing_TheSchoolReports_LeerplichtIsInformed()
    {
        await using var route = new RouteHarness();
        route.AddMember(Lotte);
        await route.SetClockAsync(At(2026, 11, 2, 9, 0));
        await route.EveryoneSaysHelloAsync(Rita, Vera, Lotte);

        Assert.Contains("Dit mag alleen een verzuimcoördinator of zorgcoördinator", await route.OnAsync(D(2026, 11, 2), Rita, "schorsing Daan 2b van 2-11 tot 4-11"), StringComparison.Ordinal);
        var said = await route.OnAsync(D(2026, 11, 2), Vera, "schorsing Daan 2b van 2-11 tot 4-11");
        Assert.StartsWith("Vastgelegd: schorsing van Daan de Vries (2b) van maandag 2 november 2026 tot en met woensdag 4 november 2026.", said, StringComparison.Ordinal);

        var melding = await route.WaitForCardAsync(Vera, "Melden bij leerplicht: Daan de Vries (2b)");
        Assert.Contains("Deze leerling is geschorst", Visible(melding), StringComparison.Ordinal);
        Assert.Equal(0, route.CountCards(Lotte, "Schorsing gemeld"));
        Assert.Contains("Gemeld bij leerplicht", (await route.PressAsync(Vera, melding, "leerplicht.gemeld", new() { ["kenmerk"] = "LP-S-7" })).Shown(), StringComparison.Ordinal);
        await route.SetClockAsync(At(2026, 11, 2, 9, 10)); // the next sweep

        var notice = await route.WaitForCardAsync(Lotte, "Schorsing gemeld: Daan de Vries (2b)");
        Assert.Contains("LP-S-7", Visible(notice), StringComparison.Ordinal);
        Assert.Equal(LeerplichtMeldingReason.Schorsing, Assert.Single((await DaansEventsAsync(route)).OfType<LeerplichtMeldingRecorded>()).Reason);
    }
}
