using System.Text.Json;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.Chat;

/// <summary>
/// Issue 21 item 3: reminders due for one person on one morning come as one card, grouped per student in ladder order
/// (004 Verzuimschema, VO column: rungs 3 / 6 / 9 uur), each answerable on that card; a rung still open the next school
/// day is on that morning's overview, not a new card of its own. Dates: school year 2026-27, region midden.
/// </summary>
public sealed class MorningOverviewTests
{
    private const string Overview = "Je taken voor vandaag";

    [Fact]
    public async Task ThreeRungsDueAt0830_ComeAsOneCard_InLadderOrder_AndTheOpenOnesAreOnTheNextMorningsOverview_NotNewCards()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 7, 45));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        var welcomed = route.CardsOf(Vera).Count;

        // Mon 2 Nov, before the reminder hour: 9 hours in one go reach the rungs of 3, 6 and 9 hours (004, VO column).
        await route.SayAsync(Rita, "9 uur ongeoorloofd Daan 2b");
        await route.SetClockAsync(At(D(2026, 11, 2), 8, 30));
        var card = await route.WaitForCardAsync(Vera, Overview);
        await route.SettleAsync();
        Assert.Equal(welcomed + 1, route.CardsOf(Vera).Count);

        var text = Plain(card);
        Assert.Contains("Daan de Vries (2b)", text, StringComparison.Ordinal);
        Assert.Contains("3 taken open voor 1 leerling", text, StringComparison.Ordinal);
        int Where(string rung) => text.IndexOf($"Acties verzuimladder afvinken ({rung}", StringComparison.Ordinal);
        Assert.True(Where("3 uur") >= 0 && Where("3 uur") < Where("6 uur") && Where("6 uur") < Where("9 uur"), text);
        Assert.Equal(3, Items(card).Count);

        // Answered on the card itself: the answer replaces the card with the overview, the answer in the item's place.
        var three = await route.PressAsync(Vera, Item(card, "-3u"), "ladder.afvinken", Tick((0, null), (1, null)));
        Assert.True(three.ReplacedCard);
        Assert.Contains(Overview, three.Text, StringComparison.Ordinal);
        Assert.Contains("Verzuimladder 3 uur: alle acties gedaan.", three.Text, StringComparison.Ordinal);
        Assert.Contains("2 taken open voor 1 leerling", three.Text, StringComparison.Ordinal);
        Assert.Equal(2, Items(three.Value).Count);

        // A second item on the card as it is now: partly ticked, so it stays open with what is still to do.
        var six = await route.PressAsync(Vera, Item(three.Value, "-6u"), "ladder.afvinken", Tick((0, null)));
        Assert.Contains("Nog 2 open", six.Text, StringComparison.Ordinal);
        Assert.Contains(Overview, six.Text, StringComparison.Ordinal);

        // Teams' refresh when the card is opened again: the same overview as it is now, the 3-hour rung done.
        var refreshed = await route.PressAsync(Vera, card, "overzicht.vernieuwen", trigger: "automatic");
        Assert.Contains("Afgehandeld", refreshed.Text, StringComparison.Ordinal);
        Assert.Equal(2, Items(refreshed.Value).Count);

        // Tue 3 Nov 08:30: the two open rungs are on that morning's one card, marked as open since Monday; nothing else arrives.
        await route.SetClockAsync(At(D(2026, 11, 3), 8, 30));
        var tuesday = await route.WaitForCardAsync(Vera, Overview, skip: 1);
        await route.SettleAsync();
        Assert.Equal(welcomed + 2, route.CardsOf(Vera).Count);
        var open = Plain(tuesday);
        Assert.Contains("Staat nog open sinds maandag 2 november 2026", open, StringComparison.Ordinal);
        Assert.Contains("(6 uur", open, StringComparison.Ordinal);
        Assert.Contains("(9 uur", open, StringComparison.Ordinal);
        Assert.DoesNotContain("(3 uur", open, StringComparison.Ordinal);
        Assert.True(open.IndexOf("(6 uur", StringComparison.Ordinal) < open.IndexOf("(9 uur", StringComparison.Ordinal));

        // Everything ticked: the next morning brings no card at all.
        await route.PressAsync(Vera, Item(tuesday, "-6u"), "ladder.afvinken", Tick((1, null), (2, null)));
        var nine = await route.PressAsync(Vera, Item(tuesday, "-9u"), "ladder.afvinken", Tick((0, "DUO-2026-0001"), (1, null), (2, null)));
        Assert.Contains("0 taken open voor 1 leerling", nine.Text, StringComparison.Ordinal);
        await route.SetClockAsync(At(D(2026, 11, 4), 8, 30));
        await route.SettleAsync();
        Assert.Equal(welcomed + 2, route.CardsOf(Vera).Count);
    }

    [Fact] // domain.md §4: the signaalverzuim melding within 5 working days; on its last day the item is marked urgent.
    public async Task ALegalDeadlineToday_IsMarkedUrgent_OnTheOverview()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 10, 5), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        await route.OnAsync(D(2026, 10, 5), Rita, "4 uur ongeoorloofd 123456");
        await route.OnAsync(D(2026, 10, 8), Rita, "4 uur ongeoorloofd 123456");
        await route.OnAsync(D(2026, 10, 15), Rita, "4 uur ongeoorloofd 123456");
        await route.OnAsync(D(2026, 11, 4), Rita, "4 uur ongeoorloofd 123456");
        await route.WaitForCardAsync(Vera, "Signaalverzuim melden: Daan de Vries (2b)");
        Assert.DoesNotContain(route.CardsOf(Vera), c => Plain(c).Contains("Vandaag uiterste termijn", StringComparison.Ordinal));

        // Tue 10 Nov, the day before the deadline: warned with the open rungs on one card, not yet urgent.
        await route.SetClockAsync(At(D(2026, 11, 10), 8, 30));
        var warned = await route.WaitForCardAsync(Vera, "Termijn signaalverzuim loopt af");
        warned = route.CardsOf(Vera).Last();
        Assert.Contains(Overview, Plain(warned), StringComparison.Ordinal);
        Assert.DoesNotContain("Vandaag uiterste termijn", Plain(warned), StringComparison.Ordinal);

        // Wed 11 Nov is the last working day for the melding (5 working days after Wed 4 Nov): that item, and only that one, is urgent.
        await route.SetClockAsync(At(D(2026, 11, 11), 8, 30));
        await route.WaitForCardAsync(Vera, "Termijn signaalverzuim loopt af", skip: 1);
        var card = route.CardsOf(Vera).Last();
        Assert.Contains(Overview, Plain(card), StringComparison.Ordinal);
        var urgent = Assert.Single(ItemTexts(card), t => t.Contains("Vandaag uiterste termijn", StringComparison.Ordinal));
        Assert.Contains("Termijn melding signaalverzuim loopt af", urgent, StringComparison.Ordinal);
    }

    [Fact] // domain.md §6: a forged or forwarded overview shows only the presser's own tasks; one with none of theirs reveals nothing.
    public async Task SomeoneElsesOverview_PressedOrRefreshed_RevealsNothing()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 7, 45));
        await route.EveryoneSaysHelloAsync(Rita, Vera, Max);
        await route.SayAsync(Rita, "9 uur ongeoorloofd Daan 2b");
        await route.SetClockAsync(At(D(2026, 11, 2), 8, 30));
        var card = await route.WaitForCardAsync(Vera, Overview);

        foreach (var someone in new[] { Rita, Max, Stranger })
        {
            var refreshed = await route.PressAsync(someone, card, "overzicht.vernieuwen", trigger: "automatic");
            Assert.False(refreshed.ReplacedCard);
            Assert.DoesNotContain("Daan", refreshed.Text, StringComparison.Ordinal);
        }

        // Another school's student in a forged list: left out, as if it were not there.
        var forged = await route.PressAsync(Vera, card, "overzicht.vernieuwen", new() { ["overzicht"] = "11AA00|s-0000000000000000aaaa|s-0000000000000000aaaa/LadderRung/Verzuimcoordinator/2026-2027-3u" });
        Assert.Equal("Dit overzicht is niet (meer) voor jou. Typ \"taken\" voor wat er voor je open staat.", forged.Text);
        var garbage = await route.PressAsync(Vera, card, "overzicht.vernieuwen", new() { ["overzicht"] = "99DE00|<b>|x" });
        Assert.False(garbage.ReplacedCard);
    }

    private static List<JsonElement> Items(JsonElement card) => [.. OverviewItems(card)];

    /// <summary>The item card of the rung <paramref name="rung"/> ("-3u": the 3-hour rung, or a reminder of it, anchored "…-3u/day").</summary>
    private static JsonElement Item(JsonElement card, string rung) =>
        Assert.Single(Items(card), i => System.Text.RegularExpressions.Regex.IsMatch(i.GetRawText(), $"\"taak\":\"[^\"]*{rung}[\"/]"));

    /// <summary>Each task of the overview (the containers inside a student's container), as text.</summary>
    private static List<string> ItemTexts(JsonElement card) =>
        card.GetProperty("body").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "Container")
            .SelectMany(s => s.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Container"))
            .Select(Plain).ToList();
}
