using VerzuimBot.Tables.Instrumentation;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Messages;

/// <summary>
/// Issue 17 item 4: the store round trips one turn costs, counted through the host's own table store (every call,
/// from the de-duplication mark to the last write). On Azure Table Storage each is a network round trip before
/// Teams sees an answer; the ceilings hold the write path to "read once, decide once, write once".
/// </summary>
public sealed class StoreRoundTripTests
{
    private static readonly DateTimeOffset FridayMorning = new(2026, 10, 9, 8, 0, 0, TimeSpan.FromHours(2));

    private static async Task<RouteHarness> StartAsync()
    {
        var route = new RouteHarness();
        // The counting scope must reach the request (TestServer starts each request in a fresh execution context otherwise).
        route.App.Server.PreserveExecutionContext = true;
        await route.SetClockAsync(FridayMorning);
        await route.EveryoneSaysHelloAsync(Rita, Max, Zora);
        return route;
    }

    [Fact]
    public async Task AHelpTurn_TakesAtMostTwoRoundTrips()
    {
        await using var route = await StartAsync();
        var cards = route.CardsOf(Rita).Count;
        using var turn = TableCallCounter.Begin();
        await route.SayAsync(Rita, "help");
        Assert.True(turn.RoundTrips <= 2, turn.ToString());
        Assert.Equal(cards + 1, route.CardsOf(Rita).Count); // the help card was answered
    }

    [Fact]
    public async Task TheJaThatCompletesAZiekmelding_TakesAtMostSixRoundTrips_OfWhichThreeWrites()
    {
        await using var route = await StartAsync();
        await route.SayAsync(Rita, "ziek 123456");
        await route.SayAsync(Rita, "weet ik niet");
        await route.SayAsync(Rita, "nee");

        using var turn = TableCallCounter.Begin();
        Assert.Contains(await route.SayAsync(Rita, "ja"), t => t.StartsWith("Ziekmelding opgeslagen", StringComparison.Ordinal));
        Assert.True(turn.RoundTrips <= 6, turn.ToString());
        Assert.True(turn.Writes <= 3, turn.ToString());

        // Nothing was skipped to get there: the fact and its tasks are stored, and the mentor gets the card.
        Assert.NotNull((await route.DaanAsync()).CurrentSickPeriod);
        await route.WaitForCardAsync(Max, "Daan de Vries");
    }

    [Fact]
    public async Task TheQuickFormThatStoresAZiekmelding_TakesAtMostSixRoundTrips_OfWhichThreeWrites()
    {
        await using var route = await StartAsync();
        await route.SayAsync(Rita, "ziekmelding formulier");
        var form = route.CardsOf(Rita).Last(c => c.GetRawText().Contains("ziekmelding.opslaan", StringComparison.Ordinal));

        PressResult pressed;
        using (var turn = TableCallCounter.Begin())
        {
            pressed = await route.PressAsync(Rita, form, "ziekmelding.opslaan", new() { ["leerling"] = "123456", ["eersteDag"] = "2026-10-09", ["terug"] = string.Empty, ["ouderBeltMentor"] = "ja" });
            Assert.True(turn.RoundTrips <= 6, turn.ToString());
            Assert.True(turn.Writes <= 3, turn.ToString());
        }

        Assert.Contains("Ziekmelding opgeslagen", pressed.Text, StringComparison.Ordinal);
        Assert.NotNull((await route.DaanAsync()).CurrentSickPeriod);
    }

    [Fact]
    public async Task ACardAnswer_TakesAtMostSixRoundTrips()
    {
        await using var route = await StartAsync();
        foreach (var answer in new[] { "ziek 123456", "weet ik niet", "nee", "ja" })
        {
            await route.SayAsync(Rita, answer);
        }

        // 002 Bijlage 1 stap 1: the mentor's contact reminder falls due on the second school day (Tuesday 13 October).
        await route.SetClockAsync(new DateTimeOffset(2026, 10, 13, 8, 30, 0, TimeSpan.FromHours(2)));
        var reminder = await route.WaitForCardAsync(Max, "Neem contact op");

        PressResult pressed;
        using (var turn = TableCallCounter.Begin())
        {
            pressed = await route.PressAsync(Max, reminder, "mentorcontact.opslaan", title: "Niet bereikt");
            Assert.True(turn.RoundTrips <= 6, turn.ToString());
        }

        Assert.Contains("Niet bereikt", pressed.Text, StringComparison.Ordinal);
        Assert.Single((await route.DaanAsync()).Events.OfType<Domain.Dossier.MentorContactRecorded>());
    }
}
