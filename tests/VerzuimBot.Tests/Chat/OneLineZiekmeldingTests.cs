using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Chat;

/// <summary>
/// Issue 21 items 1 and 2: "ziek &lt;leerling&gt; vanaf/sinds &lt;datum&gt;" in one line, through the host, with the demo school's
/// calendar (holiday region midden: herfstvakantie 17-25 Oct 2026, kerstvakantie 19 Dec 2026 - 3 Jan 2027; seed 002 §1.1 for
/// the school year) and the protocol's 30 days back (SickAbsenceService). A date that cannot be used is named as the problem
/// with the nearest school day; it is never read as part of the name.
/// </summary>
public sealed class OneLineZiekmeldingTests
{
    private static DateTimeOffset At(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, month is >= 4 and <= 10 && !(month == 10 && day >= 25) ? TimeSpan.FromHours(2) : TimeSpan.FromHours(1));

    [Fact]
    public async Task VanafADate_StartsTheZiekmeldingOnThatDay_AndStoresIt()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(2026, 10, 29));
        await route.EveryoneSaysHelloAsync(Rita, Max);

        var first = Assert.Single(await route.SayAsync(Rita, "ziek Daan de Vries vanaf 14-10-2026"));
        Assert.StartsWith("Daan de Vries (2b). Ziek vanaf woensdag 14 oktober 2026. Wanneer denkt u", first, StringComparison.Ordinal);
        await route.SayAsync(Rita, "weet ik niet");
        Assert.StartsWith("Klopt dit? Daan de Vries (2b) is ziek vanaf woensdag 14 oktober 2026", Assert.Single(await route.SayAsync(Rita, "ja")), StringComparison.Ordinal);
        Assert.StartsWith("Ziekmelding opgeslagen: Daan de Vries (2b), ziek vanaf woensdag 14 oktober 2026", Assert.Single(await route.SayAsync(Rita, "ja")), StringComparison.Ordinal);

        var dossier = await route.DaanAsync();
        Assert.Equal(new DateOnly(2026, 10, 14), dossier.CurrentSickPeriod!.FirstDay);
    }

    [Theory]
    [InlineData("ziek 123456 sinds maandag", 2026, 10, 28, "maandag 26 oktober 2026")] // the last Monday
    [InlineData("ziek 123456 vanaf gisteren", 2026, 10, 28, "dinsdag 27 oktober 2026")]
    [InlineData("ziek 123456 vanaf eergisteren", 2026, 10, 28, "maandag 26 oktober 2026")]
    [InlineData("ziek 123456 vanaf 16 okt", 2026, 10, 28, "vrijdag 16 oktober 2026")]
    [InlineData("ziekmelding Daan de Vries per vandaag", 2026, 10, 28, "woensdag 28 oktober 2026")]
    public async Task TheDateWordsTheParserKnows_AreTheFirstDay(string typed, int year, int month, int day, string firstDay)
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(year, month, day));
        var answer = Assert.Single(await route.SayAsync(Rita, typed));
        Assert.Contains($"Ziek vanaf {firstDay}.", answer, StringComparison.Ordinal);
    }

    [Theory]
    // Monday 19 October 2026 lies in the herfstvakantie (midden): the nearest school day is Friday 16 October (3 days before, 7 after).
    [InlineData("ziek Daan de Vries vanaf 19-10-2026", 2026, 10, 28, "Maandag 19 oktober 2026 valt in de herfstvakantie", "vrijdag 16 oktober 2026", "ziek Daan de Vries vanaf 16-10-2026")]
    // "gisteren" on Monday 26 October is Sunday 25 October, the last day of the herfstvakantie: today is the nearest school day.
    [InlineData("ziek 123456 vanaf gisteren", 2026, 10, 26, "Zondag 25 oktober 2026 valt in de herfstvakantie", "maandag 26 oktober 2026", "ziek 123456 vanaf 26-10-2026")]
    [InlineData("ziek 123456 sinds zaterdag", 2026, 11, 3, "Zaterdag 31 oktober 2026 valt in het weekend", "vrijdag 30 oktober 2026", null)]
    [InlineData("ziek 123456 vanaf 31-02", 2026, 10, 28, "De datum \"31-02\" klopt niet: 31-2-2026 bestaat niet.", "maandag 28 september 2026", null)]
    [InlineData("ziek 123456 vanaf 3-11-2026", 2026, 10, 28, "Dinsdag 3 november 2026 ligt in de toekomst", "woensdag 28 oktober 2026", null)]
    [InlineData("ziek 123456 vanaf 1-9-2026", 2026, 10, 28, "Dinsdag 1 september 2026 ligt te ver terug: de eerste dag kan niet vóór 30 dagen geleden liggen (maandag 28 september 2026)", "maandag 28 september 2026", null)]
    // Seed 002 §1.1: the school year begins 1 August; region midden's first school day of 2026-2027 is Monday 31 August.
    [InlineData("ziek 123456 vanaf 28-8-2026", 2026, 9, 8, "ligt te ver terug: de eerste dag kan niet vóór het begin van het schooljaar liggen (maandag 31 augustus 2026)", "maandag 31 augustus 2026", null)]
    // Noah Visser (124002) was enrolled on Monday 5 October 2026 (appsettings.Demo.json).
    [InlineData("ziek 124002 vanaf 2-10-2026", 2026, 10, 9, "ligt te ver terug: de eerste dag kan niet vóór de inschrijving van de leerling liggen (maandag 5 oktober 2026)", "maandag 5 oktober 2026", "ziek 124002 vanaf 05-10-2026")]
    public async Task ADateThatCannotBeUsed_IsNamedAsTheProblem_WithTheNearestSchoolDay_AndNothingIsStored(string typed, int year, int month, int day, string problem, string nearest, string? command)
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(year, month, day));
        var answer = Assert.Single(await route.SayAsync(Rita, typed));
        Assert.Contains(problem, answer, StringComparison.Ordinal);
        Assert.Contains($"De dichtstbijzijnde schooldag die kan is {nearest}", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("geen leerling", answer, StringComparison.Ordinal);
        Assert.EndsWith("Er is niets opgeslagen.", answer, StringComparison.Ordinal);
        if (command is not null)
        {
            Assert.Contains($"typ bijvoorbeeld \"{command}\"", answer, StringComparison.Ordinal);
        }

        // Nothing started: the next message is not taken as an answer to a ziekmelding.
        Assert.DoesNotContain(await route.SayAsync(Rita, "weet ik niet"), t => t.Contains("contact opnemen met de mentor", StringComparison.Ordinal));
        Assert.Empty((await route.DaanAsync()).Events);
    }

    [Fact] // Issue 21 item 2: an expected return in the kerstvakantie is accepted, with the first school day after it.
    public async Task ExpectedReturnInTheKerstvakantie_IsAccepted_WithARemark()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(2026, 12, 17, 8));
        await route.SayAsync(Rita, "ziek 123456");
        var asked = Assert.Single(await route.SayAsync(Rita, "2-1-2027"));
        Assert.StartsWith("Verwacht terug zaterdag 2 januari 2027: dat valt in de kerstvakantie; de eerste schooldag daarna is maandag 4 januari 2027.", asked, StringComparison.Ordinal);
        await route.SayAsync(Rita, "nee");
        var stored = Assert.Single(await route.SayAsync(Rita, "ja"));
        Assert.Contains("Let op, de verwachte terugkeer (zaterdag 2 januari 2027): dat valt in de kerstvakantie; de eerste schooldag daarna is maandag 4 januari 2027.", stored, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2027, 1, 2), (await route.DaanAsync()).CurrentSickPeriod!.Ziekmelding.ExpectedReturn);
    }

    [Fact] // Item 2 on the mentor's card: "verwachte terugkeer" on a weekend day is kept, and the card says when school is.
    public async Task ExpectedReturnOnAWeekend_OnTheMentorsCard_IsAcceptedWithTheRemark()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(2026, 11, 2, 8));
        await route.EveryoneSaysHelloAsync(Rita, Max);
        foreach (var text in new[] { "ziek 123456", "weet ik niet", "nee", "ja" })
        {
            await route.SayAsync(Rita, text);
        }

        await route.SetClockAsync(At(2026, 11, 4, 8).AddMinutes(30));
        var reminder = await route.WaitForCardAsync(Max, "Neem contact op");
        var saved = await route.PressAsync(Max, reminder, "mentorcontact.opslaan", title: "Opslaan", inputs: new()
        {
            ["contactDatum"] = "2026-11-04", ["kanaal"] = "telefoon", ["verwachteTerugkeer"] = "za 7 nov", ["zorgen"] = "nee",
        });
        Assert.Contains("zaterdag 7 november 2026 (dat valt in het weekend; de eerste schooldag daarna is maandag 9 november 2026)", saved.Text, StringComparison.Ordinal);
    }
}
