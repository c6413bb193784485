using System.Net;
using System.Text;
using System.Text.Json;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.Messages;

// issue 10 item 5 (first part): malformed and hostile activities never produce a 5xx or a stack trace.
public sealed class HostileInputTests : IDisposable
{
    private readonly BotApp _app = new();

    public static IEnumerable<string> Corpus()
    {
        var valid = JsonSerializer.Serialize(Activities.Message("help"));
        yield return "null";
        yield return "\"message\"";
        yield return "{}";
        yield return "{\"type\":null}";
        yield return "{\"type\":\"\"}";
        yield return new string('[', 200) + new string(']', 200);
        yield return "{\"type\":\"message\",\"serviceUrl\":\"x\",\"conversation\":{\"id\":\"c\"},\"text\":\"\\u0000\\u0001\\u001b[31m\"}";
        yield return "\uFEFF" + valid;
        yield return valid[..(valid.Length / 2)];
        yield return valid + "}}}";

        // Every property replaced by each wrong type.
        var wrongValues = new[] { "123", "true", "[]", "{}", "\"\"", "null", "-1e309", "\"" + new string('x', 5000) + "\"" };
        foreach (var property in new[] { "type", "id", "serviceUrl", "channelId", "from", "recipient", "conversation", "text", "value", "name", "replyToId", "entities", "channelData", "membersAdded", "action" })
        {
            foreach (var wrong in wrongValues)
            {
                var node = JsonDocument.Parse(valid).RootElement;
                var parts = node.EnumerateObject().Where(p => p.Name != property).Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}").Append($"\"{property}\":{wrong}");
                yield return "{" + string.Join(',', parts) + "}";
            }
        }

        // Texts that end up in replies and cards: markdown/link injection, control characters, very long.
        foreach (var text in new[] { "[klik](https://evil.example)", "<at>x</at><script>alert(1)</script>", "**vet** _schuin_ # kop", "\u202Eomgekeerd", new string('a', 200_000), "wie ben ik\u0000", "afwezig\r\n\r\nstop" })
        {
            yield return JsonSerializer.Serialize(Activities.Message(text, id: Guid.NewGuid().ToString()));
        }

        foreach (var name in new[] { "task/fetch", "composeExtension/query", "signin/verifyState", "fileConsent/invoke", "", "adaptiveCard/action" })
        {
            yield return JsonSerializer.Serialize(Activities.Invoke(name, new { action = new { type = "Action.Execute", verb = (string?)null, data = "geen object" } }, id: Guid.NewGuid().ToString()));
        }
    }

    [Fact]
    public async Task HostileCorpus_NeverA5xx_NeverAStackTrace_AndTheBotStaysUp()
    {
        var corpus = Corpus().ToList();
        Assert.True(corpus.Count >= 130, $"corpus has {corpus.Count} items");
        var statuses = new Dictionary<HttpStatusCode, int>();
        foreach (var body in corpus)
        {
            var response = await _app.PostRawAsync(body);
            var text = await response.Content.ReadAsStringAsync();
            // 501 is the protocol's answer to an invoke the bot does not implement; any other 5xx is a defect.
            Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.NotImplemented, $"{(int)response.StatusCode} for {body[..Math.Min(body.Length, 200)]}: {text[..Math.Min(text.Length, 300)]}");
            Assert.DoesNotContain("   at ", text);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync("/healthz")).StatusCode);
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 10);
    }

    [Fact]
    public async Task InjectedMarkdownInTheUsersName_IsEscapedInTheReply()
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
        var reply = Assert.Single(_app.Connector.SentTexts);
        Assert.DoesNotContain("[Klik hier](https://evil.example)", reply);
        Assert.DoesNotContain("**NU**", reply);
    }

    public void Dispose() => _app.Dispose();
}
