using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Beheer;

// issue 7 items 1, 2 and 5 by chat: roles by command (audited), a student's audit trail, and the roster as a file in chat.
public sealed class BeheerChatTests
{
    private static readonly DateTimeOffset Monday = new(2026, 10, 12, 9, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task RoleCommands_OnlyForTheBeheerder_AndTheNewRoleCountsAtOnce()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(Monday);
        await route.EveryoneSaysHelloAsync(Rita, Max, Stranger);

        Assert.Contains(await route.SayAsync(Max, "rol toekennen mentor sam@elders.example.nl klas 3a"), t => t.Contains("Dit mag alleen een beheerder", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Stranger, "ziek Daan"), t => t.StartsWith("Je hebt nog geen rol", StringComparison.Ordinal));

        var assigned = string.Join(' ', await route.SayAsync(Rita, "rol toekennen receptie sam@elders.example.nl"));
        Assert.Contains("sam@elders.example.nl", assigned, StringComparison.Ordinal);
        Assert.Contains(await route.SayAsync(Stranger, "ziek 123456"), t => t.StartsWith("Daan de Vries (2b). Wanneer denkt u", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Rita, "rollen sam@elders.example.nl"), t => t.Contains("receptie", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Rita, "rol geven"), t => t.StartsWith("Gebruik:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditTrail_ShowsWhoChangedTheDossier_ForTheBeheerderOnly()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(Monday);
        await route.EveryoneSaysHelloAsync(Rita, Max);
        await route.SayAsync(Rita, "ziek 123456");
        await route.SayAsync(Rita, "weet ik niet");
        await route.SayAsync(Rita, "ja");
        await route.SayAsync(Rita, "ja");

        var trail = string.Join('\n', await route.SayAsync(Rita, "audit 123456"));
        Assert.Contains("Audittrail van Daan de Vries (2b)", trail, StringComparison.Ordinal);
        Assert.Contains("rita.receptie@demoschool.example.nl (receptie, 99DE00)", trail, StringComparison.Ordinal);
        Assert.Contains(await route.SayAsync(Max, "audit 123456"), t => t.Contains("Dit mag alleen een beheerder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditTrail_InAGroupChatOrChannel_IsNotPosted_OnlyPointedToThePersonalChat()
    {
        // issue 19 item 6: an audit trail names a child and who looked at the dossier; a group chat or channel never gets it.
        await using var route = new RouteHarness();
        await route.SetClockAsync(Monday);
        await route.EveryoneSaysHelloAsync(Rita);

        var inGroup = await route.SayAsync(Rita, "<at>VerzuimBot</at> audit 123456", groupChatId: "19:beheer@thread.v2");
        var inChannel = await route.SayInChannelAsync(Rita, "19:algemeen@thread.tacv2", "team-1", "audit 123456");
        var roleInChannel = await route.SayInChannelAsync(Rita, "19:algemeen@thread.tacv2", "team-1", "rollen");

        Assert.Equal([VerzuimBot.Staff.ActingStaff.PersonalChatOnly], inGroup);
        Assert.Equal([VerzuimBot.Staff.ActingStaff.PersonalChatOnly], inChannel);
        Assert.Equal([VerzuimBot.Staff.ActingStaff.PersonalChatOnly], roleInChannel);
        Assert.DoesNotContain(route.App.Connector.SentTexts, t => t.Contains("Audittrail", StringComparison.Ordinal) || t.Contains("Daan", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Rita, "audit 123456"), t => t.StartsWith("Audittrail van Daan de Vries (2b)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RosterFileInChat_IsImportedAllOrNothing_FromAllowedHostsOnly()
    {
        const string good = "Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Klas;Mentor e-mail;Woongemeente\n200001;Fleur;Kok;02-02-2013;2b;sam@elders.example.nl;Utrecht\n";
        const string bad = good + "200002;;Zonder;02-02-2013;2b;max.mentor@demoschool.example.nl;Utrecht\n";
        var files = new TeamsFileServer { ["/files/goed.csv"] = good, ["/files/fout.csv"] = bad };
        await using var route = new RouteHarness(services: s => s.AddHttpClient("roster-download").ConfigurePrimaryHttpMessageHandler(() => files));
        await route.SetClockAsync(Monday);
        await route.EveryoneSaysHelloAsync(Rita, Max, Stranger);

        object File(string url) => new { contentType = "application/vnd.microsoft.teams.file.download.info", name = "leerlingen.csv", content = new { downloadUrl = url, fileType = "csv" } };

        Assert.Contains(await route.SayAsync(Max, "leerlingen importeren", [File("http://127.0.0.1:9/files/goed.csv")]), t => t.Contains("Dit mag alleen een beheerder", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Rita, "leerlingen importeren", [File("https://evil.example/goed.csv")]), t => t.Contains("ik download het niet", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Rita, "leerlingen importeren"), t => t.Contains("als bijlage", StringComparison.Ordinal));

        var refused = string.Join('\n', await route.SayAsync(Rita, "leerlingen importeren", [File("http://127.0.0.1:9/files/fout.csv")]));
        Assert.Contains("Niets geïmporteerd: 1 rij met fouten", refused, StringComparison.Ordinal);
        Assert.Contains(await route.SayAsync(Rita, "ziek Fleur"), t => t.Contains("Ik vind geen leerling", StringComparison.Ordinal));

        var imported = string.Join('\n', await route.SayAsync(Rita, "leerlingen importeren", [File("http://127.0.0.1:9/files/goed.csv")]));
        Assert.Contains("1 nieuw", imported, StringComparison.Ordinal);

        // The list names Sam as mentor of 2b: Sam, who had no role, now holds it (audited) and can act as mentor.
        Assert.Contains("1 mentorrol(len) toegekend volgens de lijst", imported, StringComparison.Ordinal);
        Assert.Empty(await route.SayAsync(Stranger, "taken"));
        Assert.Contains("als mentor", RouteHarness.Plain(route.CardsOf(Stranger).Last()), StringComparison.Ordinal);
        Assert.Contains(await route.SayAsync(Rita, "rollen sam@elders.example.nl"), t => t.Contains("mentor", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Rita, "ziek Fleur"), t => t.StartsWith("Fleur Kok (2b)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BotAddedToAGroupChat_LinksEveryMember_SoTheyAreRecognisedBeforeTheyType()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(Monday);
        using var added = await route.App.PostActivityAsync(new
        {
            type = "conversationUpdate",
            id = "cu-1",
            serviceUrl = VerzuimBot.Tests.Infrastructure.BotApp.ServiceUrl,
            channelId = "msteams",
            from = new { id = Rita.TeamsId, aadObjectId = Rita.Aad },
            recipient = new { id = "28:bot" },
            conversation = new { id = "19:overleg@thread.v2", conversationType = "groupChat", isGroup = true, tenantId = Tenant },
            membersAdded = new[] { new { id = "28:bot" } },
            channelData = new { tenant = new { id = Tenant } },
        });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        var identities = route.App.Services.GetRequiredService<VerzuimBot.Storage.StaffIdentityStore>();
        var jasper = await identities.FindAsync(Tenant, Jasper.Aad);
        Assert.Equal(Jasper.Upn, jasper?.Email);
        Assert.Equal(Zora.Upn, (await identities.FindAsync(Tenant, Zora.Aad))?.Email);
    }
}
