using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Messages;
using VerzuimBot.Tests.Infrastructure;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.SickRoute;

/// <summary>
/// The branches of the sick-absence route (002 Bijlage 1, stap 1-6; domain.md §3) with real dates of
/// school year 2026-27, region midden (herfstvakantie 17-25 oct 2026).
/// </summary>
public sealed class SickRouteBranchTests
{
    private static readonly DateTimeOffset FridayMorning = new(2026, 10, 9, 8, 0, 0, TimeSpan.FromHours(2));

    private static DateTimeOffset At(int month, int day, int hour = 8, int minute = 30) =>
        new(2026, month, day, hour, minute, 0, month < 10 || (month == 10 && day < 25) ? TimeSpan.FromHours(2) : TimeSpan.FromHours(1));

    private static async Task<RouteHarness> DaanIsSickAsync(bool showOthers = true, params TeamsUser[] users)
    {
        var route = new RouteHarness(showOthers ? null : new() { ["Demo:ShowOthersInMyChat"] = "false" });
        await route.SetClockAsync(FridayMorning);
        await route.EveryoneSaysHelloAsync(users.Length == 0 ? [Rita, Max, Zora, Vera] : users);
        await route.SayAsync(Rita, "ziek 123456");
        await route.SayAsync(Rita, "weet ik niet");
        await route.SayAsync(Rita, "nee");
        Assert.Contains(await route.SayAsync(Rita, "ja"), t => t.StartsWith("Ziekmelding opgeslagen", StringComparison.Ordinal));
        return route;
    }

    private static async Task<JsonElement> ZorgwekkendAsync(RouteHarness route)
    {
        await route.SetClockAsync(At(10, 16));
        return await route.WaitForCardAsync(Zora, "Zorgwekkend ziekteverzuim");
    }

    [Fact]
    public async Task Stap2_NoMentorAnswerInTheFirstWeek_TellsTheZorgcoordinator_OnTheFifthSchoolDayAfter()
    {
        // 002 Bijlage 1 stap 2: no answer by the end of the first week (5 school days) → zorgcoördinator.
        await using var route = await DaanIsSickAsync();
        await route.SetClockAsync(At(10, 15));
        Assert.Equal(0, route.CountCards(Zora, "Geen mentorcontact gemeld"));
        await route.SetClockAsync(At(10, 16));
        await route.WaitForCardAsync(Zora, "Geen mentorcontact gemeld: Daan de Vries (2b)");
    }

