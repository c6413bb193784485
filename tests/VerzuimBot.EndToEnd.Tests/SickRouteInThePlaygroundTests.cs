using Microsoft.Playwright;

namespace VerzuimBot.EndToEnd.Tests;

// issue 6 "Done when": the whole sick-absence route (002 Bijlage 1, stap 1-6) in the Playground, typed
// and clicked as a person would, with the demo clock and "speel <rol>" because the Playground has one user.
[Collection(PlaygroundCollection.Name)]
public sealed class SickRouteInThePlaygroundTests(PlaygroundFixture playground) : PlaygroundConversation(playground, "ziekteroute")
{
    [Fact]
    public async Task ZiekmeldingOnAFriday_ToEvaluation_AndTheSecondZiekmeldingGoesStraightToAanmelding()
    {
        // Stap 1 on Friday 9 October 2026, 08:30, by chat.
        await SayAsync("tijd 09-10-2026 08:30", "vrijdag 9 oktober 2026 08:30");
        await SayAsync("speel receptie", "Je speelt nu Rita Receptie");
        await SayAsync("ziek Daan", "2. Daan de Vries (2b)");
        await SayAsync("2", "Wanneer denkt u dat uw kind weer naar school kan komen?");
        await SayAsync("weet ik niet", "Als dat toch niet lukt, wilt u dan zelf contact opnemen met de mentor?");
        await SayAsync("ja", "Klopt dit?");
        await SayAsync("ja", "Ziekmelding opgeslagen");
        await CardAsync("Ziekmelding van je mentorleerling");

        // Stap 2: the 3rd school day (Tuesday 13 October), "niet bereikt", asked again the next school day, "contact gehad".
        await SayAsync("speel mentor", "Je speelt nu Max Mentor");
        await SayAsync("tijd +2 schooldagen", "dinsdag 13 oktober 2026 08:30");
        var reminder = await CardAsync("Neem contact op");
        await reminder.GetByRole(AriaRole.Button, new() { Name = "Niet bereikt" }).ClickAsync();
        await CardAsync("woensdag 14 oktober 2026");
        await SayAsync("tijd +1 schooldag", "woensdag 14 oktober 2026 08:30");
        var again = await CardAsync("Probeer het vandaag opnieuw");
        await again.GetByRole(AriaRole.Button, new() { Name = "Contact gehad" }).ClickAsync();
        await again.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await CardAsync("Contact gehad met de ouders");

        // Stap 3: the absence goes on past 5 school days (Friday 16 October): the zorgcoördinator chooses "advies jeugdarts".
        await SayAsync("speel zorgcoördinator", "Je speelt nu Zora");
        await SayAsync("tijd +2 schooldagen", "vrijdag 16 oktober 2026 08:30");
        var zorgwekkend = await CardAsync("Zorgwekkend ziekteverzuim");
        await zorgwekkend.GetByText("Advies van de jeugdarts nodig: aanmelden bij de jeugdarts").ClickAsync();
        await zorgwekkend.GetByRole(AriaRole.Button, new() { Name = "Uitkomst opslaan" }).ClickAsync();
        await CardAsync("Gesprek met de ouders vastgelegd");

        // Stap 4: the aanmeldingsformulier, sent to the jeugdarts in Teams.
        var form = await CardAsync("Aanmelding maken");
        await form.GetByLabel("Hulpvraag van de school").FillAsync("Wat kan Daan op school aan?");
        await form.GetByLabel("Wat heeft de school al gedaan?").FillAsync("Gesprek met ouders en mentorcontact");
        var discussed = form.GetByRole(AriaRole.Combobox, new() { Name = "Aanmelding besproken met ouders en leerling op" });
        await discussed.FillAsync("10/16/2026");
        await discussed.PressAsync("Escape");
        await form.GetByRole(AriaRole.Button, new() { Name = "Aanmelding maken" }).ClickAsync();
        await CardAsync("Aanmelding jeugdarts verstuurd");

        // Stap 5: the jeugdarts registers the consult and fills in the terugkoppeling with the seed's options.
        await SayAsync("speel jeugdarts", "Je speelt nu Jasper Jeugdarts");
        var consult = await CardAsync("Consultdatum opslaan");
        var date = consult.GetByRole(AriaRole.Combobox, new() { Name = "Datum consult" });
        await date.FillAsync("10/27/2026");
        await date.PressAsync("Escape");
        await consult.GetByRole(AriaRole.Button, new() { Name = "Consultdatum opslaan" }).ClickAsync();
        var terugkoppeling = await CardAsync("Terugkoppeling versturen");
        await terugkoppeling.GetByText("Ouder en leerling verschenen", new() { Exact = true }).ClickAsync();
        await terugkoppeling.GetByText("Kan deels deelnemen", new() { Exact = true }).ClickAsync();
        await terugkoppeling.GetByText("Bij eerstvolgende ziekmelding opnieuw aanmelden bij de jeugdarts", new() { Exact = true }).ClickAsync();
        await terugkoppeling.GetByRole(AriaRole.Button, new() { Name = "Terugkoppeling versturen" }).ClickAsync();
        await CardAsync("Terugkoppeling verstuurd");

        // Stap 6: the school records the plan van aanpak; 4 weeks (20 school days, herfstvakantie skipped) later the evaluation.
        await SayAsync("speel zorgcoördinator", "Je speelt nu Zora");
        var plan = await CardAsync("Plan van aanpak vastleggen");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Plan van aanpak vastleggen" }).ClickAsync();
        await CardAsync("vrijdag 20 november 2026");
        await SayAsync("tijd +20 schooldagen", "vrijdag 20 november 2026 08:30");
        var evaluation = await CardAsync("Wordt het plan van aanpak opgevolgd?");
        await evaluation.GetByText("Ja", new() { Exact = true }).ClickAsync();
        await evaluation.GetByRole(AriaRole.Button, new() { Name = "Evaluatie opslaan" }).ClickAsync();
        await CardAsync("Plan van aanpak wordt opgevolgd");

        // Beter-melding, then a new ziekmelding goes straight to the aanmelding (advies vervolgtraject).
        await SayAsync("speel receptie", "Je speelt nu Rita Receptie");
        await SayAsync("beter 123456", "Beter gemeld: Daan de Vries (2b)");
        await SayAsync("tijd +1 schooldag", "maandag 23 november 2026 08:30");
        await SayAsync("ziek 123456", "Wanneer denkt u");
        await SayAsync("weet ik niet", "Als dat toch niet lukt");
        await SayAsync("nee", "Klopt dit?");
        await SayAsync("ja", "Ziekmelding opgeslagen");
        await CardAsync("advies jeugdarts: bij eerstvolgende ziekmelding opnieuw aanmelden");
    }
}
