using VerzuimBot.Tests.SickRoute;
using VerzuimBot.Tests.ThuiszitterRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.Tasks;

/// <summary>
/// "taken" lists the work of the later routes too: a ladder rung of a student who is not sick (004 Verzuimschema),
/// and, for leerplicht (whose role covers gemeenten, not schools), the four-week judgement (004 Werkwijzer).
/// Also: a DUO melding ticked on the ladder reaches leerplicht, so leerplicht may then see the student (domain.md §8).
/// </summary>
public sealed class OpenTasksAcrossRoutesTests
{
    [Fact]
    public async Task Taken_ShowsTheVerzuimcoordinatorAnOpenLadderRung_OfAStudentWhoIsNotSick()
    {
        await using var route = new RouteHarness();
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        await route.OnAsync(D(2026, 11, 2), Rita, "3 uur ongeoorloofd Daan 2b");
        await route.WaitForCardAsync(Vera, "Verzuimladder 3 uur: Daan de Vries (2b)");

        await route.SayAsync(Vera, "taken");
        var list = Plain(await route.WaitForCardAsync(Vera, "Acties verzuimladder afvinken"));
        Assert.Contains("Daan de Vries (2b)", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taken_ShowsLeerplichtTheFourWeekJudgement_OfAStudentLivingInTheirGemeente()
    {
        // Daan (woongemeente Utrecht) sick from Mon 2 Nov 2026: the judgement is due Mon 30 Nov 2026.
        await using var route = await ThuiszitterHarness.DaanSickFromAsync(new DateOnly(2026, 11, 2));
        await route.SetClockAsync(ThuiszitterHarness.At(2026, 11, 30));
        await route.WaitForCardAsync(ThuiszitterHarness.Lotte, "Thuiszitter volgens de definitie?");

        await route.SayAsync(ThuiszitterHarness.Lotte, "taken");
        var list = Plain(await route.WaitForCardAsync(ThuiszitterHarness.Lotte, "als leerplichtambtenaar"));
        Assert.Contains("Thuiszitter volgens de definitie?", list, StringComparison.Ordinal);
        Assert.Contains("Daan de Vries (2b)", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADuoMeldingTickedOnTheLadder_LetsLeerplichtSeeTheStudent()
    {
        // 004 Verzuimschema: the 9-hour rung's DUO melding; before it leerplicht may not look (domain.md §8).
        await using var route = new RouteHarness();
        route.App.Connector.Members[ThuiszitterHarness.Lotte.TeamsId] = new { id = ThuiszitterHarness.Lotte.TeamsId, aadObjectId = ThuiszitterHarness.Lotte.Aad, userPrincipalName = ThuiszitterHarness.Lotte.Upn, name = ThuiszitterHarness.Lotte.Name };
        await route.EveryoneSaysHelloAsync(Rita, Vera, ThuiszitterHarness.Lotte);
        await route.OnAsync(D(2026, 11, 2), Rita, "9 uur ongeoorloofd Daan 2b");
        await route.SetClockAsync(At(D(2026, 11, 2), 10));
        Assert.Contains("Ik vind geen", Assert.Single(await route.SayAsync(ThuiszitterHarness.Lotte, "thuiszitter 123456")), StringComparison.Ordinal);

        var nine = await route.WaitForCardAsync(Vera, "Verzuimladder 9 uur");
        var text = Plain(nine);
        var duo = Enumerable.Range(0, 8).First(i => text.Contains($"kenmerk-{i}", StringComparison.Ordinal));
        await route.PressAsync(Vera, nine, "ladder.afvinken", Tick((duo, "DUO-2026-0042")));

        var shown = Plain(await route.CardReplyAsync(ThuiszitterHarness.Lotte, "thuiszitter 123456"));
        Assert.Contains("Daan de Vries (2b)", shown, StringComparison.Ordinal);
    }
}
