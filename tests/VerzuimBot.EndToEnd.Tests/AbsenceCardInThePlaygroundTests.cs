using Microsoft.Playwright;

namespace VerzuimBot.EndToEnd.Tests;

// issue 4 item 6: a card with Input.Text / Input.ChoiceSet / Input.Date, submitted by Action.Execute
// and by Action.Submit in the Playground's own card renderer, replaced in place each time.
[Collection(PlaygroundCollection.Name)]
public sealed class AbsenceCardInThePlaygroundTests(PlaygroundFixture playground) : IAsyncLifetime
{
    private static readonly LocatorWaitForOptions Visible = new() { Timeout = 20_000 };
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await playground.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        _page = await _context.NewPageAsync();
        await _page.GotoAsync(playground.PlaygroundUrl);
        await _page.GetByRole(AriaRole.Treeitem, new() { Name = "Personal Chat" }).ClickAsync();
    }

    public async Task DisposeAsync()
    {
        var results = Path.Combine(playground.RepoRoot, "tests", "VerzuimBot.EndToEnd.Tests", "TestResults");
        Directory.CreateDirectory(results);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(results, $"afwezigheid-{Guid.NewGuid():N}.png"), FullPage = true });
        await _context.CloseAsync();
    }

    [Fact]
    public async Task ExecuteThenSubmit_EachReplacesTheCardInPlace()
    {
        var form = await OpenFormAsync();
        await FillAsync(form, "zora.zorg@demoschool.example.nl", "Verlof");
        await form.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        var saved = _page.Locator(".ac-adaptiveCard", new() { HasText = "Opgeslagen" });
        await saved.WaitForAsync(Visible);
        Assert.Contains("(verlof)", await saved.InnerTextAsync());
        Assert.Equal(0, await _page.Locator(".ac-adaptiveCard", new() { HasText = "Afwezigheid doorgeven" }).CountAsync());

        var second = await OpenFormAsync();
        await FillAsync(second, "max.mentor@demoschool.example.nl", "Scholing");
        await second.GetByRole(AriaRole.Button, new() { Name = "Wissen" }).ClickAsync();
        await _page.Locator(".ac-adaptiveCard", new() { HasText = "Afwezigheid gewist" }).WaitForAsync(Visible);
        await _page.Locator(".ac-adaptiveCard", new() { HasText = "Afwezigheid doorgeven" }).WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 20_000 });
    }

    private async Task<ILocator> OpenFormAsync()
    {
        var box = _page.GetByRole(AriaRole.Textbox).First;
        await box.ClickAsync();
        await _page.Keyboard.TypeAsync("afwezig formulier");
        await _page.Keyboard.PressAsync("Enter");
        var form = _page.Locator(".ac-adaptiveCard", new() { HasText = "Afwezigheid doorgeven" }).Last;
        await form.WaitForAsync(Visible);
        return form;
    }

    private async Task FillAsync(ILocator form, string email, string reason)
    {
        await form.GetByLabel("Vervanger (e-mailadres)").FillAsync(email);
        await form.GetByRole(AriaRole.Combobox, new() { Name = "Reden" }).ClickAsync();
        await _page.GetByRole(AriaRole.Option, new() { Name = reason }).ClickAsync();
        var date = form.GetByRole(AriaRole.Combobox, new() { Name = "Afwezig tot en met" });
        await date.FillAsync("6/28/2030");
        await date.PressAsync("Escape");
    }
}
