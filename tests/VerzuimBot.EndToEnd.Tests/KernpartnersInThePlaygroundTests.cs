using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace VerzuimBot.EndToEnd.Tests;

// Issue 8 "Done when", typed and clicked in the Playground (one user, "speel <rol>" for each role, the demo clock):
// 9 hours logged → ladder card → DUO melding ticked (004 Verzuimschema); four weeks away, sick or without leave →
// leerplicht says ja →
// thuiszitter checklist (004 Werkwijzer) → overleg in the "Kernpartneroverleg" group chat with two kernpartners →
// an agreed action reminded when late (domain.md §6); and a vrijstelling 5a decision by the SWV (002 §7, 000).
[Collection(PlaygroundCollection.Name)]
public sealed class KernpartnersInThePlaygroundTests(PlaygroundFixture playground) : PlaygroundConversation(playground, "kernpartners")
{
    [Fact]
    public async Task LadderThuiszitterOverlegAndVrijstelling_InTeams()
    {
        // The hours ladder: Zoë is away 9 lesuren without leave on Monday 2 November 2026.
        await SayAsync("tijd 02-11-2026 09:00", "maandag 2 november 2026 09:00");
        await SayAsync("speel receptie", "Je speelt nu Rita Receptie");
        await SayAsync("9 uur ongeoorloofd 124004", "Vastgelegd: 9 uur ongeoorloofd verzuim van Zoë de Boer (2b)");
        await SayAsync("speel verzuimcoördinator", "Je speelt nu Vera");

        // The three rungs come as one morning overview (issue 21 item 3), in ladder order; the 9-hour rung is opened on it.
        var overview = await CardAsync("Je taken voor vandaag");
        Assert.Matches("Acties verzuimladder afvinken \\(3 uur\\)[\\s\\S]*\\(6 uur\\)[\\s\\S]*\\(9 uur\\)", await overview.InnerTextAsync());
        await DocumentAsync(overview, "ochtendoverzicht.png");
        var rung = await CardAsync("Verzuimladder 9 uur: Zoë de Boer (2b)");
        await rung.GetByText("Melding DUO-verzuimloket (1e melding) met referentienummer").ClickAsync();
        await rung.GetByLabel("Referentienummer van de melding").First.FillAsync("DUO-2026-1102");
        await rung.GetByRole(AriaRole.Button, new() { Name = "Afvinken" }).ClickAsync();
        await CardAsync("DUO-2026-1102");

        // Four weeks away without leave (004 Werkwijzer punt 2, "ook wegens ziekte" — any reason): Sara stays away from today.
        await SayAsync("speel receptie", "Je speelt nu Rita Receptie");
        await SayAsync("ongeoorloofd afwezig 124003", "Vastgelegd: Sara el Amrani (3a) ongeoorloofd afwezig vanaf maandag 2 november 2026");

        // Four weeks away: Liam is sick from Monday 2 November; on Monday 30 November leerplicht judges.
        await SayAsync("ziek 124005", "Wanneer denkt u dat uw kind weer naar school kan komen?");
        await SayAsync("weet ik niet", "Als dat toch niet lukt");
        await SayAsync("nee", "Klopt dit?");
        await SayAsync("ja", "Ziekmelding opgeslagen: Liam Smit (1c)");
        await SayAsync("speel leerplicht", "Je speelt nu Lotte Leerplicht");
        await SayAsync("tijd 30-11-2026 08:30", "maandag 30 november 2026 08:30");
        var judgement = await CardAsync("Thuiszitter volgens de definitie? Liam Smit (1c)");
        await judgement.GetByRole(AriaRole.Button, new() { Name = "Ja, thuiszitter" }).ClickAsync();
        await CardAsync("Thuiszitter: Liam Smit (1c)");

        // Sara's four weeks without leave reach leerplicht the same morning, as type 3 (002 §2.2).
        var withoutLeave = await CardAsync("Thuiszitter volgens de definitie? Sara el Amrani (3a)");
        Assert.Contains("type 3 (ongeoorloofd verzuim langere periode)", await withoutLeave.InnerTextAsync(), StringComparison.Ordinal);
        await withoutLeave.GetByRole(AriaRole.Button, new() { Name = "Ja, thuiszitter" }).ClickAsync();
        await CardAsync("Thuiszitter: Sara el Amrani (3a)");

        // The school's checklist: the zorgcoördinator ticks "gemeld bij het samenwerkingsverband".
        await SayAsync("speel zorgcoördinator", "Je speelt nu Zora");
        await SayAsync("thuiszitter 124005", "Thuiszitter: Liam Smit (1c)");
        var casus = await CardAsync("Leerling gemeld bij het samenwerkingsverband als thuiszitter");
        await casus.GetByRole(AriaRole.Button, new() { Name = "Afvinken" }).Nth(1).ClickAsync();
        await Page.Locator(".ac-adaptiveCard", new() { HasText = "Liam Smit" }).Filter(new() { HasText = "SWV" }).Last.WaitForAsync(Visible);

        // The overleg: the group chat is offered first, then the zorgcoördinator decides with leerplicht and the SWV.
        await OpenAsync("Kernpartneroverleg");
        await MentionAsync("overleg hier Kernpartneroverleg", "Deze groepschat (\"Kernpartneroverleg\") kan nu gekozen worden");
        await OpenAsync("Personal Chat");
        await SayAsync("overleg 124005", "Overleg met kernpartners: Liam Smit (1c)");
        var besluit = await CardAsync("Overleg met kernpartners: Liam Smit (1c)");
        await besluit.GetByRole(AriaRole.Radio, new() { Name = "Kernpartneroverleg" }).CheckAsync();
        await besluit.GetByRole(AriaRole.Checkbox, new() { Name = "School" }).CheckAsync();
        await besluit.GetByRole(AriaRole.Checkbox, new() { Name = "Leerplicht (RBL)" }).CheckAsync();
        await besluit.GetByRole(AriaRole.Checkbox, new() { Name = "Samenwerkingsverband (SWV)" }).CheckAsync();
        await besluit.GetByLabel("Reden of toelichting").FillAsync("Vier weken thuis, plan van aanpak nodig");
        await besluit.GetByRole(AriaRole.Button, new() { Name = "Overleg gewenst" }).ClickAsync();

        // The group chat also holds the mentor of another class and the jeugdarts, who have no role for Liam: the bot says
        // so before anything is posted (domain.md §8), and the zorgcoördinator confirms the chat.
        var check = await CardAsync("zitten Jasper Jeugdarts, Max Mentor, zonder rol bij deze leerling");
        await check.GetByRole(AriaRole.Button, new() { Name = "Toch in deze groepschat" }).ClickAsync();
        await CardAsync("Overleg gewenst");

        // In the group chat: the summary without the name, and an action for leerplicht, due Friday 4 December.
        await OpenAsync("Kernpartneroverleg");
        var summary = Page.Locator(".ac-adaptiveCard", new() { HasText = "lln. 124005" }).Last;
        await summary.WaitForAsync(Visible);
        Assert.DoesNotContain("Liam", await summary.InnerTextAsync(), StringComparison.Ordinal);
        await summary.GetByRole(AriaRole.Button, new() { Name = "Actie afspreken" }).ClickAsync();
        await summary.GetByLabel("Actie (geen medische details)").FillAsync("Huisbezoek met de ouders plannen");
        await summary.GetByRole(AriaRole.Combobox, new() { Name = "Wie voert de actie uit?" }).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = "Leerplicht: leerplichtambtenaar" }).ClickAsync();
        var due = summary.GetByRole(AriaRole.Combobox, new() { Name = "Uiterlijk op" });
        await due.FillAsync("12/4/2026");
        await due.PressAsync("Escape");
        await summary.GetByRole(AriaRole.Button, new() { Name = "Actie vastleggen" }).ClickAsync();
        await Page.Locator(".ac-adaptiveCard", new() { HasText = "Huisbezoek met de ouders plannen" }).Last.WaitForAsync(Visible);

        // Not done by Friday: on Monday 7 December leerplicht gets "te laat".
        await OpenAsync("Personal Chat");
        await SayAsync("tijd 07-12-2026 08:30", "maandag 7 december 2026 08:30");
        await CardAsync("Actie uit het overleg is te laat: Liam Smit (1c)");

        // Vrijstelling 5a: leerplicht records the aanvraag, the jeugdarts puts it to the SWV, the SWV answers.
        await SayAsync("speel leerplicht", "Je speelt nu Lotte Leerplicht");
        await SayAsync("vrijstelling 124005", "Vrijstelling 5a");
        var aanvraag = await CardAsync("Aanvraag vastleggen, jeugdarts inschakelen");
        var reden = aanvraag.GetByRole(AriaRole.Textbox).First;
        await reden.FillAsync("Verklaring van de behandelaar ontvangen");
        await aanvraag.GetByRole(AriaRole.Button, new() { Name = "Aanvraag vastleggen, jeugdarts inschakelen" }).ClickAsync();
        await SayAsync("speel jeugdarts", "Je speelt nu Jasper Jeugdarts");
        await SayAsync("tijd +1 schooldag", "dinsdag 8 december 2026 08:30");
        var onderzoek = await CardAsync("Voorleggen aan het SWV");
        await onderzoek.GetByRole(AriaRole.Button, new() { Name = "Voorleggen aan het SWV" }).ClickAsync();
        await SayAsync("speel swv", "Je speelt nu Sanne SWV");
        await SayAsync("tijd +1 schooldag", "woensdag 9 december 2026 08:30");
        var swv = await CardAsync("Geen passend onderwijs mogelijk");
        await swv.GetByRole(AriaRole.Textbox).First.FillAsync("Plaatsing in de reboundvoorziening met zorg erbij is mogelijk");
        await swv.GetByRole(AriaRole.Button, new() { Name = "Passend onderwijs mogelijk", Exact = true }).ClickAsync();
        await Page.Locator(".ac-adaptiveCard", new() { HasTextRegex = new Regex("SWV: passend onderwijs mogelijk", RegexOptions.IgnoreCase) }).Last.WaitForAsync(Visible);
    }
}
