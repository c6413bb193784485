using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.ThuiszitterRoute.ThuiszitterHarness;

namespace VerzuimBot.Tests.ThuiszitterRoute;

/// <summary>
/// Four weeks away for any reason (issue 8 item 2; 004 Werkwijzer voor de school punt 2, "ook wegens ziekte"), through
/// the real host: the receptie records "ongeoorloofd afwezig" once, the hours ladder climbs by itself (7 lesuren per
/// school day in profile utrecht-west-vo), and after four weeks leerplicht gets the judgement card. Real dates of
/// school year 2026-27, region midden: Mon 2 Nov to Fri 27 Nov are 20 school days, the judgement is due Mon 30 Nov.
/// </summary>
public sealed class FourWeeksAwayWithoutLeaveTests
{
    [Fact]
    public async Task AwayWithoutLeave_ClimbsTheLadder_AfterFourWeeksLeerplichtJudges_TheCaseIsType3_AndWeerAanwezigEndsIt()
    {
        await using var route = new RouteHarness();
        route.AddMember(Lotte);
        await route.SetClockAsync(At(2026, 11, 2, 9, 0));
        await route.EveryoneSaysHelloAsync(Rita, Zora, Vera, Lotte);

        // The receptie records it once; the answer says what follows if Daan stays away.
        var logged = Assert.Single(await route.SayAsync(Rita, "ongeoorloofd afwezig Daan 2b"));
        Assert.StartsWith("Vastgelegd: Daan de Vries (2b) ongeoorloofd afwezig vanaf maandag 2 november 2026. Elke schooldag telt als 7 lesuren, tot je \"weer aanwezig 123456\" typt.", logged, StringComparison.Ordinal);
        Assert.Contains("De trede van 6 uur van de verzuimladder is bereikt", logged, StringComparison.Ordinal);
        Assert.Contains("Blijft de leerling weg, dan op dinsdag 3 november 2026: de trede van 9 uur van de verzuimladder.", logged, StringComparison.Ordinal);
        Assert.Contains("Blijft de leerling weg, dan op woensdag 4 november 2026: signaalverzuim (21 uur binnen 4 lesweken; melden via het DUO-verzuimloket).", logged, StringComparison.Ordinal);
        Assert.Contains("Blijft de leerling weg, dan op maandag 30 november 2026: 4 weken afwezig; leerplicht krijgt de vraag \"thuiszitter volgens de definitie?\".", logged, StringComparison.Ordinal);
        Assert.Contains("al ongeoorloofd afwezig sinds maandag 2 november 2026. Er is niets veranderd.", Assert.Single(await route.SayAsync(Rita, "ongeoorloofd afwezig 123456")), StringComparison.Ordinal);

        // 004 Verzuimschema: the 6-hour rung now, the 9-hour DUO melding on Tuesday, the signaalverzuim melding on Wednesday.
        await route.WaitForCardAsync(Vera, "Verzuimladder 6 uur: Daan de Vries (2b)");
        await route.SetClockAsync(At(2026, 11, 3));
        await route.WaitForCardAsync(Vera, "Verzuimladder 9 uur: Daan de Vries (2b)");
        await route.SetClockAsync(At(2026, 11, 4));
        await route.WaitForCardAsync(Vera, "Signaalverzuim melden: Daan de Vries (2b)");

        // Fri 27 Nov: 20 school days, nothing for leerplicht yet. Mon 30 Nov 08:30: the leerplichtambtenaar of Utrecht judges.
        await route.SetClockAsync(At(2026, 11, 27));
        Assert.Equal(0, route.CountCards(Lotte, "Thuiszitter volgens de definitie?"));
        await route.SetClockAsync(At(2026, 11, 30));
        var card = await route.WaitForCardAsync(Lotte, "Thuiszitter volgens de definitie? Daan de Vries (2b)");
        var shown = Visible(card);
        Assert.Contains("ongeoorloofd", shown, StringComparison.Ordinal);
        Assert.Contains("21", shown, StringComparison.Ordinal); // Schooldagen afwezig
        Assert.Contains("type 3 (ongeoorloofd verzuim langere periode), geen kleurcode", shown, StringComparison.Ordinal);

        await route.SetClockAsync(At(2026, 11, 30, 10, 0));
        Assert.True((await route.PressAsync(Lotte, card, "thuiszitter.oordeel", title: "Ja, thuiszitter")).ReplacedCard);
        await route.WaitForCardAsync(Zora, "Leerplicht oordeelt: thuiszitter volgens de definitie");
        var caseCard = Visible(await route.CardReplyAsync(Zora, "thuiszitter 123456"));
        Assert.Contains("Type 3", caseCard, StringComparison.Ordinal);
        Assert.Contains("maandag 2 november 2026", caseCard, StringComparison.Ordinal);

        var rules = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo).Thuiszitter;
        Assert.NotNull((await route.DaanAsync()).OpenThuiszitterCase(rules));

