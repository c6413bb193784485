using System.Text;
using Microsoft.Playwright;

namespace VerzuimBot.EndToEnd.Tests;

// Issue 9 "Done when": the SWV digest in a team channel of the Playground, its export downloaded by clicking, and the
// Monday 08:30 post (profile utrecht-west-vo; 000 / 002 §8.1: the 8-weekly RBL–SWV overview comes first).
[Collection(PlaygroundCollection.Name)]
public sealed class DigestInThePlaygroundTests(PlaygroundFixture playground) : PlaygroundConversation(playground, "swv-overzicht")
{
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
        await OpenAsync("Samenwerkingsverband Demo - Thuiszitters");
        await MentionAsync("overzicht hier", "Vanaf nu zet ik hier elke maandag om 08:30 het overzicht", newChannelPost: true);
        await MentionAsync("overzicht", "Overzicht thuiszitters en verzuim", newChannelPost: true);
        var digest = Page.Locator(".ac-adaptiveCard", new() { HasText = "Overzicht thuiszitters en verzuim" }).Last;
        await digest.GetByText("Afwezig nu").WaitForAsync(Visible);
        Assert.Matches(@"Tot 4 weken\s+[1-9]", await digest.InnerTextAsync()); // Noah counts, and Teams shows the count

        // The export: the button gives a link card, the link downloads the CSV for Dutch Excel.
        await digest.GetByRole(AriaRole.Button, new() { Name = "Download export (CSV)" }).ClickAsync();
        var export = Page.Locator(".ac-adaptiveCard", new() { HasText = "Export van het overzicht" }).Last;
        await export.WaitForAsync(Visible);
        var downloaded = new TaskCompletionSource<IDownload>(TaskCreationOptions.RunContinuationsAsynchronously);
        Page.Download += (_, d) => downloaded.TrySetResult(d);
        Context.Page += (_, popup) => popup.Download += (_, d) => downloaded.TrySetResult(d);
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
        await OpenAsync("Personal Chat");
        await SayAsync("tijd 30-11-2026 08:30", "maandag 30 november 2026 08:30");
        await OpenAsync("Samenwerkingsverband Demo - Thuiszitters");
        await Page.Locator(".ac-adaptiveCard", new() { HasText = "Overzicht voor het 8-wekelijks overleg RBL–SWV" }).First.WaitForAsync(new() { Timeout = 30_000 });
    }
}
