using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.Messages;

// issue 10 item 5: malformed and hostile activities never produce a 5xx or a stack trace, the bot keeps
// answering, a refused input stores nothing, and user text shown in a card or reply is escaped.
public sealed class HostileInputTests : IDisposable
{
    // One sender posts the whole corpus in a row: the per-person rate limit (tested in RateLimitTests) would answer the rest.
    private readonly BotApp _app = new(settings: new() { ["RateLimit:Enabled"] = "false" });

    [Fact]
    public void Corpus_HasAtLeast220DistinctItems()
    {
        var corpus = HostileCorpus.All().ToList();
        var distinct = corpus.Select(c => Convert.ToHexString(SHA256.HashData([.. c.Body, .. System.Text.Encoding.UTF8.GetBytes(c.ContentType ?? "-")]))).Distinct().Count();
        Assert.True(distinct >= 220, $"{distinct} distinct items of {corpus.Count}");
    }

    [Fact]
    public async Task HostileCorpus_NeverA5xx_NoStackTrace_StaysUp_RefusedStoresNothing_EchoesEscaped()
    {
        await SeedAnotherSchoolAsync();
        var statuses = new Dictionary<HttpStatusCode, int>();
        var failures = new List<string>();
        foreach (var item in HostileCorpus.All())
        {
            var before = StoreSnapshot.Take(_app);
            var callsBefore = _app.Connector.Calls.Count;
            using var response = await PostAsync(item);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;

            // 501 is the protocol's answer to an invoke the bot does not implement; any other 5xx is a defect.
            if (status >= 500 && response.StatusCode != HttpStatusCode.NotImplemented)
            {
                failures.Add($"{item}: {status} {Cut(text)}");
            }

            if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
            {
                failures.Add($"{item}: stack trace or exception in the body: {Cut(text)}");
            }

            // A 4xx is refused at the edge: not even bookkeeping. An unsupported invoke (501) was a valid activity
            // that the bot de-duplicated before it found nothing to do: bookkeeping only.
            var refusedAtTheEdge = status is >= 400 and not 501;
            var changed = StoreSnapshot.Take(_app).ChangedSince(before, ignoreBookkeeping: !refusedAtTheEdge);
            if ((refusedAtTheEdge || status == 501 || item.Rule == HostileStoreRule.NoDomainData) && changed.Count > 0)
            {
                failures.Add($"{item}: refused ({status}) but stored in {string.Join(", ", changed)}");
            }

            var shown = _app.Connector.Calls.Skip(callsBefore).Where(c => c.Body is not null).Select(c => c.Body!.Value).ToList();
            if (status < 300 && text.StartsWith('{'))
            {
                shown.Add(JsonDocument.Parse(text).RootElement.Clone());
            }

            failures.AddRange(EchoedText.Unescaped(shown, item.Injected).Select(p => $"{item}: {p}"));

            // The process stays up: an ordinary "help" still gets the help card.
            var helpCalls = _app.Connector.Calls.Count;
            using var help = await _app.PostActivityAsync(Activities.Message("help", id: HostileCorpus.NextId()));
            if (help.StatusCode != HttpStatusCode.OK || _app.Connector.Calls.Count != helpCalls + 1)
            {
                failures.Add($"{item}: the following help got {(int)help.StatusCode} and {_app.Connector.Calls.Count - helpCalls} replies");
            }
        }

        Assert.True(failures.Count == 0, string.Join(", ", statuses.Select(s => $"{(int)s.Key}: {s.Value}")) + "\n" + string.Join('\n', failures.Take(40)));
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync("/healthz")).StatusCode);
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 50, string.Join(", ", statuses.Select(s => $"{(int)s.Key}: {s.Value}")));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.RequestEntityTooLarge) >= 4);
    }

    [Fact]
    public async Task InjectedMarkdownInTheUsersName_ShowsAsTyped_InAPlainTextReply()
    {
        var activity = new
        {
            type = "message",
            id = "n1",
            serviceUrl = BotApp.ServiceUrl,
            channelId = "msteams",
            from = new { id = "29:user-1", name = "[Klik hier](https://evil.example) **NU**", aadObjectId = "aad-user-1" },
            recipient = new { id = "28:bot" },
            conversation = new { id = "a:personal-1", conversationType = "personal", tenantId = Activities.Tenant },
            text = "wie ben ik",
        };
        await _app.PostActivityAsync(activity);
        // Plain text is shown as typed by Teams, so the name goes out unchanged (an escape would be shown too: issue 21 item 6).
        var reply = Assert.Single(_app.Connector.SentActivities, a => a.TryGetProperty("text", out _));
        Assert.Equal("plain", reply.GetProperty("textFormat").GetString());
        Assert.StartsWith("Je bent [Klik hier](https://evil.example) **NU**.", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(HostileCase item)
    {
        using var content = new ByteArrayContent(item.Body);
        if (item.ContentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(item.ContentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        return await _app.CreateClient().SendAsync(request);
    }

    /// <summary>Another school's students exist, so "a student of another school" is a real student, not merely unknown.</summary>
    private async Task SeedAnotherSchoolAsync()
    {
        const string csv = "Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Klas;Mentor e-mail;Woonplaats/Gemeente\n"
            + HostileCorpus.OtherSchoolStudent + ";Proef;;Leerling;01-02-2012;2a;mentor@andereschool.example.nl;Utrecht\n"
            + "900002;Proef;van;Leerling;03-04-2011;3b;mentor@andereschool.example.nl;Utrecht\n";
        var importer = _app.Services.GetRequiredService<RosterImporter>();
        var report = await importer.ImportAsync(new SchoolId(HostileCorpus.OtherSchool), new StringReader(csv), new RosterImportOptions(SchoolType.VO, new RosterColumnMapping()));
        Assert.True(report.Imported, report.Summary);
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] : text;

    public void Dispose() => _app.Dispose();
}
