using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Beheer;

// issue 19 item 4: a kernpartner organisation works only for the schools and gemeenten configured for it, and only for
// schools that name it as their kernpartner. Hostile: a kernpartner's beheerder grants a scope beyond that, or a grant
// made before the bounds were configured reaches a student outside them.
public sealed class KernpartnerServiceAreaTests
{
    private static readonly TeamsUser Lotte = new("Lotte Leerplicht", "29:lotte", "aad-lotte", "lotte@rbl.example.nl");
    private static readonly TeamsUser Sanne = new("Sanne SWV", "29:sanne", "aad-sanne", "sanne@swv.example.nl");
    private static readonly DateTimeOffset FridayMorning = new(2026, 10, 9, 8, 0, 0, TimeSpan.FromHours(2));

    // appsettings.Demo.json: 0 = school 99DE00, 1 = RBL-DEMO (Utrecht, Zeist), 2 = GGD-DEMO and 3 = SWV-DEMO (school 99DE00).
    private static readonly Dictionary<string, string?> KernpartnerBeheerders = new()
    {
        ["Tenants:Organisations:1:Beheerders:0"] = Lotte.Upn,
        ["Tenants:Organisations:2:Beheerders:0"] = Jasper.Upn,
    };

    [Fact]
    public async Task RolToekennen_ScholenOrGemeentenOutsideTheServiceArea_IsRefusedInDutch_AndGrantsNothing()
    {
        await using var route = new RouteHarness(KernpartnerBeheerders);
        route.AddMember(Lotte);
        await route.EveryoneSaysHelloAsync(Jasper, Lotte);

        var otherSchool = string.Join('\n', await route.SayAsync(Jasper, "rol toekennen jeugdarts sam@elders.example.nl scholen 99DE00, 12AB00"));
        Assert.Contains("12AB00", otherSchool, StringComparison.Ordinal);
        Assert.Contains("valt buiten het werkgebied van GGD Demo", otherSchool, StringComparison.Ordinal);
        Assert.DoesNotContain(await route.SayAsync(Jasper, "rollen sam@elders.example.nl"), t => t.Contains("jeugdarts", StringComparison.Ordinal));

        var otherGemeente = string.Join('\n', await route.SayAsync(Lotte, "rol toekennen leerplichtambtenaar sam@elders.example.nl gemeenten Amersfoort"));
        Assert.Contains("valt buiten het werkgebied van Regionaal Bureau Leerplicht Demo", otherGemeente, StringComparison.Ordinal);
        Assert.DoesNotContain(await route.SayAsync(Lotte, "rollen sam@elders.example.nl"), t => t.Contains("leerplichtambtenaar", StringComparison.Ordinal));

        Assert.Contains(await route.SayAsync(Jasper, "rol toekennen jeugdarts sam@elders.example.nl scholen 99DE00"), t => t.Contains("heeft nu de rol jeugdarts", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Lotte, "rol toekennen leerplichtambtenaar sam@elders.example.nl gemeenten Zeist"), t => t.Contains("heeft nu de rol leerplichtambtenaar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JeugdartsWhoseGgdNoLongerServesTheSchool_GetsNoAanmelding_AndTheSchoolMailsTheGgdInstead()
    {
        // Jasper's grant "scholen:99DE00" was made earlier; now the GGD is configured for another school only.
        await using var route = new RouteHarness(new() { ["Demo:ShowOthersInMyChat"] = "false", ["Tenants:Organisations:2:Scholen:0"] = "12AB00" });
        await route.SetClockAsync(FridayMorning);
        await route.EveryoneSaysHelloAsync(Rita, Max, Zora, Vera, Jasper);
        await route.SayAsync(Rita, "ziek 123456");
        await route.SayAsync(Rita, "weet ik niet");
        await route.SayAsync(Rita, "nee");
        await route.SayAsync(Rita, "ja");
        await route.SetClockAsync(new DateTimeOffset(2026, 10, 16, 8, 30, 0, TimeSpan.FromHours(2)));
        var zorgwekkend = await route.WaitForCardAsync(Zora, "Zorgwekkend ziekteverzuim");
        await route.PressAsync(Zora, zorgwekkend, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-16", ["uitkomst"] = "advies-jeugdarts" });
        var form = await route.WaitForCardAsync(Zora, "Aanmelding maken");

        var sent = await route.PressAsync(Zora, form, "aanmelding.maken", new() { ["hulpvraag"] = "Wat kan Daan aan?", ["alGedaan"] = "Gesprek", ["besprokenOp"] = "2026-10-16" });

        Assert.Contains("ziekteverzuim@ggd.example.nl", sent.Text, StringComparison.Ordinal);
        await route.PressAsync(Zora, sent.Value, "aanmelding.verstuurd");

        // Referred now, yet not to him: his "taken" lists nothing of Daan, and no card about Daan reached him.
        await route.SayAsync(Jasper, "taken");
        Assert.NotEmpty(route.CardsOf(Jasper));
        Assert.Contains(route.CardsOf(Jasper), card => RouteHarness.Plain(card).Contains("Er staan geen taken voor je open.", StringComparison.Ordinal));
        Assert.Equal(0, route.CountCards(Jasper, "Daan de Vries"));
    }

    [Fact]
    public async Task SwvWhoseSchoolNoLongerNamesItAsKernpartner_SeesNoDigestOfThatSchool()
    {
        // The school's list of kernpartners no longer holds the SWV (only leerplicht and the GGD): Sanne's "scholen:99DE00" reaches nothing.
        await using var route = new RouteHarness(new()
        {
            ["Tenants:Organisations:0:Kernpartners:0"] = "RBL-DEMO",
            ["Tenants:Organisations:0:Kernpartners:1"] = "GGD-DEMO",
            ["Tenants:Organisations:0:Kernpartners:2"] = " ",
        });
        route.AddMember(Sanne);
        await route.SetClockAsync(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1)));
        await route.EveryoneSaysHelloAsync(Sanne);

        var answer = string.Join('\n', await route.SayAsync(Sanne, "overzicht"));
        Assert.Contains("nog geen scholen gekoppeld", answer, StringComparison.Ordinal);
        Assert.Equal(0, route.CountCards(Sanne, "Overzicht thuiszitters en verzuim"));
    }
}
