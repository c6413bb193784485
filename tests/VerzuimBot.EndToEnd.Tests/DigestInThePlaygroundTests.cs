using System.Text;
using Microsoft.Playwright;

namespace VerzuimBot.EndToEnd.Tests;

// Issue 9 "Done when": the SWV digest in a team channel of the Playground, its export downloaded by clicking, and the
// Monday 08:30 post (profile utrecht-west-vo; 000 / 002 §8.1: the 8-weekly RBL–SWV overview comes first).
[Collection(PlaygroundCollection.Name)]
public sealed class DigestInThePlaygroundTests(PlaygroundFixture playground) : IAsyncLifetime
{
    private static readonly LocatorWaitForOptions Visible = new() { Timeout = 20_000 };
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await playground.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, AcceptDownloads = true });
        _page = await _context.NewPageAsync();
        await _page.GotoAsync(playground.PlaygroundUrl);
        await _page.GetByRole(AriaRole.Treeitem, new() { Name = "Personal Chat" }).ClickAsync();
    }

    public async Task DisposeAsync()
    {
        var results = Path.Combine(playground.RepoRoot, "tests", "VerzuimBot.EndToEnd.Tests", "TestResults");
        Directory.CreateDirectory(results);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(results, "swv-overzicht.png"), FullPage = true });
        await File.WriteAllTextAsync(Path.Combine(results, "swv-overzicht.txt"), await _page.InnerTextAsync("body"));
        await _context.CloseAsync();
    }

    [Fact]
    public async Task TheSwvChannelGetsTheDigest_OnDemandAndOnMonday_AndTheExportDownloads()
    {
        // Noah is reported sick on Monday 23 November 2026, so the digest has someone to count.
        await SayAsync("tijd 23-11-2026 09:00", "maandag 23 november 2026 09:00");
        await SayAsync("speel receptie", "Je speelt nu Rita Receptie");
        await SayAsync("ziek 124002", "Wanneer denkt u dat uw kind weer naar school kan komen?");
        await SayAsync("weet ik niet", "Als dat toch niet lukt");
        await SayAsync("nee", "Klopt dit?");
        await SayAsync("ja", "Ziekmelding opgeslagen");
        await SayAsync("speel swv", "Je speelt nu Sanne SWV");

        // In the SWV's channel: subscribe it, then ask for the digest now.
        await _page.GetByRole(AriaRole.Treeitem, new() { Name = "Samenwerkingsverband Demo - Thuiszitters" }).ClickAsync();
        await MentionInChannelAsync("overzicht hier", "Vanaf nu zet ik hier elke maandag om 08:30 het overzicht");
        await MentionInChannelAsync("overzicht", "Overzicht thuiszitters en verzuim");
        var digest = _page.Locator(".ac-adaptiveCard", new() { HasText = "Overzicht thuiszitters en verzuim" }).Last;
        await digest.GetByText("Afwezig nu").WaitForAsync(Visible);
        Assert.Matches(@"Tot 4 weken\s+[1-9]", await digest.InnerTextAsync()); // Noah counts, and Teams shows the count

        // The export: the button gives a link card, the link downloads the CSV for Dutch Excel.
        await digest.GetByRole(AriaRole.Button, new() { Name = "Download export (CSV)" }).ClickAsync();
        var export = _page.Locator(".ac-adaptiveCard", new() { HasText = "Export van het overzicht" }).Last;
        await export.WaitForAsync(Visible);
        var downloaded = new TaskCompletionSource<IDownload>(TaskCreationOptions.RunContinuationsAsynchronously);
        _page.Download += (_, d) => downloaded.TrySetResult(d);
        _context.Page += (_, popup) => popup.Download += (_, d) => downloaded.TrySetResult(d);
        await export.GetByText("Download CSV", new() { Exact = true }).ClickAsync();
        var download = await downloaded.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("overzicht-SWV-DEMO-2026-11-23.csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("Onderdeel;School;Categorie;Waarde", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Noah", csv, StringComparison.Ordinal);

        // Monday 30 November 08:30: the scheduled post appears as a new post in the channel by itself.
        await _page.GetByRole(AriaRole.Treeitem, new() { Name = "Personal Chat" }).ClickAsync();
        await SayAsync("tijd 30-11-2026 08:30", "maandag 30 november 2026 08:30");
        await _page.GetByRole(AriaRole.Treeitem, new() { Name = "Samenwerkingsverband Demo - Thuiszitters" }).ClickAsync();
        await _page.Locator(".ac-adaptiveCard", new() { HasText = "Overzicht voor het 8-wekelijks overleg RBL–SWV" }).First.WaitForAsync(new() { Timeout = 30_000 });
    }

    private async Task SayAsync(string text, string expected)
    {
        var before = await _page.Locator(".fai-OutputCard", new() { HasText = expected }).CountAsync();
        var box = _page.GetByRole(AriaRole.Textbox).Last;
        await box.ClickAsync();
        await _page.Keyboard.TypeAsync(text);
        await _page.Keyboard.PressAsync("Enter");
        await _page.Locator(".fai-OutputCard", new() { HasText = expected }).Nth(before).WaitForAsync(Visible);
    }

    /// <summary>"@VerzuimBot &lt;text&gt;" as a new post in the channel, typed with the compose box's mention picker.</summary>
    private async Task MentionInChannelAsync(string text, string expected)
    {
        // The bot's answer in the thread, not its line in the Log Panel.
        var answers = _page.GetByText(expected).Filter(new() { HasNotText = "User Application" });
        var before = await answers.CountAsync();
        await _page.GetByRole(AriaRole.Textbox).First.ClickAsync();
        await _page.Keyboard.TypeAsync("@Verzuim");
        await _page.GetByRole(AriaRole.Menuitem, new() { Name = "VerzuimBot" }).ClickAsync();
        await _page.Keyboard.TypeAsync(" " + text);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await answers.Nth(before).WaitForAsync(Visible);
    }
}
