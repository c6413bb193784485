using Microsoft.Playwright;

namespace VerzuimBot.EndToEnd.Tests;

/// <summary>
/// A browser page on the Playground with the demo user's personal chat open, and the moves a person makes there:
/// type and wait for the bot's answer, find the newest card, mention the bot in a group chat or channel. The page
/// (screenshot and text) is kept in TestResults under <paramref name="name"/> for when a run fails.
/// </summary>
public abstract class PlaygroundConversation(PlaygroundFixture playground, string name) : IAsyncLifetime
{
    protected static readonly LocatorWaitForOptions Visible = new() { Timeout = 20_000 };

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Context = await playground.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, AcceptDownloads = true });
        Page = await Context.NewPageAsync();
        await Page.GotoAsync(playground.PlaygroundUrl);
        await OpenAsync("Personal Chat");
    }

    public async Task DisposeAsync()
    {
        var results = Path.Combine(playground.RepoRoot, "tests", "VerzuimBot.EndToEnd.Tests", "TestResults");
        Directory.CreateDirectory(results);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(results, name + ".png"), FullPage = true });
        await File.WriteAllTextAsync(Path.Combine(results, name + ".txt"), await Page.InnerTextAsync("body"));
        await Context.CloseAsync();
    }

    /// <summary>Opens a chat or channel in the left tree ("Personal Chat", "Kernpartneroverleg", "&lt;team&gt; - &lt;channel&gt;").</summary>
    protected Task OpenAsync(string chat) => Page.GetByRole(AriaRole.Treeitem, new() { Name = chat }).ClickAsync();

    /// <summary>Types in the open chat's compose box and waits for a new bot message or card showing <paramref name="expected"/>.</summary>
    protected async Task SayAsync(string text, string expected)
    {
        var answers = Answers(expected);
        var before = await answers.CountAsync();
        await Page.GetByRole(AriaRole.Textbox).Last.ClickAsync();
        await Page.Keyboard.TypeAsync(text);
        await Page.Keyboard.PressAsync("Enter");
        await answers.Nth(before).WaitForAsync(Visible);
    }

    /// <summary>
    /// "@VerzuimBot &lt;text&gt;" typed with the compose box's mention picker: in a group chat sent with Enter, in a
    /// channel as a new post (the first textbox, then Post).
    /// </summary>
    protected async Task MentionAsync(string text, string expected, bool newChannelPost = false)
    {
        var answers = Answers(expected, newChannelPost);
        var before = await answers.CountAsync();
        var box = newChannelPost ? Page.GetByRole(AriaRole.Textbox).First : Page.GetByRole(AriaRole.Textbox).Last;
        await box.ClickAsync();
        await Page.Keyboard.TypeAsync("@Verzuim");
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = "VerzuimBot" }).ClickAsync();
        await Page.Keyboard.TypeAsync(" " + text);
        if (newChannelPost)
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        }
        else
        {
            await Page.Keyboard.PressAsync("Enter");
        }

        await answers.Nth(before).WaitForAsync(Visible);
    }

    /// <summary>
    /// A picture of <paramref name="card"/> for the documentation (docs/), taken only when VERZUIMBOT_DOC_SHOTS names the
    /// folder to write it to: the walk itself never writes into the repository.
    /// </summary>
    public static async Task DocumentAsync(ILocator card, string file)
    {
        if (Environment.GetEnvironmentVariable("VERZUIMBOT_DOC_SHOTS") is { Length: > 0 } folder)
        {
            await card.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, file) });
        }
    }

    /// <summary>
    /// The newest card showing <paramref name="text"/>. A task on a morning overview (issue 21) is a card behind its item's
    /// "Afhandelen" button, which the Playground renders only when pressed: when no card shows the text soon, the overviews'
    /// items are opened, newest first, until it shows, as the user would.
    /// </summary>
    protected async Task<ILocator> CardAsync(string text)
    {
        var card = Page.Locator(".ac-adaptiveCard", new() { HasText = text }).Last;
        try
        {
            await card.WaitForAsync(new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // Newest first; the demo chat holds every persona's overviews, so not only the newest overview.
            var closed = Page.Locator(".ac-adaptiveCard", new() { HasText = "Je taken voor vandaag" }).GetByRole(AriaRole.Button, new() { Name = "Afhandelen", Expanded = false });
            for (var tries = 0; tries < 40 && !await card.IsVisibleAsync() && await closed.CountAsync() > 0; tries++)
            {
                await closed.Last.ClickAsync();
            }

            await card.WaitForAsync(Visible);
        }

        return card;
    }

    /// <summary>
    /// Bot messages and cards showing <paramref name="text"/>, not the Log Panel's lines. In a chat they are bubbles; a
    /// reply in a channel thread is plain text, found by its text (and so the expected text must be the bot's own words).
    /// </summary>
    private ILocator Answers(string text, bool inChannel = false) => inChannel
        ? Page.GetByText(text).Filter(new() { HasNotText = "User Application" })
        : Page.Locator(".fai-OutputCard, .ac-adaptiveCard", new() { HasText = text });
}
