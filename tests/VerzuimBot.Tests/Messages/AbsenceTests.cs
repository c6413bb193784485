using System.Net;
using System.Text.Json;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.Messages;

// issue 4 items 4-5: a multi-turn dialog whose state lives in the store, and a card with
// Input.Text / Input.ChoiceSet / Input.Date answered by Action.Execute and by Action.Submit.
public sealed class AbsenceTests : IDisposable
{
    // The test restarts the host on the same store, so the directory is the test's, not the first host's.
    private readonly string _data = Path.Combine(Path.GetTempPath(), "verzuimbot-tests", Guid.NewGuid().ToString("N"));
    private readonly BotApp _app;

    public AbsenceTests() => _app = new BotApp(dataDirectory: _data);
    private int _ids;

    [Fact]
    public async Task Dialog_AsksValidatesAndStores_AndSurvivesARestart()
    {
        await Say("afwezig");
        Assert.StartsWith("Tot en met welke datum ben je afwezig?", Last());

        await Say("31-2");
        Assert.Contains("bestaat niet", Last());
        await Say("gisteren, denk ik");
        Assert.Contains("begrijp ik niet", Last());
        await Say("20-11-2026");
        Assert.StartsWith("Die datum ligt in het verleden.", Last());
        await Say("vr 4 dec");
        Assert.Equal("Wie neemt je taken over? Geef het e-mailadres van je vervanger.", Last());
        _app.Dispose();

        // A new instance on the same store continues where the first one stopped.
        using var restarted = new BotApp(dataDirectory: _app.DataDirectory);
        await Say("max.mentor@demoschool.example.nl", restarted);
        Assert.Equal("Waarom ben je afwezig? (ziek, verlof, scholing of anders)", Last(restarted));
        await Say("Verlof", restarted);
        Assert.Equal("Opgeslagen: afwezig t/m vrijdag 4 december 2026 (verlof); je taken gaan naar max.mentor@demoschool.example.nl.", Last(restarted));
        await Say("afwezig?", restarted);
        Assert.StartsWith("Je bent afwezig t/m vrijdag 4 december 2026", Last(restarted));
    }

    [Fact]
    public async Task Dialog_Stop_CancelsAndStoresNothing()
    {
        await Say("afwezig");
        await Say("morgen");
        await Say("stop");
        Assert.Equal("Gestopt. Er is niets opgeslagen.", Last());
        await Say("afwezig?");
        Assert.Equal("Er staat geen afwezigheid van je genoteerd.", Last());
        await Say("banaan");
        Assert.Equal("Dat begrijp ik niet. Typ \"help\" voor wat ik kan.", Last());
    }

    [Fact]
    public async Task Form_ExecuteWithValidInputs_ReturnsTheResultCard_AndStores()
    {
        await Say("afwezig formulier");
        var form = Assert.Single(_app.Connector.SentCardTexts);
        Assert.Contains("Input.Date", form);
        Assert.Contains("afwezigheid.opslaan", form);

        var card = await Execute(new { vervanger = "zora.zorg@demoschool.example.nl", reden = "Scholing", totEnMet = "2026-11-27" });
        Assert.Contains("Opgeslagen", card);
        Assert.Contains("vrijdag 27 november 2026 (scholing)", card);
        await Say("afwezig?");
        Assert.Contains("zora.zorg@demoschool.example.nl", Last());
    }

    [Fact]
    public async Task Form_ExecuteWithBadInput_ReturnsTheFormWithTheProblem_KeepsValues_StoresNothing()
    {
        var card = await Execute(new { vervanger = "geen-adres", reden = "Verlof", totEnMet = "2026-11-27" });
        Assert.Contains("Dat is geen geldig e-mailadres.", card);
        Assert.Contains("geen-adres", card);
        Assert.Contains("Input.ChoiceSet", card);
        await Say("afwezig?");
        Assert.Equal("Er staat geen afwezigheid van je genoteerd.", Last());
    }

    [Fact]
    public async Task Form_SubmitWissen_ReplacesThePressedCardInPlace()
    {
        await Execute(new { vervanger = "zora.zorg@demoschool.example.nl", reden = "Ziek", totEnMet = "2026-11-27" });
        var response = await _app.PostActivityAsync(new
        {
            type = "message",
            id = "submit-1",
            serviceUrl = BotApp.ServiceUrl,
            channelId = "msteams",
            replyToId = "card-7",
            from = new { id = "29:user-1", name = "Rita Receptie", aadObjectId = "aad-user-1" },
            recipient = new { id = "28:bot" },
            conversation = new { id = "a:personal-1", conversationType = "personal", tenantId = Activities.Tenant },
            value = new { verb = "afwezigheid.wissen", vervanger = "zora.zorg@demoschool.example.nl", reden = "Ziek", totEnMet = "2026-11-27" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = Assert.Single(_app.Connector.Calls, c => c.Method == HttpMethod.Put);
        Assert.Equal("/_connector/v3/conversations/a:personal-1/activities/card-7", update.Path);
        Assert.Contains("Afwezigheid gewist", update.Body!.Value.GetRawText());
        await Say("afwezig?");
        Assert.Equal("Er staat geen afwezigheid van je genoteerd.", Last());
    }

    private async Task<string> Execute(object inputs)
    {
        var response = await _app.PostActivityAsync(Activities.Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "afwezigheid.opslaan", data = inputs }, trigger = "manual" }, id: $"inv-{++_ids}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.RootElement.GetProperty("type").GetString());
        return body.RootElement.GetProperty("value").GetRawText();
    }

    private Task Say(string text, BotApp? app = null) => (app ?? _app).PostActivityAsync(Activities.Message(text, id: $"m-{++_ids}"));

    private string Last(BotApp? app = null) => (app ?? _app).Connector.SentTexts.Last();

    public void Dispose()
    {
        _app.Dispose();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
