using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.Chat;

/// <summary>
/// Issue 21 item 4: the rungs of the hours ladder (004 Verzuimschema, VO column: 3 / 6 / 9 / 12 uur) in ascending order in the
/// receptie's reply and on the verzuimcoördinator's card, which arrives as one card (so never in a random order). Mon 2 Nov 2026.
/// </summary>
public sealed class RungOrderTests
{
    [Fact]
    public async Task TwelveHoursOneMorning_RungsAscending_InTheReply_AndOnTheOneCard()
    {
        await using var route = new SickRoute.RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 7, 45));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        var before = route.CardsOf(Vera).Count;

        // Friday's 6 hours reach 3 and 6 (their card comes at once); today's 6 reach 9 and 12 (ordinal order put "12" first).
        await route.SayAsync(Rita, "6 uur ongeoorloofd Daan 2b op 30-10");
        var friday = Plain(await route.WaitForCardAsync(Vera, "Je taken voor vandaag"));
        AssertAscending(friday, "Verzuimladder {0}: Daan de Vries (2b)", "3 uur", "6 uur");
        var reply = Assert.Single(await route.SayAsync(Rita, "6 uur ongeoorloofd Daan 2b"));
        AssertAscending(reply, "De trede van {0} van de verzuimladder is bereikt", "9 uur", "12 uur");

        // 08:30: today's rungs on one card, ascending, and nothing else arrives.
        await route.SetClockAsync(At(D(2026, 11, 2), 8, 30));
        var card = Plain(await route.WaitForCardAsync(Vera, "Je taken voor vandaag", skip: 1));
        await route.SettleAsync();
        Assert.Equal(before + 2, route.CardsOf(Vera).Count);
        AssertAscending(card, "Acties verzuimladder afvinken ({0})", "9 uur", "12 uur");
        AssertAscending(card, "Verzuimladder {0}: Daan de Vries (2b)", "9 uur", "12 uur");
    }

    private static void AssertAscending(string text, string format, params string[] rungs)
    {
        var at = rungs.Select(rung => text.IndexOf(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, rung), StringComparison.Ordinal)).ToList();
        Assert.All(at, i => Assert.True(i >= 0, text));
        Assert.Equal(at.Order(), at);
    }
}
