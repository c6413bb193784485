using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.ThuiszitterRoute.ThuiszitterHarness;

namespace VerzuimBot.Tests.ThuiszitterRoute;

/// <summary>
/// Four weeks away to an open thuiszitter case, through the real host with real dates: school year 2026-27, region
/// midden, kerstvakantie 19 Dec 2026 - 3 Jan 2027, voorjaarsvakantie 20-28 Feb 2027. Daan is sick from Mon 7 Dec 2026:
/// school days 7-18 Dec (10) and 4-15 Jan (20), so the fourth week ends on Fri 15 Jan and the judgement is due on
/// Mon 18 Jan 2027, the 21st school day.
/// </summary>
public sealed class ThuiszitterScenarioTests
{
    [Fact]
    public async Task FourWeeksAcrossTheKerstvakantie_LeerplichtJudgesJa_TheChecklistIsTicked_AndTheCodeMovesFromGeelToOranjeToRood()
    {
        // 004 Werkwijzer voor de school punt 2: "Bij afwezigheid van 4 weken (ook wegens ziekte) ... neemt de school altijd contact op met de leerplichtambtenaar van de woongemeente".
        await using var route = await DaanSickFromAsync(new DateOnly(2026, 12, 7));

        // Fri 15 Jan: 20 school days (the kerstvakantie does not count): still code geel, type 4 (002 §2.2), no card for leerplicht yet,
        // and leerplicht cannot even find the student (domain.md §8: leerplicht sees only the students reported to it).
        await route.SetClockAsync(At(2027, 1, 15));
        Assert.Equal(0, route.CountCards(Lotte, "Thuiszitter volgens de definitie?"));
        var geel = Visible(await route.CardReplyAsync(Zora, "thuiszitter 123456"));
        Assert.Contains("Type 4: geoorloofd tot 4 weken · code geel", geel, StringComparison.Ordinal);
        Assert.Contains("maandag 18 januari 2027", geel, StringComparison.Ordinal);
        Assert.Contains(await route.SayAsync(Lotte, "thuiszitter 123456"), t => t.StartsWith("Ik vind geen leerling", StringComparison.Ordinal));

        // Mon 18 Jan 08:30: the leerplichtambtenaar of Daan's woongemeente (RBL-DEMO, another organisation) gets the card.
        await route.SetClockAsync(At(2027, 1, 18));
        var card = await route.WaitForCardAsync(Lotte, "Thuiszitter volgens de definitie? Daan de Vries (2b)");
        Assert.Contains("code oranje", Visible(card), StringComparison.Ordinal);
        Assert.Contains("Utrecht", Visible(card), StringComparison.Ordinal);

        // domain.md §6: only the role that owns the decision; the zorgcoördinator is refused and nothing changes.
        var wrongPerson = await route.PressAsync(Zora, card, "thuiszitter.oordeel", title: "Ja, thuiszitter");
        Assert.False(wrongPerson.ReplacedCard);
        Assert.Contains("Dit mag alleen een leerplichtambtenaar", wrongPerson.Shown(), StringComparison.Ordinal);

        // Ja opens the case: leerplicht's card is replaced by the case, the school's zorgcoördinator gets the checklist at once.
        await route.SetClockAsync(At(2027, 1, 18, 10, 0));
        var ja = await route.PressAsync(Lotte, card, "thuiszitter.oordeel", title: "Ja, thuiszitter");
        Assert.True(ja.ReplacedCard);
        Assert.Contains("Oordeel vastgelegd: thuiszitter volgens de definitie (Lotte Leerplicht, leerplichtambtenaar, RBL-DEMO)", ja.Shown(), StringComparison.Ordinal);
        Assert.Contains(LeerplichtItemOnderzoek, ja.Shown(), StringComparison.Ordinal);
        var schoolCase = await route.WaitForCardAsync(Zora, "Leerplicht oordeelt: thuiszitter volgens de definitie");
        foreach (var item in new[] { "Melding DUO-verzuimloket met toelichting 'thuiszitter'", SchoolItemSwv, SchoolItemZorgstructuur, "MDO belegd (school, ouders, leerplicht, zo mogelijk leerling)",
            "Signaal in de verwijsindex, in overleg met leerplicht", SchoolItemPlan, "Aangepast onderwijsprogramma", "Contact met leerling en ouders onderhouden" })
        {
            Assert.Contains(item, Visible(schoolCase), StringComparison.Ordinal);
        }

        // Pressed twice: the card is replaced by who decided and when; nothing is stored again.
        var twice = await route.PressAsync(Lotte, card, "thuiszitter.oordeel", title: "Nee");
        Assert.Contains("Al afgehandeld: Oordeel leerplicht: thuiszitter volgens de definitie", twice.Shown(), StringComparison.Ordinal);
        Assert.Contains("Lotte Leerplicht (leerplichtambtenaar, RBL-DEMO)", twice.Shown(), StringComparison.Ordinal);

        // 004 Werkwijzer voor de school: the school ticks its items; the card refreshes and shows what is still open.
        var duo = await route.TickAsync(Zora, schoolCase, "Melding DUO-verzuimloket met toelichting 'thuiszitter'", "DUO-2027-0007");
        Assert.True(duo.ReplacedCard);
        Assert.Contains("Nog 10 punten open", duo.Shown(), StringComparison.Ordinal);
        Assert.Contains("DUO-2027-0007", duo.Shown(), StringComparison.Ordinal);
        Assert.Contains("Nog 9 punten open", (await route.TickAsync(Zora, duo.Value, SchoolItemSwv)).Shown(), StringComparison.Ordinal);

        // Punt 4: the plan van aanpak names a regie-/contactpersoon; without one nothing is stored.
        var noName = await route.TickAsync(Zora, schoolCase, SchoolItemPlan);
        Assert.False(noName.ReplacedCard);
        Assert.Contains("naam van de regie-/contactpersoon", noName.Shown(), StringComparison.Ordinal);
        var plan = await route.TickAsync(Zora, schoolCase, SchoolItemPlan, "Zora Zorg");
        Assert.Contains("Regie-/contactpersoon", plan.Shown(), StringComparison.Ordinal);
        Assert.Contains("Zora Zorg", plan.Shown(), StringComparison.Ordinal);

        // The old card pressed again for a ticked item: refused, nothing changes.
        var again = await route.TickAsync(Zora, schoolCase, SchoolItemSwv);
        Assert.Contains("Dit punt was al afgevinkt door Zora Zorg (zorgcoördinator, 99DE00)", again.Shown(), StringComparison.Ordinal);
        Assert.Contains("Nog 7 punten open", (await route.TickAsync(Zora, schoolCase, SchoolItemZorgstructuur)).Shown(), StringComparison.Ordinal);

        // 004 Werkwijzer voor de leerplichtambtenaar: leerplicht ticks its own side, not the school's.
        var lotteCase = await route.CardReplyAsync(Lotte, "thuiszitter 123456");
        Assert.Contains("Dit mag alleen een zorgcoördinator of verzuimcoördinator", (await route.TickAsync(Lotte, lotteCase, SchoolItemZorgstructuur)).Shown(), StringComparison.Ordinal);
        Assert.Contains("Dit mag alleen een leerplichtambtenaar", (await route.TickAsync(Zora, schoolCase, LeerplichtItemOnderzoek)).Shown(), StringComparison.Ordinal);
        var onderzoek = await route.TickAsync(Lotte, lotteCase, LeerplichtItemOnderzoek);
        Assert.Contains("Afgevinkt: " + LeerplichtItemOnderzoek, onderzoek.Shown(), StringComparison.Ordinal);

        // The SWV sees the case now that the school reported it (004 punt 2; domain.md §8).
        Assert.Contains("Thuiszitter: Daan de Vries (2b)", Visible(await route.CardReplyAsync(Sanne, "thuiszitter Daan de Vries")), StringComparison.Ordinal);

        // 001/004: two school weeks after each side's last progress (Mon 18 Jan + 10 school days = Mon 1 Feb) both sides are reminded.
        await route.SetClockAsync(At(2027, 1, 29));
        Assert.Equal(0, route.CountCards(Zora, "Checklist thuiszitter bijwerken"));
        await route.SetClockAsync(At(2027, 2, 1));
        var reminder = Visible(await route.WaitForCardAsync(Zora, "Checklist thuiszitter bijwerken: 4 punten open"));
        Assert.Contains("MDO belegd", reminder, StringComparison.Ordinal);
        await route.WaitForCardAsync(Lotte, "Checklist thuiszitter bijwerken: 2 punten open");

        // 002 §2.2: the code moves by itself. Fri 19 Mar 2027 is the 60th school day (voorjaarsvakantie skipped): oranje; Mon 22 Mar: rood, type 6.
        await route.SetClockAsync(At(2027, 3, 19));
        var oranje = Visible(await route.CardReplyAsync(Zora, "thuiszitter 123456"));
        Assert.Contains("Type 5: geoorloofd 4 weken tot 3 maanden · code oranje", oranje, StringComparison.Ordinal);
        Assert.Contains("maandag 22 maart 2027", oranje, StringComparison.Ordinal);
        await route.SetClockAsync(At(2027, 3, 22));
        var rood = Visible(await route.CardReplyAsync(Zora, "thuiszitter 123456"));
        Assert.Contains("Type 6: geoorloofd 3 maanden tot 1 jaar · code rood", rood, StringComparison.Ordinal);
        Assert.Contains("Arrangementen bij code rood (SWV): Groot overleg met alle kernpartners", rood, StringComparison.Ordinal);
    }
}
