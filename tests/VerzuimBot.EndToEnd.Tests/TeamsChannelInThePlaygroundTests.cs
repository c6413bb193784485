using System.Net.Http.Json;
using Microsoft.Playwright;

namespace VerzuimBot.EndToEnd.Tests;

// issue 4 item 6: the protocol layer proven in the browser against the Microsoft 365 Agents Playground.
[Collection(PlaygroundCollection.Name)]
public sealed class TeamsChannelInThePlaygroundTests(PlaygroundFixture playground) : IAsyncLifetime
{
    private static readonly LocatorWaitForOptions Visible = new() { Timeout = 20_000 };
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await playground.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        _page = await _context.NewPageAsync();
        await _page.GotoAsync(playground.PlaygroundUrl);
    }

    public async Task DisposeAsync()
    {
        var results = Path.Combine(playground.RepoRoot, "tests", "VerzuimBot.EndToEnd.Tests", "TestResults");
        Directory.CreateDirectory(results);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(results, $"{Guid.NewGuid():N}.png") });
        await _context.CloseAsync();
    }

    [Fact]
    public async Task PersonalChat_InstallShowsWelcomeCard_HelpListsTheCommands_AndProactiveMessageArrives()
    {
        await _page.GetByRole(AriaRole.Treeitem, new() { Name = "Personal Chat" }).ClickAsync();
        await _page.Locator(".ac-adaptiveCard", new() { HasText = "Welkom bij VerzuimBot" }).First.WaitForAsync(Visible);

        var box = _page.GetByRole(AriaRole.Textbox).First;
        await box.ClickAsync();
        await _page.Keyboard.TypeAsync("help");
        await _page.Keyboard.PressAsync("Enter");
        var help = _page.Locator(".ac-adaptiveCard", new() { HasText = "Wat kan ik voor je doen" });
        await help.WaitForAsync(Visible);
        // Help fits the person (issue 21 item 7): their role's commands with examples; the rest behind a button.
        Assert.Contains("ziek Daan", await help.InnerTextAsync());
        await PlaygroundConversation.DocumentAsync(help, "help-kaart.png");
        await help.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Alle opdrachten") }).ClickAsync();
        await help.GetByText("wie ben ik").First.WaitForAsync(Visible);

        await box.ClickAsync();
        await _page.Keyboard.TypeAsync("banaan");
        await _page.Keyboard.PressAsync("Enter");
        await _page.Locator(".fai-OutputCard", new() { HasText = "Dat begrijp ik niet" }).First.WaitForAsync(Visible);

        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{playground.BotUrl}/api/dev/proactive", new { tenantId = PlaygroundFixture.Tenant, userAadObjectId = PlaygroundFixture.RitaAad, text = "Herinnering van VerzuimBot (proactief)" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await _page.Locator(".fai-OutputCard", new() { HasText = "Herinnering van VerzuimBot (proactief)" }).First.WaitForAsync(Visible);
    }

    [Fact]
    public async Task TeamChannel_ProactivePostAppearsAsANewThread()
    {
        await _page.GetByRole(AriaRole.Treeitem, new() { Name = "Samenwerkingsverband Demo - Thuiszitters" }).ClickAsync();

        // Selecting the channel installs the bot there; the bot keeps the channel's reference. Retry until it has.
        using var http = new HttpClient();
        HttpResponseMessage? response = null;
        for (var attempt = 0; attempt < 40; attempt++)
        {
            response = await http.PostAsJsonAsync($"{playground.BotUrl}/api/dev/proactive", new { tenantId = PlaygroundFixture.Tenant, channelId = PlaygroundFixture.ChannelId, text = "Weekoverzicht thuiszitters (proactief)" });
            if (response.IsSuccessStatusCode)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.True(response!.IsSuccessStatusCode, await response.Content.ReadAsStringAsync() + "\n" + playground.Output);
        await _page.GetByText("Weekoverzicht thuiszitters (proactief)", new() { Exact = true }).First.WaitForAsync(Visible);
    }
}
