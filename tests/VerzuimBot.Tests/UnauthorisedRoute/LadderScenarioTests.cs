using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.UnauthorisedRoute;

/// <summary>
/// The hours ladder through the real host (issue 8 item 1): seed 004 "Verzuimschema PO en VO-scholen",
/// 002 §3 (signaalverzuim, luxeverzuim) and domain.md §4 (the legal clock), with real dates of school
/// year 2026-27, region midden (herfstvakantie 17-25 oct 2026, kerstvakantie 19 dec 2026 - 3 jan 2027).
/// The receptie (Rita) logs by chat; the verzuimcoördinator (Vera) ticks off the cards.
/// </summary>
public sealed class LadderScenarioTests
{
    private static async Task<IReadOnlyList<DossierEvent>> DaansDossierAsync(RouteHarness route)
    {
        var dossiers = route.App.Services.GetRequiredService<VerzuimBot.Protocol.Dossiers.DossierService>();
        var daan = route.StudentIdOf("123456");
        return (await dossiers.ReadAsync("99DE00", daan)).Events;
    }

    [Fact] // 004 Verzuimschema, VO column: every rung 3 / 6 / 9 / 12 / ≥16, ticked off; the DUO meldingen carry their reference.
    public async Task VoLadder_EveryRung_IsACardToTickOff_AndTheDuoMeldingenRecordWhoAndTheReference()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera);

        // 3 hours (Mon 2 Nov): ouders schriftelijk informeren, brief getekend retour.
        var logged = await route.OnAsync(D(2026, 11, 2), Rita, "3 uur ongeoorloofd Daan 2b");
        Assert.StartsWith("Vastgelegd: 3 uur ongeoorloofd verzuim van Daan de Vries (2b) op maandag 2 november 2026.", logged, StringComparison.Ordinal);
        Assert.Contains("Dit schooljaar: 3 uur ongeoorloofd, 0 keer te laat. Binnen 4 lesweken (signaalverzuim): 3 van 16 uur, 0 van 16 keer te laat.", logged, StringComparison.Ordinal);
        Assert.Contains("De trede van 3 uur van de verzuimladder is bereikt", logged, StringComparison.Ordinal);
        var three = await route.WaitForCardAsync(Vera, "Verzuimladder 3 uur: Daan de Vries (2b)");
        Assert.Contains("Ouders schriftelijk informeren", Text(three), StringComparison.Ordinal);
        var threeDone = await route.PressAsync(Vera, three, "ladder.afvinken", Tick((0, null), (1, null)));
        Assert.True(threeDone.ReplacedCard);
        Assert.Contains("Verzuimladder 3 uur: alle acties gedaan.", threeDone.Text, StringComparison.Ordinal);

        // 6 hours (Tue 3 Nov): gesprek, afspraken, waarschuwing. Ticking one refreshes the card with what is still open.
        Assert.Contains("De trede van 6 uur", await route.OnAsync(D(2026, 11, 3), Rita, "ongeoorloofd 3 uur 123456"), StringComparison.Ordinal);
        var six = await route.WaitForCardAsync(Vera, "Verzuimladder 6 uur");
        var partly = await route.PressAsync(Vera, six, "ladder.afvinken", Tick((0, null)));
        Assert.True(partly.ReplacedCard);
        Assert.Contains("Vastgelegd: Gesprek met ouders gevoerd. Nog 2 open.", partly.Text, StringComparison.Ordinal);
        Assert.Contains("Al gedaan", partly.Text, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"actie-1\"", partly.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\":\"actie-0\"", partly.Text, StringComparison.Ordinal);
        Assert.Contains("alle acties gedaan", (await route.PressAsync(Vera, partly.Value, "ladder.afvinken", Tick((1, null), (2, null)))).Text, StringComparison.Ordinal);

        // 9 hours (Wed 4 Nov): DUO-verzuimloket 1e melding needs its reference; without it nothing is stored.
        await route.OnAsync(D(2026, 11, 4), Rita, "3 uur ongeoorloofd 123456");
        var nine = await route.WaitForCardAsync(Vera, "Verzuimladder 9 uur");
        Assert.Contains("VerzuimBot meldt niet zelf bij DUO", Text(nine), StringComparison.Ordinal);
        var noReference = await route.PressAsync(Vera, nine, "ladder.afvinken", Tick((0, null), (1, null), (2, null)));
        Assert.Contains("Vul het referentienummer van de melding in bij", noReference.Text, StringComparison.Ordinal);
        Assert.Contains("Er is niets vastgelegd.", noReference.Text, StringComparison.Ordinal);
        var nineDone = await route.PressAsync(Vera, noReference.Value, "ladder.afvinken", Tick((0, "DUO-2026-0001"), (1, null), (2, null)));
        Assert.Contains("kenmerk DUO-2026-0001", nineDone.Text, StringComparison.Ordinal);

        // 12 hours (Thu 5 Nov): DUO 2e melding; and 12 of 16 within 4 school weeks: the warning before the line (domain.md §4).
        var twelve = await route.OnAsync(D(2026, 11, 5), Rita, "3 uur ongeoorloofd 123456");
        Assert.Contains("Let op, bijna signaalverzuim: 12 van 16 uur, nog 16 schooldagen in dit venster.", twelve, StringComparison.Ordinal);
        Assert.Contains("Bij 16 uur (of 16 keer te laat) binnen 4 lesweken", Text(await route.WaitForCardAsync(Vera, "Bijna signaalverzuim: Daan de Vries (2b)")), StringComparison.Ordinal);
        var twelveCard = await route.WaitForCardAsync(Vera, "Verzuimladder 12 uur");
        Assert.Contains("alle acties gedaan", (await route.PressAsync(Vera, twelveCard, "ladder.afvinken", Tick((0, "DUO-2026-0002"), (1, null)))).Text, StringComparison.Ordinal);

        // ≥16 (Mon 9 Nov), within 4 school weeks: DUO 3e melding, legally required — one melding for the rung and the signaalverzuim.
        var sixteen = await route.OnAsync(D(2026, 11, 9), Rita, "4 uur ongeoorloofd 123456");
        Assert.Contains("Signaalverzuim: 16 uur binnen 4 lesweken; melden via het DUO-verzuimloket.", sixteen, StringComparison.Ordinal);
        var signaal = await route.WaitForCardAsync(Vera, "Signaalverzuim melden: Daan de Vries (2b)");
        Assert.Contains("uiterlijk maandag 16 november 2026 (5 werkdagen na maandag 9 november 2026, die dag niet meegeteld)", Text(signaal), StringComparison.Ordinal);
        var rung16 = await route.WaitForCardAsync(Vera, "Verzuimladder 16 uur");
        Assert.Contains("lesweken: de melding is ook wettelijk verplicht (signaalverzuim", Text(rung16), StringComparison.Ordinal); // issue 20: within 4 lesweken
        var rung16Done = await route.PressAsync(Vera, rung16, "ladder.afvinken", Tick((0, "DUO-2026-0003"), (1, null)));
        Assert.Contains("alle acties gedaan. Deze melding geldt ook als melding van het signaalverzuim.", rung16Done.Text, StringComparison.Ordinal);
        var signaalAgain = await route.PressAsync(Vera, signaal, "signaalverzuim.gemeld", new() { ["kenmerk"] = "DUO-2026-9999" });
        Assert.Contains("Al afgehandeld: signaalverzuim gemeld", signaalAgain.Text, StringComparison.Ordinal);
        Assert.Contains("DUO-2026-0003", signaalAgain.Text, StringComparison.Ordinal);

        // Reported in time: no deadline card on the 5th working day.
        await route.SetClockAsync(At(D(2026, 11, 13), 8, 30));
        Assert.Equal(0, route.CountCards(Vera, "Termijn signaalverzuim"));

        // Every tick is an immutable event: who, in which role, when, and the reference (the bot filed nothing itself).
        var events = await DaansDossierAsync(route);
        var ticks = events.OfType<LadderActionCompleted>().ToList();
        Assert.Equal(2 + 3 + 3 + 2 + 2, ticks.Count);
        Assert.All(ticks, t => Assert.Equal(new Actor(new StaffId(Vera.Upn), Role.Verzuimcoordinator, Vera.Name), t.RecordedBy));
        Assert.Equal(["DUO-2026-0001", "DUO-2026-0002", "DUO-2026-0003"], ticks.Where(t => t.DuoReference is not null).Select(t => t.DuoReference));
        Assert.Equal("DUO-2026-0003", Assert.Single(events.OfType<SignaalverzuimReported>()).DuoReference);
        Assert.All(events.OfType<UnauthorisedHoursRecorded>(), h => Assert.Equal(Role.Receptie, h.RecordedBy.Role));
    }

    [Fact] // 004 Verzuimschema, PO column: no rungs at 3/6/9/12; at ≥16 in the school year the school reports directly to leerplicht.
    public async Task PoLadder_NoRungBeforeSixteen_ThenTheSixteenRung_ReportsDirectlyToTheLeerplichtambtenaar()
    {
        await using var route = new RouteHarness(PoSchool);
        await route.SetClockAsync(At(D(2026, 9, 7), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera);

        Assert.DoesNotContain("trede", await route.OnAsync(D(2026, 9, 7), Rita, "5 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        Assert.DoesNotContain("trede", await route.OnAsync(D(2026, 10, 5), Rita, "5 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        Assert.DoesNotContain("trede", await route.OnAsync(D(2026, 11, 2), Rita, "5 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        var sixteen = await route.OnAsync(D(2026, 11, 3), Rita, "1 uur ongeoorloofd 123456");
        Assert.Contains("Dit schooljaar: 16 uur ongeoorloofd", sixteen, StringComparison.Ordinal);
        Assert.Contains("De trede van 16 uur van de verzuimladder is bereikt", sixteen, StringComparison.Ordinal);
        Assert.DoesNotContain("Signaalverzuim:", sixteen, StringComparison.Ordinal); // 11 hours within 4 school weeks

        Assert.Equal(0, route.CountCards(Vera, "Verzuimladder 3 uur") + route.CountCards(Vera, "Verzuimladder 9 uur"));
        var card = await route.WaitForCardAsync(Vera, "Verzuimladder 16 uur: Daan de Vries (2b)");
        Assert.Contains("Verzuim voor het eerst rechtstreeks gemeld bij de leerplichtambtenaar van de woongemeente", Text(card), StringComparison.Ordinal);
        Assert.Contains("meld rechtstreeks bij de leerplichtambtenaar van de woongemeente (leerplicht@rbl.example.nl)", Text(card), StringComparison.Ordinal);
        var done = await route.PressAsync(Vera, card, "ladder.afvinken", Tick((0, "LP-2026-17"), (1, null)));
        Assert.Contains("Verzuimladder 16 uur: alle acties gedaan.", done.Text, StringComparison.Ordinal);
        Assert.Contains("kenmerk LP-2026-17", done.Text, StringComparison.Ordinal);
    }

    [Fact] // 002 §3 and 004 PO column: 16 hours within 4 school weeks, PO reports straight to leerplicht; the one melding also ticks the ≥16 rung.
    public async Task PoSignaalverzuim_SixteenHoursInFourDays_ReportedDirectly_AndTheRungsMeldingIsTickedWithTheSameReference()
    {
        await using var route = new RouteHarness(PoSchool);
        await route.SetClockAsync(At(D(2026, 11, 9), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        foreach (var day in new[] { 9, 10, 11, 12 })
        {
            await route.OnAsync(D(2026, 11, day), Rita, "4 uur ongeoorloofd 123456");
        }

        var signaal = await route.WaitForCardAsync(Vera, "Signaalverzuim melden: Daan de Vries (2b)");
        Assert.Contains("Meld rechtstreeks bij de leerplichtambtenaar", Text(signaal), StringComparison.Ordinal);
        Assert.Contains("Dit mag alleen een verzuimcoördinator of zorgcoördinator", (await route.PressAsync(Rita, signaal, "signaalverzuim.gemeld", new() { ["kenmerk"] = "X" })).Text, StringComparison.Ordinal);
        Assert.Contains("Vul het referentienummer", (await route.PressAsync(Vera, signaal, "signaalverzuim.gemeld")).Text, StringComparison.Ordinal);
        var reported = await route.PressAsync(Vera, signaal, "signaalverzuim.gemeld", new() { ["kenmerk"] = "LP-2026-18" });
        Assert.Contains("Signaalverzuim gemeld", reported.Text, StringComparison.Ordinal);
        Assert.Contains("Verzuim voor het eerst rechtstreeks gemeld bij de leerplichtambtenaar van de woongemeente, met kenmerk (trede 16 uur)", reported.Text, StringComparison.Ordinal);

        // The rung card now only asks what is still open.
        var rung = await route.WaitForCardAsync(Vera, "Verzuimladder 16 uur");
        var done = await route.PressAsync(Vera, rung, "ladder.afvinken", Tick((1, null)));
        Assert.Contains("alle acties gedaan", done.Text, StringComparison.Ordinal);
        Assert.Contains("kenmerk LP-2026-18", done.Text, StringComparison.Ordinal);

        // A new window starts after the melding (domain.md §4).
        Assert.Contains("Binnen 4 lesweken (signaalverzuim): 2 van 16 uur", await route.OnAsync(D(2026, 11, 13), Rita, "2 uur ongeoorloofd 123456"), StringComparison.Ordinal);
    }

    [Fact] // 002 §3 ("4 aaneengesloten schoolweken"), domain.md §4: the window counts lesweken; the herfstvakantie week (17-25 Oct 2026, midden) does not count.
    public async Task Signaalverzuim_SixteenHoursInFourLesweken_AcrossTheHerfstvakantie_Melding_DeadlineFiveWorkingDaysAfter_WarnedTheDayBefore()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 10, 5), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        await route.OnAsync(D(2026, 10, 5), Rita, "4 uur ongeoorloofd 123456");
        await route.OnAsync(D(2026, 10, 8), Rita, "4 uur ongeoorloofd 123456");
        await route.OnAsync(D(2026, 10, 15), Rita, "4 uur ongeoorloofd 123456");

        // Lesweken of 5 Oct, 12 Oct, 26 Oct and 2 Nov: Wed 4 Nov is still in the 4th.
        var reached = await route.OnAsync(D(2026, 11, 4), Rita, "4 uur ongeoorloofd 123456");
        Assert.Contains("Signaalverzuim: 16 uur binnen 4 lesweken", reached, StringComparison.Ordinal);
        var melding = await route.WaitForCardAsync(Vera, "Signaalverzuim melden: Daan de Vries (2b)");
        // domain.md §4: within 5 working days *after* the day of the 16th hour (Wed 4 Nov is not day 1): Wed 11 Nov.
        Assert.Contains("uiterlijk woensdag 11 november 2026 (5 werkdagen na woensdag 4 november 2026, die dag niet meegeteld)", Text(melding), StringComparison.Ordinal);

        // Not reported: warned on the school day before the last day (Tue 10 Nov), not only on it; nothing on Mon 9 Nov.
        await route.SetClockAsync(At(D(2026, 11, 9), 8, 30));
        Assert.Equal(0, route.CountCards(Vera, "Termijn signaalverzuim loopt af"));
        await route.SetClockAsync(At(D(2026, 11, 10), 8, 30));
        var deadline = await route.WaitForCardAsync(Vera, "Termijn signaalverzuim loopt af: Daan de Vries (2b)");
        Assert.Contains("uiterlijk woensdag 11 november 2026", Text(deadline), StringComparison.Ordinal);
        var reported = await route.PressAsync(Vera, deadline, "signaalverzuim.gemeld", new() { ["kenmerk"] = "DUO-2026-0042" });
        Assert.Contains("Signaalverzuim gemeld", reported.Text, StringComparison.Ordinal);
        Assert.Contains("Melding DUO-verzuimloket (3e melding, volgens het verzuimschema) met referentienummer (trede 16 uur)", reported.Text, StringComparison.Ordinal);
        Assert.Contains("Al afgehandeld: signaalverzuim gemeld", (await route.PressAsync(Vera, melding, "signaalverzuim.gemeld", new() { ["kenmerk"] = "DUO-2026-0042" })).Text, StringComparison.Ordinal);
        var events = await DaansDossierAsync(route);
        Assert.Equal(D(2026, 11, 10), Assert.Single(events.OfType<SignaalverzuimReported>()).ReportedOn);
    }

    [Fact] // issue 20 / domain.md §4: 20 school days from Thu 1 Oct to Wed 4 Nov span 5 lesweken (28 Sep ... 2 Nov): no legal melding; the per-year ≥16 rung is the school's own schema.
    public async Task Signaalverzuim_TwentySchoolDaysOverFiveLesweken_NoMelding_ButTheSchoolsOwnSixteenHourRung()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 10, 1), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        await route.OnAsync(D(2026, 10, 1), Rita, "4 uur ongeoorloofd 123456");
        await route.OnAsync(D(2026, 10, 8), Rita, "4 uur ongeoorloofd 123456");
        // The window of the first hour ends with its 4th lesweek, Fri 30 Oct: 16 Oct and 26-30 Oct are left.
        var warned = await route.OnAsync(D(2026, 10, 15), Rita, "4 uur ongeoorloofd 123456");
        Assert.Contains("12 van 16 uur, nog 6 schooldagen in dit venster", warned, StringComparison.Ordinal);

        var outside = await route.OnAsync(D(2026, 11, 4), Rita, "4 uur ongeoorloofd 123456");
        Assert.Contains("Binnen 4 lesweken (signaalverzuim): 12 van 16 uur", outside, StringComparison.Ordinal);
        Assert.DoesNotContain("Signaalverzuim:", outside, StringComparison.Ordinal);
        Assert.Contains("De trede van 16 uur", outside, StringComparison.Ordinal); // 004 VO: ≥16 in the school year → the school's own 3e melding
        var rung = await route.WaitForCardAsync(Vera, "Verzuimladder 16 uur");
        Assert.Contains("3e melding, volgens het verzuimschema", Text(rung), StringComparison.Ordinal);
        Assert.DoesNotContain("wettelijk verplicht", Text(rung), StringComparison.Ordinal);
        Assert.Equal(0, route.CountCards(Vera, "Signaalverzuim melden"));
    }

    [Fact] // 002 §3: 16 times late within 4 lesweken (the kerstvakantie weeks do not count) is signaalverzuim.
    public async Task Signaalverzuim_SixteenTimesLateAcrossTheKerstvakantie_Melding()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 12, 7), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        var days = new[] { D(2026, 12, 7), D(2026, 12, 8), D(2026, 12, 9), D(2026, 12, 10), D(2026, 12, 11), D(2026, 12, 14), D(2026, 12, 15), D(2026, 12, 16), D(2026, 12, 17), D(2026, 12, 18),
            D(2027, 1, 4), D(2027, 1, 5), D(2027, 1, 6), D(2027, 1, 7), D(2027, 1, 8) };
        foreach (var day in days)
        {
            Assert.StartsWith($"Vastgelegd: Daan de Vries (2b) te laat op", await route.OnAsync(day, Rita, "te laat 123456"), StringComparison.Ordinal);
        }

        Assert.Contains("al te laat genoteerd", await route.OnAsync(D(2027, 1, 8), Rita, "te laat 123456", hour: 10), StringComparison.Ordinal);
        var sixteenth = await route.OnAsync(D(2027, 1, 11), Rita, "te laat 123456");
        Assert.Contains("16 van 16 keer te laat", sixteenth, StringComparison.Ordinal);
        Assert.Contains("Signaalverzuim: 16 keer te laat binnen 4 lesweken", sixteenth, StringComparison.Ordinal);
        await route.WaitForCardAsync(Vera, "Signaalverzuim melden: Daan de Vries (2b)");
    }

    [Fact] // 002 §3, domain.md §4: 16 times late, but the 16th in the 5th lesweek after the first: outside the window, no melding.
    public async Task Signaalverzuim_SixteenTimesLate_TheSixteenthJustOutsideTheWindow_NoMelding()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 12, 7), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        var days = new[] { D(2026, 12, 7), D(2026, 12, 8), D(2026, 12, 9), D(2026, 12, 10), D(2026, 12, 14), D(2026, 12, 15), D(2026, 12, 16), D(2026, 12, 17), D(2026, 12, 18),
            D(2027, 1, 4), D(2027, 1, 5), D(2027, 1, 6), D(2027, 1, 7), D(2027, 1, 8), D(2027, 1, 11) };
        foreach (var day in days)
        {
            await route.OnAsync(day, Rita, "te laat 123456");
        }

        // Mon 18 Jan: its 4 lesweken are 14 Dec, 4 Jan, 11 Jan and 18 Jan (the kerstvakantie weeks do not count), holding 12 late arrivals.
        var outside = await route.OnAsync(D(2027, 1, 18), Rita, "te laat 123456");
        Assert.Contains("Dit schooljaar: 0 uur ongeoorloofd, 16 keer te laat. Binnen 4 lesweken (signaalverzuim): 0 van 16 uur, 12 van 16 keer te laat.", outside, StringComparison.Ordinal);
        Assert.DoesNotContain("Signaalverzuim:", outside, StringComparison.Ordinal);
        Assert.Equal(0, route.CountCards(Vera, "Signaalverzuim melden"));
    }

    [Fact] // 002 §3: luxeverzuim, one day or more → melding; it goes to the existing "Melden bij leerplicht" card of the route.
    public async Task Luxeverzuim_AWeekAfterTheKerstvakantie_GoesToTheMeldingLeerplichtCard_RecordedNotFiled()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2027, 1, 11), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera);

        // "4-1" on 11 Jan 2027 is the 4th of January just past, not next year's.
        var logged = await route.OnAsync(D(2027, 1, 11), Rita, "luxeverzuim Daan 2b van 4-1 tot 8-1");
        Assert.StartsWith("Vastgelegd: luxeverzuim van Daan de Vries (2b) van maandag 4 januari 2027 tot en met vrijdag 8 januari 2027 (5 schooldagen).", logged, StringComparison.Ordinal);
        Assert.Contains("de verzuimcoördinator krijgt de kaart \"Melden bij leerplicht\"", logged, StringComparison.Ordinal);
        var melding = await route.WaitForCardAsync(Vera, "Melden bij leerplicht: Daan de Vries (2b)");
        Assert.Contains("Luxeverzuim (extra vakantie zonder verlof)", Text(melding), StringComparison.Ordinal);
        var done = await route.PressAsync(Vera, melding, "leerplicht.gemeld", new() { ["kenmerk"] = "DUO-2027-0007" });
        Assert.Contains("Gemeld bij leerplicht", done.Text, StringComparison.Ordinal);
        Assert.Contains("DUO-2027-0007", done.Text, StringComparison.Ordinal);

        Assert.Contains("al luxeverzuim", await route.OnAsync(D(2027, 1, 11), Rita, "luxeverzuim 123456 op 6-1", hour: 10), StringComparison.Ordinal);
        var events = await DaansDossierAsync(route);
        var luxe = Assert.Single(events.OfType<LuxeverzuimRecorded>());
        Assert.Equal((D(2027, 1, 4), D(2027, 1, 8)), (luxe.First, luxe.Last));
        Assert.Equal(LeerplichtMeldingReason.Luxeverzuim, Assert.Single(events.OfType<LeerplichtMeldingRecorded>()).Reason);
    }

    [Fact] // 004 / issue 8: a rung not ticked off is reminded on the next school days (after the herfstvakantie), until every action is done.
    public async Task Rung_NotTickedOff_RemindedOnTheNextSchoolDay_AfterTheHerfstvakantie_UntilAllActionsAreDone()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 10, 16), 8));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        await route.OnAsync(D(2026, 10, 16), Rita, "3 uur ongeoorloofd Daan 2b");
        await route.WaitForCardAsync(Vera, "Verzuimladder 3 uur");

        await route.SetClockAsync(At(D(2026, 10, 16), 15));
        await route.SetClockAsync(At(D(2026, 10, 19), 8, 30)); // herfstvakantie
        Assert.Equal(1, route.CountCards(Vera, "Verzuimladder 3 uur"));

        await route.SetClockAsync(At(D(2026, 10, 26), 8, 30));
        var reminder = await route.WaitForCardAsync(Vera, "Verzuimladder 3 uur", skip: 1);
        Assert.Contains("Herinnering: nog niet alle acties van deze trede zijn afgevinkt.", Text(reminder), StringComparison.Ordinal);
        Assert.Contains("Nog 1 open", (await route.PressAsync(Vera, reminder, "ladder.afvinken", Tick((0, null)))).Text, StringComparison.Ordinal);

        // Still one open: asked again the next school day, showing what is done and what is not.
        await route.SetClockAsync(At(D(2026, 10, 27), 8, 30));
        var again = await route.WaitForCardAsync(Vera, "Verzuimladder 3 uur", skip: 2);
        Assert.Contains("Al gedaan", Text(again), StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\":\"actie-0\"", Text(again), StringComparison.Ordinal);
        Assert.Contains("alle acties gedaan", (await route.PressAsync(Vera, again, "ladder.afvinken", Tick((1, null)))).Text, StringComparison.Ordinal);

        await route.SetClockAsync(At(D(2026, 10, 28), 8, 30));
        await route.SetClockAsync(At(D(2026, 10, 29), 8, 30));
        Assert.Equal(3, route.CountCards(Vera, "Verzuimladder 3 uur"));
    }

    [Fact] // domain.md §6 and §8: only the right role; pressed twice changes nothing; unknown or ambiguous students; impossible input.
    public async Task WrongPerson_PressedTwice_UnknownStudent_AndImpossibleInput_AreRefusedInDutch_AndNothingChanges()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 8));
        await route.EveryoneSaysHelloAsync(Rita, Max, Vera, Stranger);

        Assert.Contains("Dit mag alleen een receptie of verzuimcoördinator", await route.OnAsync(D(2026, 11, 2), Max, "3 uur ongeoorloofd Daan 2b"), StringComparison.Ordinal);
        Assert.Contains("geen rol", await route.OnAsync(D(2026, 11, 2), Stranger, "te laat 123456"), StringComparison.Ordinal);
        Assert.StartsWith("Ik vind geen leerling met die naam of dat leerlingnummer op jouw school.", await route.OnAsync(D(2026, 11, 2), Rita, "3 uur ongeoorloofd Pietje"), StringComparison.Ordinal);
        var ambiguous = await route.OnAsync(D(2026, 11, 2), Rita, "te laat Daan");
        Assert.StartsWith("Er zijn meer leerlingen die passen.", ambiguous, StringComparison.Ordinal);
        Assert.Contains("- Daan de Vries (2b): 123456", ambiguous, StringComparison.Ordinal);
        Assert.Contains("- Daan Jansen (3a): 123999", ambiguous, StringComparison.Ordinal);
        Assert.Contains("Zaterdag 31 oktober 2026 is geen schooldag", await route.OnAsync(D(2026, 11, 2), Rita, "3 uur ongeoorloofd 123456 op 31-10"), StringComparison.Ordinal);
        Assert.Contains("tussen 1 en 10", await route.OnAsync(D(2026, 11, 2), Rita, "12 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        Assert.Contains("tussen 30 dagen geleden en vandaag", await route.OnAsync(D(2026, 11, 2), Rita, "2 uur ongeoorloofd 123456 op 2027-01-12"), StringComparison.Ordinal);
        Assert.Contains("Zo leg je ongeoorloofd verzuim vast", await route.OnAsync(D(2026, 11, 2), Rita, "ongeoorloofd"), StringComparison.Ordinal);
        Assert.Empty((await DaansDossierAsync(route)).OfType<UnauthorisedHoursRecorded>());

        Assert.StartsWith("Vastgelegd", await route.OnAsync(D(2026, 11, 2), Rita, "3 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        var card = await route.WaitForCardAsync(Vera, "Verzuimladder 3 uur");
        Assert.Contains("Dit mag alleen een verzuimcoördinator", (await route.PressAsync(Rita, card, "ladder.afvinken", Tick((0, null), (1, null)))).Text, StringComparison.Ordinal);
        Assert.Contains("Dit mag alleen een verzuimcoördinator", (await route.PressAsync(Max, card, "ladder.afvinken", Tick((0, null), (1, null)))).Text, StringComparison.Ordinal);
        Assert.Equal(VerzuimBot.CardActions.CardRefusals.Neutral, (await route.PressAsync(Vera, card, "ladder.afvinken", new() { ["leerling"] = "onbekend-1" })).Text);
        Assert.Contains("Vink aan wat gedaan is", (await route.PressAsync(Vera, card, "ladder.afvinken")).Text, StringComparison.Ordinal);
        Assert.Empty((await DaansDossierAsync(route)).OfType<LadderActionCompleted>());

        Assert.Contains("alle acties gedaan", (await route.PressAsync(Vera, card, "ladder.afvinken", Tick((0, null), (1, null)))).Text, StringComparison.Ordinal);
        var twice = await route.PressAsync(Vera, card, "ladder.afvinken", Tick((0, null), (1, null)));
        Assert.Contains("Al afgehandeld: alle acties van de trede 3 uur zijn afgevinkt", twice.Text, StringComparison.Ordinal);
        Assert.Equal(2, (await DaansDossierAsync(route)).OfType<LadderActionCompleted>().Count());
    }

    [Theory] // domain.md §8: names and absence are never shown to a group chat; the commands work only in the personal chat.
    [InlineData("3 uur ongeoorloofd Daan 2b")]
    [InlineData("te laat Daan")]
    [InlineData("luxeverzuim Daan van 4-1 tot 8-1")]
    public async Task InAGroupChat_TheLadderCommandsAreRefused_AndNothingIsStored(string text)
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2027, 1, 11), 9));
        using var response = await route.App.PostActivityAsync(new
        {
            type = "message",
            id = "group-1",
            serviceUrl = VerzuimBot.Tests.Infrastructure.BotApp.ServiceUrl,
            channelId = "msteams",
            from = new { id = Rita.TeamsId, name = Rita.Name, aadObjectId = Rita.Aad },
            recipient = new { id = "28:bot" },
            conversation = new { id = "19:overleg@thread.v2", conversationType = "groupChat", isGroup = true, tenantId = Tenant },
            text = "<at>VerzuimBot</at> " + text,
            channelData = new { tenant = new { id = Tenant } },
        });
        Assert.True(response.IsSuccessStatusCode);
        Assert.StartsWith("Doe dit in je persoonlijke chat met VerzuimBot", Assert.Single(route.App.Connector.SentTexts), StringComparison.Ordinal);
        Assert.DoesNotContain("Vries", string.Join(' ', route.App.Connector.SentActivities.Select(a => a.GetRawText())), StringComparison.Ordinal);
        Assert.Empty(await DaansDossierAsync(route));
    }

    [Fact] // 004 / issue 8: the form card does the same in one step (choice between two Daans, then hours; luxeverzuim over several days).
    public async Task Form_ChoosesBetweenTwoStudents_ThenLogsHours_AndLuxeverzuim()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 9));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        Assert.Empty(await route.SayAsync(Rita, "ongeoorloofd formulier"));
        var form = route.CardsOf(Rita).Last(c => c.GetRawText().Contains("ongeoorloofd.opslaan", StringComparison.Ordinal));

        var choose = await route.PressAsync(Rita, form, "ongeoorloofd.opslaan", new() { ["leerling"] = "Daan", ["soort"] = "uren", ["uren"] = "3", ["datum"] = "2026-11-02" });
        Assert.Contains("Er zijn 2 leerlingen die passen. Kies de juiste.", choose.Text, StringComparison.Ordinal);
        var saved = await route.PressAsync(Rita, choose.Value, "ongeoorloofd.opslaan", new() { ["leerling"] = "123456", ["soort"] = "uren", ["uren"] = "3", ["datum"] = "2026-11-02" });
        Assert.Contains("Ongeoorloofd verzuim vastgelegd", saved.Text, StringComparison.Ordinal);
        Assert.Contains("3 uur ongeoorloofd verzuim van Daan de Vries (2b) op maandag 2 november 2026", saved.Text, StringComparison.Ordinal);
        await route.WaitForCardAsync(Vera, "Verzuimladder 3 uur");

        var luxe = await route.PressAsync(Rita, form, "ongeoorloofd.opslaan", new() { ["leerling"] = "124001", ["soort"] = "luxeverzuim", ["datum"] = "2026-10-26", ["tot"] = "2026-10-30" });
        Assert.Contains("luxeverzuim van Emma Bakker (2b) van maandag 26 oktober 2026 tot en met vrijdag 30 oktober 2026 (5 schooldagen)", luxe.Text, StringComparison.Ordinal);
        var noHours = await route.PressAsync(Rita, form, "ongeoorloofd.opslaan", new() { ["leerling"] = "123456", ["soort"] = "uren", ["datum"] = "2026-11-02" });
        Assert.Contains("Kies het aantal lesuren", noHours.Text, StringComparison.Ordinal);

        // Whole days away from a date (004 Werkwijzer punt 2 counts them towards four weeks), as "ongeoorloofd afwezig" by chat.
        var away = await route.PressAsync(Rita, form, "ongeoorloofd.opslaan", new() { ["leerling"] = "124002", ["soort"] = "afwezig", ["datum"] = "2026-10-26" });
        Assert.Contains("Noah Visser (2b) ongeoorloofd afwezig vanaf maandag 26 oktober 2026", away.Text, StringComparison.Ordinal);
        Assert.Contains("staat al ongeoorloofd afwezig sinds maandag 26 oktober 2026", Assert.Single(await route.SayAsync(Rita, "ongeoorloofd afwezig 124002")), StringComparison.Ordinal);
    }
}
