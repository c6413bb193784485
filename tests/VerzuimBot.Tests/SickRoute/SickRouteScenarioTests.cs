using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.SickRoute;

/// <summary>
/// The whole M@ZL sick-absence route (002 Bijlage 1, stap 1-6) through the real host, with the
/// demo school's profile (utrecht-west-vo, holiday region midden: herfstvakantie 17-25 oct 2026)
/// and real dates. Each person has their own chat; cards are pressed as Teams would.
/// </summary>
public sealed class SickRouteScenarioTests
{
    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, month is >= 4 and <= 10 && !(month == 10 && day >= 25) ? TimeSpan.FromHours(2) : TimeSpan.FromHours(1));

    [Fact] // Stap 2 → 3: "zorgen: ja" on the mentor's card brings the gesprek card to the zorgcoördinator that day, with the mentor's note.
    public async Task MentorHasZorgen_ZorgcoordinatorGetsTheGesprekCardAtOnce()
    {
        await using var route = await ThuiszitterRoute.ThuiszitterHarness.DaanSickFromAsync(new DateOnly(2026, 11, 2));
        await route.SetClockAsync(new DateTimeOffset(2026, 11, 4, 8, 30, 0, TimeSpan.FromHours(1)));
        var reminder = await route.WaitForCardAsync(Max, "Neem contact op");
        await route.SetClockAsync(new DateTimeOffset(2026, 11, 4, 11, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(0, route.CountCards(Zora, "Zorgwekkend ziekteverzuim"));
        var saved = await route.PressAsync(Max, reminder, "mentorcontact.opslaan", title: "Opslaan", inputs: new()
        {
            ["contactDatum"] = "2026-11-04", ["kanaal"] = "telefoon", ["notitie"] = "Moeder klinkt bezorgd", ["zorgen"] = "ja",
        });
        Assert.Contains("Contact gehad met de ouders", saved.Text, StringComparison.Ordinal);

        var card = Plain(await route.WaitForCardAsync(Zora, "Zorgwekkend ziekteverzuim"));
        Assert.Contains("De mentor sprak de ouders van Daan en heeft zorgen: ", card, StringComparison.Ordinal);
        Assert.Contains("Moeder klinkt bezorgd", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ziekmelding_OnAFriday_WalksMentorContact_Zorgwekkend_Jeugdarts_Terugkoppeling_Evaluation_AndTheAdviceChangesTheNextZiekmelding()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(10, 9, 8, 0));
        await route.EveryoneSaysHelloAsync(Rita, Max, Zora, Jasper);

        // Stap 1 (002 Bijlage 1): receptie logs by chat; two students are called Daan, so a choice; the two questions verbatim.
        Assert.Contains(await route.SayAsync(Rita, "ziek Daan"), t => t.Contains("2. Daan de Vries (2b)", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Rita, "2"), t => t.Contains("Wanneer denkt u dat uw kind weer naar school kan komen?", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Rita, "weet ik niet"), t => t.Contains("Als dat toch niet lukt, wilt u dan zelf contact opnemen met de mentor?", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Rita, "ja"), t => t.StartsWith("Klopt dit? Daan de Vries (2b) is ziek vanaf vrijdag 9 oktober 2026", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Rita, "ja"), t => t.StartsWith("Ziekmelding opgeslagen", StringComparison.Ordinal));

        // The mentor is told at once.
        var told = await route.WaitForCardAsync(Max, "Ziekmelding van je mentorleerling");
        Assert.Contains("vrijdag 9 oktober 2026", Plain(told), StringComparison.Ordinal);

        // Stap 2: not on the 2nd school day (Mon 12 Oct), but at 08:30 on the 3rd (Tue 13 Oct).
        await route.SetClockAsync(At(10, 12, 8, 30));
        Assert.Equal(0, route.CountCards(Max, "Neem contact op"));
        await route.SetClockAsync(At(10, 13, 8, 30));
        var reminder = await route.WaitForCardAsync(Max, "Neem contact op");
        Assert.Contains("Laat OMA thuis", Plain(reminder), StringComparison.Ordinal);

        // Only the mentor answers it: the receptie is refused and nothing changes.
        var wrongPerson = await route.PressAsync(Rita, reminder, "mentorcontact.opslaan");
        Assert.False(wrongPerson.ReplacedCard);
        Assert.Contains("Dit mag alleen een mentor", wrongPerson.Text, StringComparison.Ordinal);

        var notReached = await route.PressAsync(Max, reminder, "mentorcontact.opslaan", title: "Niet bereikt");
        Assert.True(notReached.ReplacedCard);
        Assert.Contains("Niet bereikt", notReached.Text, StringComparison.Ordinal);
        Assert.Contains("woensdag 14 oktober 2026", notReached.Text, StringComparison.Ordinal);

        // Pressed twice: the card is replaced by who did it, and nothing is stored again.
        var again = await route.PressAsync(Max, reminder, "mentorcontact.opslaan", title: "Niet bereikt");
        Assert.Contains("Al afgehandeld: Mentor: niet bereikt", again.Text, StringComparison.Ordinal);

        // Asked again the next school day; now "contact gehad".
        await route.SetClockAsync(At(10, 14, 8, 30));
        var second = await route.WaitForCardAsync(Max, "Neem contact op", skip: 1);
        Assert.Contains("niet bereikt", Plain(second), StringComparison.Ordinal);
        var reached = await route.PressAsync(Max, second, "mentorcontact.opslaan", title: "Opslaan", inputs: new()
        {
            ["contactDatum"] = "2026-10-14", ["kanaal"] = "telefoon", ["notitie"] = "Moeder gesproken", ["verwachteTerugkeer"] = "weet ik niet", ["zorgen"] = "nee",
        });
        Assert.Contains("Contact gehad met de ouders", reached.Text, StringComparison.Ordinal);

        // Stap 3: more than 5 school days in a row (utrecht-west-vo) → Fri 16 Oct, the 6th school day; not on Thu 15 Oct.
        await route.SetClockAsync(At(10, 15, 8, 30));
        Assert.Equal(0, route.CountCards(Zora, "Zorgwekkend ziekteverzuim"));
        await route.SetClockAsync(At(10, 16, 8, 30));
        var zorgwekkend = await route.WaitForCardAsync(Zora, "Zorgwekkend ziekteverzuim");
        var mentorsCopy = await route.WaitForCardAsync(Max, "Zorgwekkend ziekteverzuim");
        Assert.Contains("OEN", Plain(zorgwekkend), StringComparison.Ordinal);
        Assert.Equal(0, route.CountCards(Zora, "Geen mentorcontact gemeld"));

        var gesprek = await route.PressAsync(Zora, zorgwekkend, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-16", ["uitkomst"] = "advies-jeugdarts" });
        Assert.Contains("advies jeugdarts nodig", gesprek.Text, StringComparison.Ordinal);
        Assert.Contains("Al afgehandeld", (await route.PressAsync(Max, mentorsCopy, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-16", ["uitkomst"] = "monitoring" })).Text, StringComparison.Ordinal);

        // Stap 4: the aanmeldingsformulier, with the verzuimoverzicht filled in from the dossier; the jeugdarts is in Teams.
        var form = await route.WaitForCardAsync(Zora, "Aanmelding jeugdarts: Daan de Vries");
        Assert.Contains("ziek, nog niet beter gemeld (6 schooldagen)", Plain(form), StringComparison.Ordinal);
        var sent = await route.PressAsync(Zora, form, "aanmelding.maken", new() { ["hulpvraag"] = "Wat kan Daan aan?", ["alGedaan"] = "Gesprek met ouders", ["besprokenOp"] = "2026-10-16" });
        Assert.Contains("via Teams naar de jeugdarts", sent.Text, StringComparison.Ordinal);
        var aanmelding = await route.WaitForCardAsync(Jasper, "Aanmelding jeugdarts: Daan de Vries");
        Assert.Contains("Hulpvraag van de school: Wat kan Daan aan?", Plain(aanmelding), StringComparison.Ordinal);

        // Stap 5: consult after the herfstvakantie; the terugkoppeling form comes with it, with the seed's options verbatim.
        var consult = await route.PressAsync(Jasper, aanmelding, "consult.opslaan", new() { ["consultDatum"] = "2026-10-27" });
        Assert.True(consult.ReplacedCard);
        Assert.Contains("Bij eerstvolgende ziekmelding opnieuw aanmelden bij de jeugdarts", consult.Text, StringComparison.Ordinal);
        await route.SetClockAsync(At(10, 27, 14, 0));
        var terugkoppeling = await route.PressAsync(Jasper, consult.Value, "terugkoppeling.opslaan", new()
        {
            ["resultaat"] = "ouder-en-leerling", ["conclusie"] = "deels", ["toestemming"] = "ja", ["informatie"] = "Halve dagen", ["afspraken"] = "Opbouw in 3 weken",
            ["acties"] = "vervolgafspraak", ["vervolgTermijn"] = "4 weken", ["advies"] = "jeugdarts",
        });
        Assert.Contains("Terugkoppeling verstuurd", terugkoppeling.Text, StringComparison.Ordinal);

        // The school sees what the form shares, and records the plan van aanpak with a regiepersoon.
        var forSchool = await route.WaitForCardAsync(Zora, "Terugkoppeling van de jeugdarts");
        Assert.Contains("Kan deels deelnemen", Plain(forSchool), StringComparison.Ordinal);
        Assert.Contains("Halve dagen", Plain(forSchool), StringComparison.Ordinal);
        var plan = await route.PressAsync(Zora, forSchool, "plan.opslaan", new() { ["planDatum"] = "2026-10-27", ["regiepersoon"] = Zora.Upn });
        Assert.Contains("dinsdag 24 november 2026", plan.Text, StringComparison.Ordinal);

        // Stap 6: evaluation 4 weeks (20 school days) after the plan: Tue 24 Nov 08:30, not the day before.
        await route.SetClockAsync(At(11, 23, 8, 30));
        Assert.Equal(0, route.CountCards(Zora, "Evaluatie plan van aanpak"));
        await route.SetClockAsync(At(11, 24, 8, 30));
        var evaluation = await route.WaitForCardAsync(Zora, "Evaluatie plan van aanpak");
        Assert.Contains("Wordt het plan van aanpak opgevolgd?", Plain(evaluation), StringComparison.Ordinal);
        var evaluated = await route.PressAsync(Zora, evaluation, "evaluatie.opslaan", new() { ["opgevolgd"] = "ja" });
        // 20 school days on, past the kerstvakantie (19 dec - 3 jan).
        Assert.Contains("dinsdag 5 januari 2027", evaluated.Text, StringComparison.Ordinal);

        // Beter-melding ends the period.
        Assert.Contains(await route.SayAsync(Rita, "beter 123456"), t => t.StartsWith("Beter gemeld: Daan de Vries (2b)", StringComparison.Ordinal));

        // The next ziekmelding goes straight to stap 4 (advies vervolgtraject), via the quick form.
        await route.SetClockAsync(At(11, 30, 8, 0));
        var quick = await route.SayAsync(Rita, "ziekmelding formulier");
        var formCard = route.CardsOf(Rita).Last(c => c.GetRawText().Contains("ziekmelding.opslaan", StringComparison.Ordinal));
        var saved = await route.PressAsync(Rita, formCard, "ziekmelding.opslaan", new() { ["leerling"] = "123456", ["eersteDag"] = "2026-11-30", ["ouderBeltMentor"] = "nee" });
        Assert.Contains("Ziekmelding opgeslagen", saved.Text, StringComparison.Ordinal);
        var straightToAanmelding = await route.WaitForCardAsync(Zora, "Aanmelding jeugdarts: Daan de Vries", skip: 1);
        Assert.Contains("bij eerstvolgende ziekmelding opnieuw aanmelden", Plain(straightToAanmelding), StringComparison.Ordinal);
        Assert.Empty(quick);
    }
}
