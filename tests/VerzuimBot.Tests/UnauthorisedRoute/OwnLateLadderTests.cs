using System.Text.Json.Nodes;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Tests.Infrastructure;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.UnauthorisedRoute;

/// <summary>
/// Te laat komen through the real host. 004 Verzuimschema counts "Totaal aantal uren ongeoorloofd verzuim en/of te laat komen
/// per schooljaar" and puts beside "Te laat": "Registreert - 1 uur inhalen" (the shipped profiles: teLaat.keerPerUur 1, one late
/// arrival is one hour on the hours ladder); 004 Werkwijzer VO: melden "zodra een leerling 9 uur ... heeft verzuimd of te laat
/// gekomen is". A school may instead give late arrivals a ladder of its own (teLaat.ladder, in times late; issue 20 item 4):
/// then they climb only that one. The same week for both: Daan de Vries (123456) misses 2 hours on Monday 2 November 2026 and
/// is late Tuesday 3 to Friday 6 November (region midden, no holiday). The receptie (Rita) logs, the verzuimcoördinator (Vera) acts.
/// </summary>
public sealed class OwnLateLadderTests
{
    private const string TalkAboutIt = "Gesprek met de leerling over het te laat komen, afspraken vastgelegd";

    /// <summary>utrecht-west-vo with a late-arrival ladder of the school's own: 4 times late, then 8.</summary>
    private static OwnProfile SchoolWithItsOwnLateLadder() =>
        OwnProfile.Write("utrecht-west-vo", "eigen-te-laat", profile => profile["ongeoorloofd"]!["teLaat"] = JsonNode.Parse($$"""
            { "ladder": [
                { "keer": 4, "acties": ["{{TalkAboutIt}}"] },
                { "keer": 8, "acties": ["Ouders schriftelijk informeren over het te laat komen"] } ] }
            """));

    /// <summary>Monday's 2 hours and four late arrivals, Tuesday to Friday; the receptie's five answers in order.</summary>
    private static async Task<IReadOnlyList<string>> LogTheWeekAsync(RouteHarness route)
    {
        await route.SetClockAsync(At(D(2026, 11, 2), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        var said = new List<string> { await route.OnAsync(D(2026, 11, 2), Rita, "2 uur ongeoorloofd Daan 2b") };
        foreach (var day in new[] { 3, 4, 5, 6 })
        {
            said.Add(await route.OnAsync(D(2026, 11, day), Rita, "te laat 123456"));
        }

        Assert.StartsWith("Vastgelegd: Daan de Vries (2b) te laat op vrijdag 6 november 2026.", said[4], StringComparison.Ordinal);
        Assert.Contains("Dit schooljaar: 2 uur ongeoorloofd, 4 keer te laat.", said[4], StringComparison.Ordinal);
        return said;
    }

    [Fact] // 004 Verzuimschema "en/of te laat komen", with the school's own rungs in times late (issue 20 item 4): the 4th late arrival, not the 3rd hour.
    public async Task OwnLateLadder_TheFourthLateArrivalReachesItsOwnRung_TheHoursLadderStaysAt2()
    {
        using var profile = SchoolWithItsOwnLateLadder();
        await using var route = new RouteHarness(profile.ForDemoSchool);
        var said = await LogTheWeekAsync(route);

        // Monday to Thursday: 2 hours and 3 times late climb nothing (with one late arrival as one hour, Tuesday was the 3-hour rung).
        Assert.All(said.Take(4), s => Assert.DoesNotContain("trede", s, StringComparison.Ordinal));
        Assert.EndsWith("De trede van 4 keer te laat van de verzuimladder is bereikt: de verzuimcoördinator krijgt de acties als kaart.", said[4], StringComparison.Ordinal);

        var card = await route.WaitForCardAsync(Vera, "Verzuimladder 4 keer te laat: Daan de Vries (2b)");
        Assert.Contains("Daan heeft dit schooljaar 4 keer te laat: de trede van 4 keer te laat is bereikt", Text(card), StringComparison.Ordinal);
        Assert.Contains(TalkAboutIt, Text(card), StringComparison.Ordinal);
        Assert.Equal(0, route.CountCards(Vera, "Verzuimladder 3 uur"));

        var done = await route.PressAsync(Vera, card, "ladder.afvinken", Tick((0, null)));
        Assert.Contains("Verzuimladder 4 keer te laat: alle acties gedaan.", done.Text, StringComparison.Ordinal);
        var tick = Assert.Single((await route.DaanAsync()).Of<LadderActionCompleted>());
        Assert.Equal((4, TalkAboutIt, true, Role.Verzuimcoordinator), (tick.RungHours, tick.Action, tick.LateArrivals, tick.RecordedBy.Role));
    }

    [Fact] // 004 Verzuimschema, "Te laat: ... 1 uur inhalen" (profile utrecht-west-vo, keerPerUur 1): the same week climbs the hours ladder, 3 and 6 hours.
    public async Task ShippedProfile_TheSameWeek_ClimbsTheHoursLadder_NoLateRung()
    {
        await using var route = new RouteHarness();
        var said = await LogTheWeekAsync(route);

        Assert.Contains("De trede van 3 uur van de verzuimladder is bereikt", said[1], StringComparison.Ordinal); // 2 hours + the 1st late arrival
        Assert.Contains("De trede van 6 uur van de verzuimladder is bereikt", said[4], StringComparison.Ordinal); // 2 hours + 4 late arrivals
        Assert.All(said, s => Assert.DoesNotContain("keer te laat van de verzuimladder", s, StringComparison.Ordinal));
        // The card counts what climbs the ladder, so its number reaches the rung it names (it said "2 uur ongeoorloofd verzuim" before the fix).
        var six = Text(await route.WaitForCardAsync(Vera, "Verzuimladder 6 uur: Daan de Vries (2b)"));
        Assert.Contains("Daan heeft dit schooljaar 2 uur ongeoorloofd verzuim en 4 keer te laat, samen 6 uur op de verzuimladder: de trede van 6 uur is bereikt op vrijdag 6 november 2026.", six, StringComparison.Ordinal);
    }
}