    [Fact]
    public async Task Stap3_OutcomeOngeoorloofd_GivesTheVerzuimcoordinatorTheMeldingLeerplicht_WhichIsRecordedNotFiled()
    {
        // Stap 3 uitkomst 2: ongeoorloofd verzuim → leerplicht inschakelen (domain.md §4); the bot only records the melding.
        await using var route = await DaanIsSickAsync();
        var card = await ZorgwekkendAsync(route);
        await route.PressAsync(Zora, card, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-16", ["uitkomst"] = "ongeoorloofd" });
        var melding = await route.WaitForCardAsync(Vera, "Melden bij leerplicht: Daan de Vries");
        Assert.Contains("VerzuimBot meldt niet zelf", Plain(melding), StringComparison.Ordinal);
        Assert.Contains("Dit mag alleen een verzuimcoördinator of zorgcoördinator", (await route.PressAsync(Max, melding, "leerplicht.gemeld")).Text, StringComparison.Ordinal);
        var done = await route.PressAsync(Vera, melding, "leerplicht.gemeld", new() { ["kenmerk"] = "DUO-2026-0042" });
        Assert.Contains("DUO-2026-0042", done.Text, StringComparison.Ordinal);
        Assert.Contains("Al afgehandeld: Melding bij leerplicht", (await route.PressAsync(Vera, melding, "leerplicht.gemeld")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stap3_OutcomeMonitoring_StartsNoAanmelding()
    {
        await using var route = await DaanIsSickAsync();
        var card = await ZorgwekkendAsync(route);
        var done = await route.PressAsync(Zora, card, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-16", ["uitkomst"] = "monitoring" });
        Assert.Contains("De school monitort het verzuim.", done.Text, StringComparison.Ordinal);
        await route.SetClockAsync(At(10, 26));
        Assert.Equal(0, route.CountCards(Zora, "Aanmelding maken"));
    }

    [Fact]
    public async Task Stap4_JeugdartsNotInTeams_TheSchoolGetsTheDocumentToMail_AndRecordsWhoSentItWhen()
    {
        // Stap 4: the form goes to the GGD's ziekteverzuim address of the profile; the bot records who sent it and when.
        await using var route = await DaanIsSickAsync(showOthers: false);
        var card = await ZorgwekkendAsync(route);
        await route.PressAsync(Zora, card, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-16", ["uitkomst"] = "advies-jeugdarts" });
        var form = await route.WaitForCardAsync(Zora, "Aanmelding maken");

        var incomplete = await route.PressAsync(Zora, form, "aanmelding.maken", new() { ["hulpvraag"] = "Wat kan Daan aan?" });
        Assert.Contains("Vul de hulpvraag en wat de school al deed in.", incomplete.Text, StringComparison.Ordinal);

        var document = await route.PressAsync(Zora, form, "aanmelding.maken", new() { ["hulpvraag"] = "Wat kan Daan aan?", ["alGedaan"] = "Gesprek", ["besprokenOp"] = "2026-10-16" });
        Assert.Contains("ziekteverzuim@ggd.example.nl", document.Text, StringComparison.Ordinal);
        Assert.Contains("Leerling: Daan de Vries, geboren 14-03-2013, leerlingnummer 123456", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Daan", document.Value.GetRawText().Split("mailto:")[1].Split('"')[0], StringComparison.Ordinal);

        var sent = await route.PressAsync(Zora, document.Value, "aanmelding.verstuurd");
        Assert.Contains("door de school gemaild naar de GGD", sent.Text, StringComparison.Ordinal);
        Assert.Contains("Afgehandeld door Zora Zorg (zorgco", sent.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("zora.zorg@", sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stap5_NoConsultDateAfterTwoSchoolWeeks_AndNoTerugkoppelingAfterAWeek_AreReminded()
    {
        // Stap 5: consult within 2 schoolweken (10 school days, herfstvakantie skipped), terugkoppeling within 1 week (5 school days).
        await using var route = await DaanIsSickAsync(true, Rita, Max, Zora, Vera, Jasper);
        var card = await ZorgwekkendAsync(route);
        await route.PressAsync(Zora, card, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-16", ["uitkomst"] = "advies-jeugdarts" });
        var form = await route.WaitForCardAsync(Zora, "Aanmelding maken");
        await route.PressAsync(Zora, form, "aanmelding.maken", new() { ["hulpvraag"] = "Wat kan Daan aan?", ["alGedaan"] = "Gesprek", ["besprokenOp"] = "2026-10-16" });

        // Aanmelding Fri 16 Oct + 10 school days = Fri 6 Nov (26 Oct - 6 Nov).
        await route.SetClockAsync(At(11, 5));
        Assert.Equal(0, route.CountCards(Zora, "Nog geen consultdatum"));
        await route.SetClockAsync(At(11, 6));
        var overdue = await route.WaitForCardAsync(Zora, "Nog geen consultdatum");
        await route.WaitForCardAsync(Jasper, "Nog geen consultdatum");

        // The zorgcoördinator may register the date too; the jeugdarts then gets the terugkoppeling form.
        var registered = await route.PressAsync(Zora, overdue, "consult.opslaan", new() { ["consultDatum"] = "2026-11-09" });
        Assert.Contains("verstuurd aan de jeugdarts", registered.Text, StringComparison.Ordinal);
        await route.WaitForCardAsync(Jasper, "Terugkoppeling versturen");

        // Consult Mon 9 Nov + 5 school days = Mon 16 Nov.
        await route.SetClockAsync(At(11, 13));
        Assert.Equal(1, route.CountCards(Jasper, "Terugkoppeling versturen"));
        await route.SetClockAsync(At(11, 16));
        var reminder = await route.WaitForCardAsync(Jasper, "De school wacht op je terugkoppeling");
        var missing = await route.PressAsync(Jasper, reminder, "terugkoppeling.opslaan", new() { ["resultaat"] = "telefonisch", ["conclusie"] = "volledig", ["advies"] = "leerplicht" });
        Assert.Contains("Vul de datum van het telefonisch contact in.", missing.Text, StringComparison.Ordinal);
        var done = await route.PressAsync(Jasper, reminder, "terugkoppeling.opslaan", new() { ["resultaat"] = "telefonisch", ["telefonischOp"] = "2026-11-09", ["conclusie"] = "volledig", ["advies"] = "leerplicht", ["informatie"] = "Medisch detail" });
        Assert.Contains("Telefonisch contact met ouder (09-11-2026)", done.Text, StringComparison.Ordinal);

        // Without consent the school does not see the jeugdarts' information (beroepsgeheim).
        var forSchool = await route.WaitForCardAsync(Zora, "Terugkoppeling van de jeugdarts");
        Assert.DoesNotContain("Medisch detail", Plain(forSchool), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stap6_PlanNotFollowed_RecordsTheChosenFollowUp_AndTheNextEvaluationIsFourWeeksOn()
    {
        // 002 §4 / domain.md §3 stap 6: "nee" → contact jeugdarts, or inform the SWV and propose a groot overleg.
        await using var route = await DaanIsSickAsync();
        var dossiers = route.App.Services.GetRequiredService<VerzuimBot.Protocol.Dossiers.DossierService>();
        var daan = route.StudentIdOf("123456");
        var zora = new VerzuimBot.Domain.Identity.Actor(new VerzuimBot.Domain.Identity.StaffId(Zora.Upn), VerzuimBot.Domain.Identity.Role.Zorgcoordinator);
        await dossiers.RecordAsync("99DE00", daan, new VerzuimBot.Domain.Dossier.PlanVanAanpakAgreed(new("plan-1"), FridayMorning, zora, new DateOnly(2026, 10, 9), new(Zora.Upn)));

        // 20 school days after Fri 9 Oct, herfstvakantie skipped: Fri 13 Nov.
        await route.SetClockAsync(At(11, 12));
        Assert.Equal(0, route.CountCards(Zora, "Evaluatie plan van aanpak"));
        await route.SetClockAsync(At(11, 13));
        var card = await route.WaitForCardAsync(Zora, "Evaluatie plan van aanpak");
        Assert.Contains("Kies of het plan wordt opgevolgd", (await route.PressAsync(Zora, card, "evaluatie.opslaan", new() { ["opgevolgd"] = "nee" })).Text, StringComparison.Ordinal);
        var done = await route.PressAsync(Zora, card, "evaluatie.opslaan", new() { ["opgevolgd"] = "nee", ["vervolg"] = "swv-groot-overleg" });
        Assert.Contains("SWV informeren en een groot overleg voorstellen", done.Text, StringComparison.Ordinal);
        Assert.Contains("vrijdag 11 december 2026", done.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeterMelding_BeforeTheThirdSchoolDay_CancelsTheMentorReminder()
    {
        await using var route = await DaanIsSickAsync();
        await route.SetClockAsync(At(10, 12, 15, 0));
        Assert.Contains(await route.SayAsync(Rita, "beter Daan de Vries"), t => t.Contains("herinnering(en) die niet meer nodig zijn, zijn geannuleerd", StringComparison.Ordinal));
        await route.SetClockAsync(At(10, 13));
        Assert.Equal(0, route.CountCards(Max, "Neem contact op"));
        Assert.Contains(await route.SayAsync(Rita, "beter 123456"), t => t.Contains("staat niet ziek gemeld", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Herstel_RetractsTheZiekmelding_AsANewEvent_AndItsRemindersAreCancelled()
    {
        await using var route = await DaanIsSickAsync();
        await route.SayAsync(Rita, "herstel 123456");
        var card = route.CardsOf(Rita).Last(c => c.GetRawText().Contains("herstel.opslaan", StringComparison.Ordinal));
        Assert.Contains("Ziekmelding vanaf 09-10-2026", Plain(card), StringComparison.Ordinal);
        var eventId = card.GetProperty("body").EnumerateArray().First(e => e.TryGetProperty("id", out var id) && id.GetString() == "gebeurtenis").GetProperty("choices")[0].GetProperty("value").GetString()!;

        Assert.Contains("Geef een reden", (await route.PressAsync(Rita, card, "herstel.opslaan", new() { ["gebeurtenis"] = eventId })).Text, StringComparison.Ordinal);
        var done = await route.PressAsync(Rita, card, "herstel.opslaan", new() { ["gebeurtenis"] = eventId, ["reden"] = "Verkeerde leerling" });
        Assert.Contains("telt niet meer mee", done.Text, StringComparison.Ordinal);
        await route.SetClockAsync(At(10, 13));
        Assert.Equal(0, route.CountCards(Max, "Neem contact op"));

        // The retracted ziekmelding stays in the dossier (never overwritten): a second herstel of it is refused.
        Assert.Contains("staat niet (meer) in het dossier", (await route.PressAsync(Rita, card, "herstel.opslaan", new() { ["gebeurtenis"] = eventId, ["reden"] = "nog eens" })).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheRightPeople_NoRole_OtherKlas_AndAJeugdartsBeforeAnyAanmelding_AreRefused()
    {
        await using var route = await DaanIsSickAsync(true, Rita, Max, Zora, Vera, Jasper, Stranger);
        Assert.Contains(await route.SayAsync(Stranger, "ziek Daan"), t => t.StartsWith("Je hebt nog geen rol in VerzuimBot", StringComparison.Ordinal));

        // Daan Jansen is in 3a; his mentor has no chat, so in the demo the card is shown in someone's chat — Max (mentor of 2b) may not answer it.
        await route.SayAsync(Rita, "ziek 123999");
        await route.SayAsync(Rita, "weet ik niet");
        await route.SayAsync(Rita, "ja");
        await route.SayAsync(Rita, "ja");
        await route.SetClockAsync(At(10, 13));
        var otherKlas = route.CardsOf(Rita).Concat(route.CardsOf(Max)).Concat(route.CardsOf(Zora)).Concat(route.CardsOf(Vera)).Concat(route.CardsOf(Jasper)).Concat(route.CardsOf(Stranger))
            .First(c => Plain(c).Contains("Neem contact op: Daan Jansen", StringComparison.Ordinal));
        var refused = await route.PressAsync(Max, otherKlas, "mentorcontact.opslaan", title: "Niet bereikt");
        Assert.Equal(VerzuimBot.CardActions.CardRefusals.Neutral, refused.Text);

        // A jeugdarts sees nothing of a student who was not referred (beroepsgeheim works both ways).
        var own = await route.WaitForCardAsync(Max, "Neem contact op: Daan de Vries");
        Assert.Contains("Dit mag alleen een mentor", (await route.PressAsync(Jasper, own, "mentorcontact.opslaan", title: "Niet bereikt")).Text, StringComparison.Ordinal);
        Assert.Contains("Ik vind geen leerling", string.Join(' ', await route.SayAsync(Jasper, "ziek Daan")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InAGroupChat_StudentCommandsAreRefused_SoNoChildIsNamedToTheGroup()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(FridayMorning);
        using var response = await route.App.PostActivityAsync(new
        {
            type = "message",
            id = "group-1",
            serviceUrl = BotApp.ServiceUrl,
            channelId = "msteams",
            from = new { id = Rita.TeamsId, name = Rita.Name, aadObjectId = Rita.Aad },
            recipient = new { id = "28:bot" },
            conversation = new { id = "19:overleg@thread.v2", conversationType = "groupChat", isGroup = true, tenantId = Tenant },
            text = "<at>VerzuimBot</at> ziek Daan",
            channelData = new { tenant = new { id = Tenant } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(route.App.Connector.SentTexts);
        Assert.StartsWith("Doe dit in je persoonlijke chat met VerzuimBot", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Vries", string.Join(' ', route.App.Connector.SentActivities.Select(a => a.GetRawText())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taken_ShowsAPersonTheirOpenTasks_AndMarksLateOnes()
    {
        await using var route = await DaanIsSickAsync();
        await route.SetClockAsync(At(10, 14));
        await route.SayAsync(Max, "taken");
        var list = route.CardsOf(Max).Last(c => Plain(c).Contains("Jouw open taken", StringComparison.Ordinal));
        Assert.Contains("Contact opnemen met de ouders", Plain(list), StringComparison.Ordinal);
        Assert.Contains("Te laat", Plain(list), StringComparison.Ordinal);
        await route.SayAsync(Rita, "taken");
        Assert.Contains("Er staan geen taken voor je open.", Plain(route.CardsOf(Rita).Last(c => Plain(c).Contains("Jouw open taken", StringComparison.Ordinal))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("31-02", "bestaat niet")]
    [InlineData("gisteren was het", "")]
    public async Task QuickForm_ImpossibleReturnDate_IsAskedAgain_AndNothingIsStored(string terug, string expected)
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(FridayMorning);
        await route.EveryoneSaysHelloAsync(Rita);
        await route.SayAsync(Rita, "ziekmelding formulier");
        var form = route.CardsOf(Rita).Last(c => c.GetRawText().Contains("ziekmelding.opslaan", StringComparison.Ordinal));
        var again = await route.PressAsync(Rita, form, "ziekmelding.opslaan", new() { ["leerling"] = "Daan", ["eersteDag"] = "2026-10-09", ["terug"] = terug, ["ouderBeltMentor"] = "ja" });
        Assert.Contains("Kies de juiste", again.Text, StringComparison.Ordinal);
        var dated = await route.PressAsync(Rita, again.Value, "ziekmelding.opslaan", new() { ["leerling"] = "123456", ["eersteDag"] = "2026-10-09", ["terug"] = terug, ["ouderBeltMentor"] = "ja" });
        Assert.True(dated.ReplacedCard);
        Assert.Contains("Wanneer terug", dated.Text, StringComparison.Ordinal);
        Assert.Contains(expected, dated.Text, StringComparison.Ordinal);
        Assert.Contains(await route.SayAsync(Rita, "beter 123456"), t => t.Contains("staat niet ziek gemeld", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InProduction_TheDemoCommandsAreUnknown_AndTheClockRouteIs404()
    {
        await using var app = new BotApp("Production", settings: BotApp.ProductionSettings("00000000-0000-0000-0000-0000000000aa", new() { ["Demo:Enabled"] = "true" }));
        using var clock = await app.CreateClient().PostAsync("/api/dev/clock", JsonContent.Create(new { advanceSchoolDays = 3 }));
        Assert.Equal(HttpStatusCode.NotFound, clock.StatusCode);
        Assert.False(app.Services.GetRequiredService<VerzuimBot.Demo.DemoStage>().Enabled);
        var message = new Activity
        {
            Type = ActivityTypes.Message,
            From = new ChannelAccount("29:rita", "Rita", "aad-rita"),
            Conversation = new ConversationAccount("a:personal-rita", "personal", Tenant),
        };
        foreach (var commands in app.Services.GetServices<IChatCommands>().OfType<VerzuimBot.Demo.DemoCommands>())
        {
            Assert.Null(await commands.TryHandleAsync(message, "tijd +3 schooldagen", "tijd +3 schooldagen", "k", CancellationToken.None));
            Assert.Null(await commands.TryHandleAsync(message, "speel mentor", "speel mentor", "k", CancellationToken.None));
        }
    }
}
