using VerzuimBot.Tests.Infrastructure;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.ThuiszitterRoute.ThuiszitterHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.Protocol;

/// <summary>
/// Issue 20 items 1 and 5 through the host: the holiday region and the school's own advisory weeks come from the school's
/// configuration (not the profile), and the roster's birth date decides whether the leerplicht route applies.
/// </summary>
public sealed class SchoolConfigurationTests
{
    [Fact] // Regeling vaststelling schoolvakanties: herfstvakantie noord 10-18 Oct 2026; the demo school set to noord has no school on Mon 12 Oct.
    public async Task HolidayRegion_IsTheSchools()
    {
        await using var route = new RouteHarness(new() { ["Schools:Items:99DE00:HolidayRegion"] = "noord" });
        await route.SetClockAsync(At(2026, 10, 12, 9, 0));
        await route.EveryoneSaysHelloAsync(Rita);
        Assert.Contains("is geen schooldag", await route.OnAsync(D(2026, 10, 12), Rita, "3 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        Assert.StartsWith("Vastgelegd", await route.OnAsync(D(2026, 10, 19), Rita, "3 uur ongeoorloofd 123456"), StringComparison.Ordinal);
    }

    [Fact] // OCW: the voorjaarsvakantie is advice; a zuid school takes the carnaval week 6-14 Feb 2027 instead of the advised 20-28 Feb.
    public async Task OwnAdvisoryWeek_ReplacesTheRegionsWeek()
    {
        await using var route = new RouteHarness(new()
        {
            ["Schools:Items:99DE00:HolidayRegion"] = "zuid",
            ["Schools:Items:99DE00:Holidays:0:Name"] = "Voorjaarsvakantie",
            ["Schools:Items:99DE00:Holidays:0:First"] = "2027-02-06",
            ["Schools:Items:99DE00:Holidays:0:Last"] = "2027-02-14",
        });
        await route.SetClockAsync(At(2027, 2, 8, 9, 0));
        await route.EveryoneSaysHelloAsync(Rita);
        Assert.Contains("is geen schooldag", await route.OnAsync(D(2027, 2, 8), Rita, "3 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        Assert.StartsWith("Vastgelegd", await route.OnAsync(D(2027, 2, 22), Rita, "3 uur ongeoorloofd 123456"), StringComparison.Ordinal);
    }

    [Fact] // Issue 20: without a birth date on the roster the route runs as for a leerplichtige, and the card says the age is unknown.
    public async Task UnknownBirthDate_RouteAsBefore_TheCardSaysSo()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(2026, 11, 2, 9, 0));
        await route.SetRosterFactsAsync("123456", null);
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        await route.OnAsync(D(2026, 11, 2), Rita, "8 uur ongeoorloofd 123456");
        await route.OnAsync(D(2026, 11, 9), Rita, "8 uur ongeoorloofd 123456");
        var card = await route.WaitForCardAsync(Vera, "Signaalverzuim melden: Daan de Vries (2b)");
        Assert.Contains("leeftijd onbekend (geen geboortedatum op de leerlingenlijst)", Visible(card), StringComparison.Ordinal);
    }

    [Fact] // 002 §1.2, issue 20: Daan born 3 Sep 2008 (18 on 3 Sep 2026, no startkwalificatie): 16 hours in 4 lesweken go to the RMC contact, no ladder, no DUO melding.
    public async Task EighteenPlus_SixteenHours_RmcCard_NoLadder()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(2026, 11, 2, 9, 0));
        await route.SetRosterFactsAsync("123456", new DateOnly(2008, 9, 3));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        await route.OnAsync(D(2026, 11, 2), Rita, "4 uur ongeoorloofd 123456");
        await route.OnAsync(D(2026, 11, 9), Rita, "4 uur ongeoorloofd 123456");
        await route.OnAsync(D(2026, 11, 16), Rita, "4 uur ongeoorloofd 123456");
        var said = await route.OnAsync(D(2026, 11, 23), Rita, "4 uur ongeoorloofd 123456");
        Assert.Contains("niet leerplicht maar het RMC-contact krijgt de melding", said, StringComparison.Ordinal);

        var card = await route.WaitForCardAsync(Vera, "Melden bij het RMC: Daan de Vries (2b)");
        Assert.Contains("niet meer leerplichtig of kwalificatieplichtig", Visible(card), StringComparison.Ordinal);
        Assert.Equal(0, route.CountCards(Vera, "Verzuimladder"));
        Assert.Equal(0, route.CountCards(Vera, "Signaalverzuim melden"));
        Assert.Contains("Gemeld bij het RMC", (await route.PressAsync(Vera, card, "leerplicht.gemeld", new() { ["kenmerk"] = "RMC-9" })).Shown(), StringComparison.Ordinal);
    }
}
