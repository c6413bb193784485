using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace VerzuimBot.EndToEnd.Tests;

// Issue 8 "Done when", typed and clicked in the Playground (one user, "speel <rol>" for each role, the demo clock):
// 9 hours logged → ladder card → DUO melding ticked (004 Verzuimschema); four weeks away → leerplicht says ja →
// thuiszitter checklist (004 Werkwijzer) → overleg in the "Kernpartneroverleg" group chat with two kernpartners →
// an agreed action reminded when late (domain.md §6); and a vrijstelling 5a decision by the SWV (002 §7, 000).
[Collection(PlaygroundCollection.Name)]
public sealed class KernpartnersInThePlaygroundTests(PlaygroundFixture playground) : IAsyncLifetime
{
    private static readonly LocatorWaitForOptions Visible = new() { Timeout = 20_000 };
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await playground.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        _page = await _context.NewPageAsync();
        await _page.GotoAsync(playground.PlaygroundUrl);
        await PersonalChatAsync();
    }

    public async Task DisposeAsync()
    {
        var results = Path.Combine(playground.RepoRoot, "tests", "VerzuimBot.EndToEnd.Tests", "TestResults");
        Directory.CreateDirectory(results);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(results, "kernpartners.png"), FullPage = true });
        await File.WriteAllTextAsync(Path.Combine(results, "kernpartners.txt"), await _page.InnerTextAsync("body"));
        await _context.CloseAsync();
    }

    [Fact]
    public async Task LadderThuiszitterOverlegAndVrijstelling_InTeams()
    {
        // The hours ladder: Zoë is away 9 lesuren without leave on Monday 2 November 2026.
        await SayAsync("tijd 02-11-2026 09:00", "maandag 2 november 2026 09:00");
        await SayAsync("speel receptie", "Je speelt nu Rita Receptie");
        await SayAsync("9 uur ongeoorloofd 124004", "Vastgelegd: 9 uur ongeoorloofd verzuim van Zoë de Boer (2b)");
        await SayAsync("speel verzuimcoördinator", "Je speelt nu Vera");
        var rung = await CardAsync("Verzuimladder 9 uur: Zoë de Boer (2b)");
        await rung.GetByText("Melding DUO-verzuimloket (1e melding) met referentienummer").ClickAsync();
        await rung.GetByLabel("Referentienummer van de melding").First.FillAsync("DUO-2026-1102");
        await rung.GetByRole(AriaRole.Button, new() { Name = "Afvinken" }).ClickAsync();
        await CardAsync("DUO-2026-1102");

        // Four weeks away: Liam is sick from Monday 2 November; on Monday 30 November leerplicht judges.
        await SayAsync("speel receptie", "Je speelt nu Rita Receptie");
        await SayAsync("ziek 124005", "Wanneer denkt u dat uw kind weer naar school kan komen?");
        await SayAsync("weet ik niet", "Als dat toch niet lukt");
        await SayAsync("nee", "Klopt dit?");
        await SayAsync("ja", "Ziekmelding opgeslagen: Liam Smit (1c)");
        await SayAsync("speel leerplicht", "Je speelt nu Lotte Leerplicht");
        await SayAsync("tijd 30-11-2026 08:30", "maandag 30 november 2026 08:30");
        var judgement = await CardAsync("Thuiszitter volgens de definitie? Liam Smit (1c)");
        await judgement.GetByRole(AriaRole.Button, new() { Name = "Ja, thuiszitter" }).ClickAsync();
        await CardAsync("Thuiszitter: Liam Smit (1c)");

        // The school's checklist: the zorgcoördinator ticks "gemeld bij het samenwerkingsverband".
        await SayAsync("speel zorgcoördinator", "Je speelt nu Zora");
        await SayAsync("thuiszitter 124005", "Thuiszitter: Liam Smit (1c)");
        var casus = await CardAsync("Leerling gemeld bij het samenwerkingsverband als thuiszitter");
        await casus.GetByRole(AriaRole.Button, new() { Name = "Afvinken" }).Nth(1).ClickAsync();
        await _page.Locator(".ac-adaptiveCard", new() { HasText = "Liam Smit" }).Filter(new() { HasText = "SWV" }).Last.WaitForAsync(Visible);

        // The overleg: the group chat is offered first, then the zorgcoördinator decides with leerplicht and the SWV.
        await GroupChatAsync();
        await MentionAsync("overleg hier Kernpartneroverleg", "Kernpartneroverleg");
        await PersonalChatAsync();
        await SayAsync("overleg 124005", "Overleg met kernpartners: Liam Smit (1c)");
        var besluit = await CardAsync("Overleg met kernpartners: Liam Smit (1c)");
        await besluit.GetByRole(AriaRole.Radio, new() { Name = "Kernpartneroverleg" }).CheckAsync();
        await besluit.GetByRole(AriaRole.Checkbox, new() { Name = "School" }).CheckAsync();
        await besluit.GetByRole(AriaRole.Checkbox, new() { Name = "Leerplicht (RBL)" }).CheckAsync();
        await besluit.GetByRole(AriaRole.Checkbox, new() { Name = "Samenwerkingsverband (SWV)" }).CheckAsync();
        await besluit.GetByLabel("Reden of toelichting").FillAsync("Vier weken thuis, plan van aanpak nodig");
        await besluit.GetByRole(AriaRole.Button, new() { Name = "Overleg gewenst" }).ClickAsync();
        await CardAsync("Overleg gewenst");

        // In the group chat: the summary without the name, and an action for leerplicht, due Friday 4 December.
        await GroupChatAsync();
        var summary = _page.Locator(".ac-adaptiveCard", new() { HasText = "lln. 124005" }).Last;
        await summary.WaitForAsync(Visible);
        Assert.DoesNotContain("Liam", await summary.InnerTextAsync(), StringComparison.Ordinal);
        await summary.GetByRole(AriaRole.Button, new() { Name = "Actie afspreken" }).ClickAsync();
        await summary.GetByLabel("Actie (geen medische details)").FillAsync("Huisbezoek met de ouders plannen");
        await summary.GetByRole(AriaRole.Combobox, new() { Name = "Wie voert de actie uit?" }).ClickAsync();
        await _page.GetByRole(AriaRole.Option, new() { Name = "Leerplicht: leerplichtambtenaar" }).ClickAsync();
        var due = summary.GetByRole(AriaRole.Combobox, new() { Name = "Uiterlijk op" });
        await due.FillAsync("12/4/2026");
        await due.PressAsync("Escape");
        await summary.GetByRole(AriaRole.Button, new() { Name = "Actie vastleggen" }).ClickAsync();
        await _page.Locator(".ac-adaptiveCard", new() { HasText = "Huisbezoek met de ouders plannen" }).Last.WaitForAsync(Visible);

        // Not done by Friday: on Monday 7 December leerplicht gets "te laat".
        await PersonalChatAsync();
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
        await _page.Locator(".ac-adaptiveCard", new() { HasTextRegex = new Regex("SWV: passend onderwijs mogelijk", RegexOptions.IgnoreCase) }).Last.WaitForAsync(Visible);
    }

    private Task PersonalChatAsync() => _page.GetByRole(AriaRole.Treeitem, new() { Name = "Personal Chat" }).ClickAsync();

    private Task GroupChatAsync() => _page.GetByRole(AriaRole.Treeitem, new() { Name = "Kernpartneroverleg" }).ClickAsync();

    private async Task SayAsync(string text, string expected)
    {
        var answers = Answers(expected);
        var before = await answers.CountAsync();
        var box = _page.GetByRole(AriaRole.Textbox).Last;
        await box.ClickAsync();
        await _page.Keyboard.TypeAsync(text);
        await _page.Keyboard.PressAsync("Enter");
        await answers.Nth(before).WaitForAsync(Visible);
    }

    /// <summary>"@VerzuimBot &lt;text&gt;" in the group chat, typed with the compose box's mention picker.</summary>
    private async Task MentionAsync(string text, string expected)
    {
        var answers = Answers(expected);
        var before = await answers.CountAsync();
        await _page.GetByRole(AriaRole.Textbox).Last.ClickAsync();
        await _page.Keyboard.TypeAsync("@Verzuim");
        await _page.GetByRole(AriaRole.Menuitem, new() { Name = "VerzuimBot" }).ClickAsync();
        await _page.Keyboard.TypeAsync(" " + text);
        await _page.Keyboard.PressAsync("Enter");
        await answers.Nth(before).WaitForAsync(Visible);
    }

    /// <summary>Bot messages and cards showing <paramref name="text"/>, not the Log Panel's lines.</summary>
    private ILocator Answers(string text) => _page.Locator(".fai-OutputCard, .ac-adaptiveCard", new() { HasText = text });

    /// <summary>The newest card showing <paramref name="text"/>.</summary>
    private async Task<ILocator> CardAsync(string text)
    {
        var card = _page.Locator(".ac-adaptiveCard", new() { HasText = text }).Last;
        await card.WaitForAsync(Visible);
        return card;
    }
}
