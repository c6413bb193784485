using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Roster;
using VerzuimBot.Digest;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Tests.SickRoute;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Digest;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Digest;

/// <summary>
/// Issue 9 in Teams: the "overzicht" commands, the channel subscription with its Monday 08:30 post and the 8-weekly
/// RBL–SWV overview (000, 002 §8.1; domain.md §7), the export link, and who may see what (domain.md §8).
/// The figures themselves are proven against hand-computed values in the domain's digest tests.
/// </summary>
public sealed class DigestInTeamsTests
{
    private static readonly TeamsUser Sanne = new("Sanne SWV", "29:sanne", "aad-sanne", "sanne@swv.example.nl");
    private const string Channel = "19:thuiszitters@thread.tacv2";
    private const string Team = "19:swv-demo-general@thread.tacv2";
    private const string School = "99DE00";

    // Wednesday 25 November 2026, 10:00: Daan has been away since Monday 5 October (herfstvakantie midden 19-23 Oct in between).
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));

    private static async Task<RouteHarness> SwvWithOneReportedThuiszitterAsync()
    {
        var route = new RouteHarness();
        route.App.Connector.Members[Sanne.TeamsId] = new { id = Sanne.TeamsId, aadObjectId = Sanne.Aad, userPrincipalName = Sanne.Upn, name = Sanne.Name };
        await route.SetClockAsync(Wednesday);
        await route.EveryoneSaysHelloAsync(Rita, Sanne);

        var dossiers = route.App.Services.GetRequiredService<DossierService>();
        var daan = route.StudentIdOf("123456");
        var emma = route.StudentIdOf("124001");
        var receptie = new Actor(new StaffId("rita.receptie@demoschool.example.nl"), Role.Receptie);
        var lotte = new Actor(new StaffId("lotte@rbl.example.nl"), Role.Leerplichtambtenaar);
        var zora = new Actor(new StaffId("zora.zorg@demoschool.example.nl"), Role.Zorgcoordinator);
        await dossiers.RecordAsync(School, daan, new ZiekmeldingRecorded(new EventId("e-daan-1"), At(10, 5), receptie, new DateOnly(2026, 10, 5), null, false));
        await dossiers.RecordAsync(School, daan, new LeerplichtJudgementRecorded(new EventId("e-daan-2"), At(11, 3), lotte, true, null));
        await dossiers.RecordAsync(School, daan, new ThuiszitterChecklistItemCompleted(new EventId("e-daan-3"), At(11, 4), zora, "Leerling gemeld bij het samenwerkingsverband als thuiszitter"));

        // Emma is away too, but not reported to the SWV: she may only be counted.
        await dossiers.RecordAsync(School, emma, new ZiekmeldingRecorded(new EventId("e-emma-1"), At(11, 16), receptie, new DateOnly(2026, 11, 16), null, false));
        return route;
    }

    private static DateTimeOffset At(int month, int day, int hour = 8, int minute = 30) =>
        new(2026, month, day, hour, minute, 0, month < 10 || (month == 10 && day < 25) ? TimeSpan.FromHours(2) : TimeSpan.FromHours(1));

    [Fact]
    public async Task Overzicht_InThePersonalChat_NamesOnlyTheThuiszitterReportedToTheSwv_AndAuditsIt()
    {
        // domain.md §7 (contents) and §8: cases reported to the SWV by name, the rest as counts.
        await using var route = await SwvWithOneReportedThuiszitterAsync();
        await route.SayAsync(Sanne, "overzicht");
        var card = Shown(await route.WaitForCardAsync(Sanne, "Overzicht thuiszitters en verzuim"));
        Assert.Contains("Overzicht thuiszitters en verzuim · Samenwerkingsverband Demo", card, StringComparison.Ordinal);

        Assert.Contains("Daan de Vries (2b)", card, StringComparison.Ordinal);
        Assert.Contains("Demoschool (fictief)", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Emma", card, StringComparison.Ordinal);
        Assert.Contains("1 (1 gemeld bij het SWV)", card, StringComparison.Ordinal);
        Assert.Contains("overzichtExport", card, StringComparison.Ordinal);

        var trail = await route.App.Services.GetRequiredService<AuditTrail>().StudentTrailAsync(School, route.StudentIdOf("123456").Value);
        Assert.Contains(trail, line => line.Contains("Genoemd in het SWV-overzicht", StringComparison.Ordinal));
        var emmaTrail = await route.App.Services.GetRequiredService<AuditTrail>().StudentTrailAsync(School, route.StudentIdOf("124001").Value);
        Assert.DoesNotContain(emmaTrail, line => line.Contains("SWV-overzicht", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overzicht_BySomeoneWithoutTheSwvRole_IsRefusedInDutch()
    {
        await using var route = await SwvWithOneReportedThuiszitterAsync();
        Assert.Equal([SwvAudiences.NotSwv], await route.SayAsync(Rita, "overzicht"));
        Assert.Equal(0, route.CountCards(Rita, "Overzicht thuiszitters"));
    }

    [Fact]
    public async Task OverzichtSchool_NarrowsToThatSchool_AndAnUnknownSchoolListsTheSwvsSchools()
    {
        await using var route = await SwvWithOneReportedThuiszitterAsync();
        await route.SayAsync(Sanne, "overzicht demoschool");
        await route.WaitForCardAsync(Sanne, "Overzicht Demoschool (fictief)");

        var answer = Assert.Single(await route.SayAsync(Sanne, "overzicht 12AB00"));
        Assert.Equal("Ik ken geen school \"12AB00\" bij jouw samenwerkingsverband. Jouw scholen: Demoschool (fictief) (99DE00).", answer);
    }

    [Fact]
    public async Task Overzicht_InAGroupChat_IsNotShown_BecauseItNamesChildren()
    {
        await using var route = await SwvWithOneReportedThuiszitterAsync();
        var texts = await route.SayAsync(Sanne, "<at>VerzuimBot</at> overzicht", groupChatId: "19:kernpartneroverleg@thread.v2");
        Assert.StartsWith("Het overzicht noemt leerlingen, dus ik laat het niet in een groepschat zien.", Assert.Single(texts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverzichtHier_PostsInTheChannelOnMondayAt0830_TheFirstForThe8WeeklyOverleg_OnceAcrossSchedulers()
    {
        // Profile utrecht-west-vo "overzicht": maandag 08:30, rblSwvOverlegElkeWeken 8 (000; 002 §8.1: at least every 8 weeks).
        await using var route = await SwvWithOneReportedThuiszitterAsync();
        Assert.Equal(
            "Dit kanaal krijgt het overzicht van jouw samenwerkingsverband nog niet. Typ eerst \"overzicht hier\", of vraag het overzicht in je persoonlijke chat met VerzuimBot.",
            Assert.Single(await route.SayInChannelAsync(Sanne, Channel, Team, "overzicht")));
        var subscribed = Assert.Single(await route.SayInChannelAsync(Sanne, Channel, Team, "overzicht hier"));
        Assert.StartsWith("Vanaf nu zet ik hier elke maandag om 08:30 het overzicht van Samenwerkingsverband Demo neer (1 school), en elke 8 weken", subscribed, StringComparison.Ordinal);

        var scheduler = route.App.Services.GetRequiredService<DigestScheduler>();
        await route.SetClockAsync(At(11, 30, 8, 29));
        await scheduler.RunOnceAsync(CancellationToken.None);
        Assert.Empty(ChannelPosts(route));

        await route.SetClockAsync(At(11, 30, 8, 31));
        await Task.WhenAll(scheduler.RunOnceAsync(CancellationToken.None), scheduler.RunOnceAsync(CancellationToken.None), scheduler.RunOnceAsync(CancellationToken.None));
        var first = Assert.Single(ChannelPosts(route));
        Assert.Contains("Overzicht voor het 8-wekelijks overleg RBL–SWV · Samenwerkingsverband Demo", first, StringComparison.Ordinal);
        Assert.Contains("Daan de Vries (2b)", first, StringComparison.Ordinal);

        await route.SetClockAsync(At(12, 7, 8, 45));
        await scheduler.RunOnceAsync(CancellationToken.None);
        Assert.Contains("Weekoverzicht thuiszitters en verzuim", ChannelPosts(route)[1], StringComparison.Ordinal);
        Assert.Contains("sinds maandag 30 november 2026 08:31", ChannelPosts(route)[1], StringComparison.Ordinal);

        // Eight weeks after the first: Monday 25 January 2027 (kerstvakantie in between does not move the cadence).
        await route.SetClockAsync(new DateTimeOffset(2027, 1, 25, 8, 30, 0, TimeSpan.FromHours(1)));
        await scheduler.RunOnceAsync(CancellationToken.None);
        Assert.Contains("8-wekelijks overleg", ChannelPosts(route)[^1], StringComparison.Ordinal);

        Assert.Equal("Ik zet het overzicht niet meer in dit kanaal. Weer aanzetten: typ \"overzicht hier\".", Assert.Single(await route.SayInChannelAsync(Sanne, Channel, Team, "overzicht stop")));
        var count = ChannelPosts(route).Count;
        await route.SetClockAsync(new DateTimeOffset(2027, 2, 1, 8, 30, 0, TimeSpan.FromHours(1)));
        await scheduler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(count, ChannelPosts(route).Count);
    }

    [Fact]
    public async Task ExportButton_GivesTheSwvALink_ToACsvForDutchExcel_WithoutNames_ThatExpires()
    {
        // Issue 9 item 3: UTF-8 with BOM, ';' separated, the definitions in its header; for the inspectie, so anonymised.
        await using var route = await SwvWithOneReportedThuiszitterAsync();
        await route.SayAsync(Sanne, "overzicht");
        var digest = await route.WaitForCardAsync(Sanne, "Overzicht thuiszitters en verzuim");

        var refused = await route.PressAsync(Rita, digest, DigestCardActions.Export);
        Assert.StartsWith("Dit mag alleen een SWV.", refused.Text, StringComparison.Ordinal);

        var pressed = await route.PressAsync(Sanne, digest, DigestCardActions.Export);
        Assert.True(pressed.ReplacedCard);
        Assert.Contains("Link geldig tot", Shown(pressed.Value), StringComparison.Ordinal);
        var link = FindOpenUrl(pressed.Value);

        using var client = route.App.CreateClient();
        using var response = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("overzicht-SWV-DEMO-2026-11-25.csv", response.Content.Headers.ContentDisposition!.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("# VerzuimBot overzicht thuiszitters en verzuim voor het samenwerkingsverband", csv, StringComparison.Ordinal);
        Assert.Contains("Onderdeel;School;Categorie;Waarde", csv, StringComparison.Ordinal);
        Assert.Contains("Thuiszitters;99DE00;open;1", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Daan", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("123456", csv, StringComparison.Ordinal);

        var back = await route.PressAsync(Sanne, pressed.Value, DigestCardActions.Show);
        Assert.Contains("Daan de Vries (2b)", Shown(back.Value), StringComparison.Ordinal);

        await route.SetClockAsync(Wednesday.AddMinutes(16));
        using var expired = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.StartsWith("Deze downloadlink is verlopen of onbekend.", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var guessed = await client.GetAsync("/api/overzicht/export/" + new string('A', 43));
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }

    [Fact]
    public async Task OverzichtExport_ByCommand_GivesTheSameLinkCard()
    {
        await using var route = await SwvWithOneReportedThuiszitterAsync();
        await route.SayAsync(Sanne, "overzicht export");
        var card = await route.WaitForCardAsync(Sanne, "Export van het overzicht");
        using var client = route.App.CreateClient();
        using var response = await client.GetAsync(FindOpenUrl(card));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private const string UnknownLink = "Deze downloadlink is verlopen of onbekend.";

    [Fact] // issue 19 item 9: a link is a bearer credential, so it works once; a second GET is answered as an unknown link.
    public async Task ExportLink_SecondDownload_GetsTheSameDutch404AsAnUnknownLink()
    {
        await using var route = await SwvWithOneReportedThuiszitterAsync();
        await route.SayAsync(Sanne, "overzicht export");
        var link = FindOpenUrl(await route.WaitForCardAsync(Sanne, "Export van het overzicht"));
        using var client = route.App.CreateClient();

        using var first = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await client.GetAsync(link);
        using var unknown = await client.GetAsync("/api/overzicht/export/" + new string('B', 43));
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        var secondText = await second.Content.ReadAsStringAsync();
        Assert.StartsWith(UnknownLink, secondText, StringComparison.Ordinal);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), secondText);
    }

    [Fact] // issue 19 item 9: redeeming is atomic, so two GETs at the same moment give one download.
    public async Task ExportLink_TwoSimultaneousDownloads_GiveExactlyOneFile()
    {
        await using var route = await SwvWithOneReportedThuiszitterAsync();
        await route.SayAsync(Sanne, "overzicht export");
        var link = FindOpenUrl(await route.WaitForCardAsync(Sanne, "Export van het overzicht"));
        using var client = route.App.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync(link)));
        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.NotFound));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact] // issue 19 item 9: an expired link's row (who it was issued to, which schools) is purged by the scheduler, also when nobody tries it.
    public async Task ExpiredExportLinks_ArePurgedByTheScheduler_WithoutBeingTried()
    {
        await using var route = await SwvWithOneReportedThuiszitterAsync();
        await route.SayAsync(Sanne, "overzicht export");
        await route.WaitForCardAsync(Sanne, "Export van het overzicht");
        var table = route.App.Services.GetRequiredService<VerzuimBot.Tables.ITableStoreFactory>().GetTable("DigestExports");
        Assert.Single(await RowsAsync(table));

        var scheduler = route.App.Services.GetRequiredService<DigestScheduler>();
        await scheduler.RunOnceAsync(CancellationToken.None);
        Assert.Single(await RowsAsync(table));

        await route.SetClockAsync(Wednesday.AddMinutes(16));
        await scheduler.RunOnceAsync(CancellationToken.None);
        Assert.Empty(await RowsAsync(table));
    }

    private static async Task<List<VerzuimBot.Tables.TableEntity>> RowsAsync(VerzuimBot.Tables.ITableStore table)
    {
        var rows = new List<VerzuimBot.Tables.TableEntity>();
        await foreach (var row in table.QueryAsync(new VerzuimBot.Tables.TableQuery()))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The card as people read it: no JSON escapes of non-ASCII letters, no markdown escapes of user text.</summary>
    private static string Shown(JsonElement card) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.Json.Nodes.JsonNode.Parse(card.GetRawText())!.ToJsonString(Relaxed), @"\\\\([\\*_\[\]()`<>#+=.-])", "$1");

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string FindOpenUrl(JsonElement card) =>
        card.GetProperty("actions").EnumerateArray().First(a => a.GetProperty("type").GetString() == "Action.OpenUrl").GetProperty("url").GetString()!;

    /// <summary>The cards the bot posted as new threads in the SWV channel, as text.</summary>
    private static List<string> ChannelPosts(RouteHarness route) => route.App.Connector.Calls
        .Where(c => c.Method == HttpMethod.Post && c.Path.EndsWith("v3/conversations", StringComparison.Ordinal) && c.Body is { } b && b.TryGetProperty("activity", out _))
        .Select(c => Shown(c.Body!.Value.GetProperty("activity").GetProperty("attachments")[0].GetProperty("content")))
        .ToList();
}
