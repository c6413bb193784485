using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Tests.Infrastructure;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.ThuiszitterRoute.ThuiszitterHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.SchoolLeave;

/// <summary>
/// A five-year-old's hours at home through the real host: 002 §1.1 footnote 4 ("in overleg met de schooldirecteur mogen de
/// ouder(s)/verzorger(s) hun kind maximaal 10 uur per week thuishouden"; the profile's split, 5 hours without asking and 5 more
/// once the directeur agreed, is issue 20's), and 004 Verzuimschema, PO column ("Bij verzuim vanaf 16 uur binnen 4 weken is
/// het wettelijk verplicht te melden", rechtstreeks bij leerplicht). The demo school runs the PO profile po-vo-verzuimschema
/// (region midden, no holiday in November 2026); Daan de Vries (123456) is 5 here: born 10 Oct 2021, leerplichtig from
/// 1 Nov 2026 (002 §1.1: "de eerste schooldag van de maand die volgt op de maand waarin het kind 5 jaar is geworden").
/// </summary>
public sealed class VijfjarigeExtraUrenTests
{
    private const string NothingCounts = "Dit schooljaar: 0 uur ongeoorloofd, 0 keer te laat. Binnen 4 lesweken (signaalverzuim): 0 van 16 uur";

    private static async Task<RouteHarness> DaanOfFiveAtAPrimarySchoolAsync()
    {
        var route = new RouteHarness(PoSchool);
        await route.SetClockAsync(At(D(2026, 11, 2), 8));
        await route.SetRosterFactsAsync("123456", D(2021, 10, 10), startkwalificatie: null);
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        return route;
    }

    [Fact] // 002 §1.1 footnote 4: 5 hours a week at home are no verzuim; the hours past them are, and 16 in 4 weeks are signaalverzuim (002 §1.3.2, §3; 004 Verzuimschema PO column).
    public async Task FiveHoursAWeekAtHome_NoLeerplichtStep_TheHoursPastTheAllowanceReachSignaalverzuim()
    {
        await using var route = await DaanOfFiveAtAPrimarySchoolAsync();

        // Every Monday of November a whole PO school day (5 lesuren) at home: 20 hours logged, none of them verzuim.
        foreach (var monday in new[] { 2, 9, 16, 23 })
        {
            var said = await route.OnAsync(D(2026, 11, monday), Rita, "5 uur ongeoorloofd 123456");
            Assert.StartsWith(
                $"Vastgelegd: 5 uur ongeoorloofd verzuim van Daan de Vries (2b) op maandag {monday} november 2026; Daan is vijf: de eerste 5 uur per week thuis tellen niet als verzuim (002 §1.1, voetnoot 4).",
                said, StringComparison.Ordinal);
            Assert.Contains(NothingCounts, said, StringComparison.Ordinal);
            Assert.DoesNotContain("trede", said, StringComparison.Ordinal);
            Assert.DoesNotContain("ignaalverzuim:", said, StringComparison.Ordinal);
        }

        Assert.Equal(4, (await route.DaanAsync()).Of<UnauthorisedHoursRecorded>().Count()); // registered all the same

        // The rest of the week of 23 November at home as well: past the week's 5 hours, every hour counts.
        Assert.Contains("Dit schooljaar: 5 uur ongeoorloofd", await route.OnAsync(D(2026, 11, 24), Rita, "5 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        Assert.Contains("Dit schooljaar: 10 uur ongeoorloofd", await route.OnAsync(D(2026, 11, 25), Rita, "5 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        Assert.Contains("Let op, bijna signaalverzuim: 15 van 16 uur", await route.OnAsync(D(2026, 11, 26), Rita, "5 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        var sixteen = await route.OnAsync(D(2026, 11, 27), Rita, "1 uur ongeoorloofd 123456");
        Assert.Contains("Dit schooljaar: 16 uur ongeoorloofd, 0 keer te laat. Binnen 4 lesweken (signaalverzuim): 16 van 16 uur", sixteen, StringComparison.Ordinal);
        Assert.Contains("Signaalverzuim: 16 uur binnen 4 lesweken; melden rechtstreeks bij leerplicht.", sixteen, StringComparison.Ordinal);

        var card = await route.WaitForCardAsync(Vera, "Signaalverzuim melden: Daan de Vries (2b)");
        Assert.Contains("Meld rechtstreeks bij de leerplichtambtenaar", Visible(card), StringComparison.Ordinal);
    }

    [Fact] // 002 §1.1 footnote 4: "in overleg met de schooldirecteur ... maximaal 10 uur per week"; only "voor vijfjarigen".
    public async Task DirecteurAgrees_TenHoursAWeekAreNoVerzuim_FromTheAgreedDay_OnlyForAFiveYearOld()
    {
        await using var route = await DaanOfFiveAtAPrimarySchoolAsync();

        // Before any agreement: the 6th to 10th hour of the week count.
        Assert.Contains(NothingCounts, await route.OnAsync(D(2026, 11, 2), Rita, "5 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        Assert.Contains("Dit schooljaar: 5 uur ongeoorloofd", await route.OnAsync(D(2026, 11, 3), Rita, "5 uur ongeoorloofd 123456"), StringComparison.Ordinal);

        // The verzuimcoördinator records the directeur's consent (the receptie may not); a 13-year-old is no vijfjarige.
        Assert.StartsWith("Dit mag alleen een verzuimcoördinator", await route.OnAsync(D(2026, 11, 9), Rita, "vijfjarige extra uren Daan 2b vanaf 9-11", hour: 8), StringComparison.Ordinal);
        var agreed = await route.OnAsync(D(2026, 11, 9), Vera, "vijfjarige extra uren Daan 2b vanaf 9-11", hour: 8);
        Assert.Equal("Vastgelegd: de directeur stemt in: Daan de Vries (2b) mag vanaf maandag 9 november 2026 10 uur per week thuisblijven; die uren tellen niet als verzuim.", agreed);
        Assert.Equal("Dit geldt alleen voor een vijfjarige (002 §1.1, voetnoot 4). Er is niets vastgelegd.", await route.OnAsync(D(2026, 11, 9), Vera, "vijfjarige extra uren Emma vanaf 9-11", hour: 8));
        var fact = Assert.Single((await route.DaanAsync()).Of<FiveYearOldExtraHoursAgreed>());
        Assert.Equal((D(2026, 11, 9), Role.Verzuimcoordinator), (fact.From, fact.RecordedBy.Role));

        // From Monday 9 November: 10 hours that week are no verzuim, the 11th is.
        var monday = await route.OnAsync(D(2026, 11, 9), Rita, "5 uur ongeoorloofd 123456");
        Assert.Contains("Dit schooljaar: 5 uur ongeoorloofd", monday, StringComparison.Ordinal);
        Assert.Contains("Daan is vijf: de eerste 10 uur per week thuis (met instemming van de directeur) tellen niet als verzuim (002 §1.1, voetnoot 4).", monday, StringComparison.Ordinal);
        Assert.Contains("Dit schooljaar: 5 uur ongeoorloofd", await route.OnAsync(D(2026, 11, 10), Rita, "5 uur ongeoorloofd 123456"), StringComparison.Ordinal);
        Assert.Contains("Dit schooljaar: 7 uur ongeoorloofd", await route.OnAsync(D(2026, 11, 11), Rita, "2 uur ongeoorloofd 123456"), StringComparison.Ordinal);
    }
}
