using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;
using Lotte = VerzuimBot.Tests.ThuiszitterRoute.ThuiszitterHarness;

namespace VerzuimBot.Tests.UnauthorisedRoute;

/// <summary>
/// Seed 004 "Verzuimschema PO en VO-scholen", last column (leerplichtambtenaar): the school's DUO melding at 9 hours
/// reaches leerplicht, who records "uitnodiging gesprek → officiële waarschuwing" on a card of its own (real dates,
/// school year 2026-27). Lotte is the leerplichtambtenaar of RBL-DEMO for Daan's woongemeente Utrecht.
/// </summary>
public sealed class LeerplichtColumnTests
{
    [Fact]
    public async Task NineHourMelding_LeerplichtGetsItsInterventions_OnlyLeerplichtTicksThem()
    {
        await using var route = new RouteHarness();
        var lotte = Lotte.Lotte;
        route.AddMember(lotte);
        await route.SetClockAsync(At(D(2026, 11, 2), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera, lotte);

        await route.OnAsync(D(2026, 11, 2), Rita, "9 uur ongeoorloofd 123456");
        var rung = await route.WaitForCardAsync(Vera, "Verzuimladder 9 uur: Daan de Vries (2b)");
        Assert.Equal(0, route.CountCards(lotte, "Melding verzuimloket"));
        await route.SetClockAsync(At(D(2026, 11, 2), 11));
        await route.PressAsync(Vera, rung, "ladder.afvinken", Tick((0, "DUO-2026-0042")));

        // The melding is in: leerplicht's card names the reference and the rung's interventions (004, last column).
        var card = await route.WaitForCardAsync(lotte, "Melding verzuimloket 9 uur: Daan de Vries (2b)");
        var shown = Lotte.Visible(card);
        Assert.Contains("kenmerk DUO-2026-0042", shown, StringComparison.Ordinal);
        Assert.Contains("Uitnodiging voor een gesprek", shown, StringComparison.Ordinal);
        Assert.Contains("Officiële waarschuwing", shown, StringComparison.Ordinal);

        // The verzuimcoördinator cannot tick leerplicht's side.
        var wrong = await route.PressAsync(Vera, card, "ladder.afvinken", Tick((0, null)));
        Assert.False(wrong.ReplacedCard);
        Assert.Contains("Dit mag alleen een leerplichtambtenaar", wrong.Text, StringComparison.Ordinal);

        await route.SetClockAsync(At(D(2026, 11, 5), 14));
        var invited = await route.PressAsync(lotte, card, "ladder.afvinken", Tick((0, null)));
        Assert.Contains("Vastgelegd: Uitnodiging voor een gesprek. Nog 1 open.", Lotte.Shown(invited), StringComparison.Ordinal);
        await route.SetClockAsync(At(D(2026, 11, 12), 14));
        var warned = await route.PressAsync(lotte, invited.Value, "ladder.afvinken", Tick((1, null)));
        Assert.True(warned.ReplacedCard);
        Assert.Contains("Verzuimladder 9 uur: alle acties van leerplicht gedaan.", Lotte.Shown(warned), StringComparison.Ordinal);
        Assert.Contains("Lotte Leerplicht (leerplichtambtenaar, RBL-DEMO)", Lotte.Shown(warned), StringComparison.Ordinal);

        var ticks = (await route.DaanAsync()).Of<LadderActionCompleted>().Where(t => t.RecordedBy.Role == Role.Leerplichtambtenaar).Select(t => t.Action);
        Assert.Equal(["Uitnodiging voor een gesprek", "Officiële waarschuwing"], ticks);
    }
}