        // Back on Mon 7 Dec: the period ends after 25 school days, and with it the case (he is at school again).
        await route.SetClockAsync(At(2026, 12, 7, 9, 0));
        var back = Assert.Single(await route.SayAsync(Rita, "weer aanwezig 123456"));
        Assert.StartsWith("Vastgelegd: Daan de Vries (2b) weer aanwezig vanaf maandag 7 december 2026, na 25 schooldagen ongeoorloofd afwezig.", back, StringComparison.Ordinal);
        var after = await route.DaanAsync();
        Assert.Null(after.OpenThuiszitterCase(rules));
        var period = Assert.Single(after.UnauthorisedPeriods);
        Assert.Equal((new DateOnly(2026, 11, 2), (DateOnly?)new DateOnly(2026, 12, 7)), (period.FirstDay, period.BackOn));
        Assert.All(after.Of<UnauthorisedAbsenceStarted>().Cast<DossierEvent>().Concat(after.Of<UnauthorisedAbsenceEnded>()), e => Assert.Equal(Role.Receptie, e.RecordedBy.Role));
        Assert.Contains("staat geen ongeoorloofde afwezigheid open", Assert.Single(await route.SayAsync(Rita, "weer aanwezig 123456")), StringComparison.Ordinal);
    }

    [Fact] // Parents call in sick after a week away without leave: the ziekmelding ends the ongeoorloofde afwezigheid from its first day, and says so.
    public async Task ZiekmeldingAfterAWeekAwayWithoutLeave_EndsIt_AndSaysSo()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(2026, 11, 2, 9, 0));
        await route.EveryoneSaysHelloAsync(Rita, Max, Vera);
        Assert.StartsWith("Vastgelegd:", Assert.Single(await route.SayAsync(Rita, "ongeoorloofd afwezig 123456")), StringComparison.Ordinal);

        await route.SetClockAsync(At(2026, 11, 9, 9, 0));
        await route.SayAsync(Rita, "ziek 123456");
        await route.SayAsync(Rita, "weet ik niet");
        await route.SayAsync(Rita, "nee");
        var saved = await route.SayAsync(Rita, "ja");
        Assert.Contains(saved, t => t.Contains("De ongeoorloofde afwezigheid sinds maandag 2 november 2026 telt vanaf maandag 9 november 2026 als ziekteverzuim.", StringComparison.Ordinal));
        Assert.Contains("staat geen ongeoorloofde afwezigheid open", Assert.Single(await route.SayAsync(Rita, "weer aanwezig 123456")), StringComparison.Ordinal);
    }

    [Fact] // A sick period still open: "ongeoorloofd afwezig" is refused with what to do, and nothing is stored.
    public async Task WhileSick_OngeoorloofdAfwezig_IsRefusedWithTheWayForward()
    {
        await using var route = await DaanSickFromAsync(new DateOnly(2026, 11, 2));
        var refused = Assert.Single(await route.SayAsync(Rita, "ongeoorloofd afwezig 123456"));
        Assert.Contains("is ziek gemeld sinds maandag 2 november 2026", refused, StringComparison.Ordinal);
        Assert.Contains("Typ eerst \"beter 123456\"", refused, StringComparison.Ordinal);
        Assert.EndsWith("Er is niets vastgelegd.", refused, StringComparison.Ordinal);

        Assert.Empty((await route.DaanAsync()).Of<UnauthorisedAbsenceStarted>());
    }
}
