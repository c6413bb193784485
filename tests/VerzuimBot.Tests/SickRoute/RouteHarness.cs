using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.SickRoute;

/// <summary>A Teams user of the demo school (appsettings.Demo.json) with their own personal chat.</summary>
public sealed record TeamsUser(string Name, string TeamsId, string Aad, string Upn)
{
    public string ConversationId => "a:personal-" + TeamsId[3..];
}

/// <summary>
/// The host with the demo school and the Development clock, and several Teams users who each talk to
/// the bot in their own chat: messages, card presses (Action.Execute invokes) and the cards they received.
/// </summary>
public sealed partial class RouteHarness : IAsyncDisposable
{
    public const string Tenant = "00000000-0000-0000-0000-00000000d0e0";

    public static readonly TeamsUser Rita = new("Rita Receptie", "29:rita", "aad-rita", "rita.receptie@demoschool.example.nl");
    public static readonly TeamsUser Max = new("Max Mentor", "29:max", "aad-max", "max.mentor@demoschool.example.nl");
    public static readonly TeamsUser Zora = new("Zora Zorg", "29:zora", "aad-zora", "zora.zorg@demoschool.example.nl");
    public static readonly TeamsUser Jasper = new("Jasper Jeugdarts", "29:jasper", "aad-jasper", "jasper@ggd.example.nl");
    public static readonly TeamsUser Vera = new("Vera Verzuim", "29:vera", "aad-vera", "vera.verzuim@demoschool.example.nl");
    public static readonly TeamsUser Stranger = new("Sam Onbekend", "29:sam", "aad-sam", "sam@elders.example.nl");

    private int _ids;

    public RouteHarness(Dictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Reminders:SweepSeconds"] = "3600" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        App = new BotApp("Development", settings: all, fixedTime: false, services: services);
        foreach (var user in new[] { Rita, Max, Zora, Jasper, Vera, Stranger })
        {
            AddMember(user);
        }
    }

    public BotApp App { get; }

    /// <summary>Teams knows <paramref name="user"/> (the connector's member lookup answers with their UPN), e.g. a kernpartner in another organisation.</summary>
    public void AddMember(TeamsUser user) =>
        App.Connector.Members[user.TeamsId] = new { id = user.TeamsId, aadObjectId = user.Aad, userPrincipalName = user.Upn, name = user.Name };

    /// <summary>Daan de Vries's (123456, demo school 99DE00) dossier as stored now.</summary>
    public Task<VerzuimBot.Domain.Dossier.DossierView> DaanAsync() =>
        App.Services.GetRequiredService<VerzuimBot.Protocol.Dossiers.DossierService>().ReadAsync("99DE00", StudentIdOf("123456"));

    /// <summary>The id the bot gives a student of the demo school (keyed with the host's pseudonym key).</summary>
    public VerzuimBot.Domain.Identity.StudentId StudentIdOf(string leerlingnummer, string school = "99DE00") =>
        App.Services.GetRequiredService<VerzuimBot.Access.Roster.StudentIds>().For(new VerzuimBot.Domain.Identity.SchoolId(school), leerlingnummer);

    /// <summary>Everyone says hello first, as people do after installing the app: their chat and identity become known.</summary>
    public async Task EveryoneSaysHelloAsync(params TeamsUser[] users)
    {
        foreach (var user in users)
        {
            await SayAsync(user, "help");
        }
    }

    public async Task<DateTimeOffset> SetClockAsync(DateTimeOffset now)
    {
        using var response = await App.CreateClient().PostAsJsonAsync("/api/dev/clock", new { now });
        response.EnsureSuccessStatusCode();
        return now;
    }

    /// <summary>
    /// Runs one more reminder sweep at the current moment. It starts only after a sweep the scheduler may be running (one at a
    /// time), so when it returns everything due has gone out: a count of cards taken after it is final, without a timed wait.
    /// </summary>
    public Task SettleAsync() => App.Services.GetRequiredService<VerzuimBot.Tasks.ReminderSweeper>().SweepAsync(CancellationToken.None);

    /// <summary>Sends a message (in the user's personal chat, or in the group chat <paramref name="groupChatId"/>); returns the texts the bot answered in that chat.</summary>
    public Task<IReadOnlyList<string>> SayAsync(TeamsUser user, string text, object[]? attachments = null, string? groupChatId = null)
    {
        var id = $"msg-{Interlocked.Increment(ref _ids)}";
        var conversation = groupChatId is null
            ? (object)new { id = user.ConversationId, conversationType = "personal", tenantId = Tenant }
            : new { id = groupChatId, conversationType = "groupChat", isGroup = true, tenantId = Tenant };
        return PostMessageAsync(user, id, groupChatId ?? user.ConversationId, conversation, text, attachments, new { tenant = new { id = Tenant } });
    }

    /// <summary>An @mention of the bot in a new post in the team channel <paramref name="channelId"/>; returns the texts the bot answered there.</summary>
    public Task<IReadOnlyList<string>> SayInChannelAsync(TeamsUser user, string channelId, string teamId, string text)
    {
        var id = $"msg-{Interlocked.Increment(ref _ids)}";
        var conversationId = $"{channelId};messageid={id}";
        return PostMessageAsync(user, id, conversationId, new { id = conversationId, conversationType = "channel", isGroup = true, tenantId = Tenant }, "<at>VerzuimBot</at> " + text, null,
            new { tenant = new { id = Tenant }, channel = new { id = channelId }, team = new { id = teamId } });
    }

    /// <summary>The cards the bot sent into the user's chat, oldest first.</summary>
    public IReadOnlyList<JsonElement> CardsOf(TeamsUser user) => App.Connector.Calls
        .Where(c => c.Method == HttpMethod.Post && c.Body is { } b && c.Path.Contains($"/conversations/{user.ConversationId}/", StringComparison.Ordinal) && b.TryGetProperty("attachments", out _))
        .Select(c => c.Body!.Value.GetProperty("attachments")[0].GetProperty("content"))
        .ToList();

    /// <summary>
    /// Waits (bounded) until the user has received a card whose text contains <paramref name="marker"/>. When that card is a
    /// morning overview (issue 21) and the marker is in one of its items, the item's own card is returned: what the user
    /// opens with "Afhandelen" and answers on the overview.
    /// </summary>
    public async Task<JsonElement> WaitForCardAsync(TeamsUser user, string marker, int skip = 0)
    {
        for (var i = 0; i < 100; i++)
        {
            var match = CardsOf(user).Where(c => Plain(c).Contains(marker, StringComparison.Ordinal)).Skip(skip).ToList();
            if (match.Count > 0)
            {
                return OverviewItems(match[0]).Where(item => Plain(item).Contains(marker, StringComparison.Ordinal)).ToList() is [var only] ? only : match[0];
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"{user.Name} received no card with \"{marker}\" (skip {skip}); cards: {string.Join(" | ", CardsOf(user).Select(c => c.GetRawText()[..Math.Min(120, c.GetRawText().Length)]))}");
    }

    /// <summary>The cards behind the "Afhandelen" buttons of a morning overview; none for any other card.</summary>
    public static IEnumerable<JsonElement> OverviewItems(JsonElement card)
    {
        if (card.ValueKind == JsonValueKind.Object && card.TryGetProperty("type", out var type) && type.GetString() == "Action.ShowCard"
            && card.GetProperty("title").GetString() == "Afhandelen")
        {
            yield return card.GetProperty("card");
            yield break;
        }

        var children = card.ValueKind switch
        {
            JsonValueKind.Object => card.EnumerateObject().Select(p => p.Value).ToList(),
            JsonValueKind.Array => card.EnumerateArray().ToList(),
            _ => [],
        };
        foreach (var item in children.SelectMany(OverviewItems))
        {
            yield return item;
        }
    }

    public int CountCards(TeamsUser user, string marker) => CardsOf(user).Count(c => Plain(c).Contains(marker, StringComparison.Ordinal));

    /// <summary>The card's JSON with the markdown escapes of user text undone (TeamsText.Escape), for reading what people see.</summary>
    public static string Plain(JsonElement card) => MarkdownEscape().Replace(card.GetRawText(), "$1");

    [System.Text.RegularExpressions.GeneratedRegex(@"\\\\([\\*_\[\]()`<>#+=.-])")]
    private static partial System.Text.RegularExpressions.Regex MarkdownEscape();

    /// <summary>
    /// Presses the Action.Execute with <paramref name="verb"/> on the card, with the given inputs; returns the invoke response's body.
    /// In the user's personal chat, or in the group chat <paramref name="groupChatId"/> on the message <paramref name="replyToId"/>.
    /// </summary>
    public async Task<PressResult> PressAsync(TeamsUser user, JsonElement card, string verb, Dictionary<string, string>? inputs = null, string? title = null, string? groupChatId = null, string? replyToId = null, string trigger = "manual")
    {
        var action = FindAction(JsonNode.Parse(card.GetRawText())!, verb, title) ?? throw new Xunit.Sdk.XunitException($"No Action.Execute {verb} on the card.");
        var data = action["data"]?.DeepClone() as JsonObject ?? [];
        foreach (var (key, value) in inputs ?? [])
        {
            data[key] = value;
        }

        return await InvokeAsync(user, verb, data, groupChatId, replyToId, trigger);
    }

    /// <summary>A press of <paramref name="verb"/> with data of the attacker's own making, as if from a card (issue 19: forged payloads).</summary>
    public Task<PressResult> PressForgedAsync(TeamsUser user, string verb, IReadOnlyDictionary<string, string> data) =>
        InvokeAsync(user, verb, new JsonObject(data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))), null, null, "manual");

    private async Task<PressResult> InvokeAsync(TeamsUser user, string verb, JsonObject data, string? groupChatId, string? replyToId, string trigger)
    {
        using var response = await App.PostActivityAsync(new
        {
            type = "invoke",
            name = "adaptiveCard/action",
            id = $"inv-{Interlocked.Increment(ref _ids)}",
            serviceUrl = BotApp.ServiceUrl,
            channelId = "msteams",
            from = new { id = user.TeamsId, name = user.Name, aadObjectId = user.Aad },
            recipient = new { id = "28:bot" },
            replyToId,
            conversation = groupChatId is null
                ? (object)new { id = user.ConversationId, conversationType = "personal", tenantId = Tenant }
                : new { id = groupChatId, conversationType = "groupChat", isGroup = true, tenantId = Tenant },
            channelData = new { tenant = new { id = Tenant } },
            value = new { action = new { type = "Action.Execute", verb, data }, trigger },
        });
        Assert.Equal(200, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return new PressResult(body.GetProperty("type").GetString()!, body.GetProperty("value"));
    }

    private static JsonNode? FindAction(JsonNode node, string verb, string? title)
    {
        switch (node)
        {
            case JsonObject obj when obj["type"]?.GetValue<string>() == "Action.Execute" && obj["verb"]?.GetValue<string>() == verb && (title is null || obj["title"]?.GetValue<string>() == title):
                return obj;
            case JsonObject obj:
                return obj.Select(p => p.Value is null ? null : FindAction(p.Value, verb, title)).FirstOrDefault(n => n is not null);
            case JsonArray array:
                return array.Select(n => n is null ? null : FindAction(n, verb, title)).FirstOrDefault(n => n is not null);
            default:
                return null;
        }
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    private async Task<IReadOnlyList<string>> PostMessageAsync(TeamsUser user, string id, string conversationId, object conversation, string text, object[]? attachments, object channelData)
    {
        var before = App.Connector.Calls.Count;
        using var response = await App.PostActivityAsync(new
        {
            type = "message",
            id,
            serviceUrl = BotApp.ServiceUrl,
            channelId = "msteams",
            from = new { id = user.TeamsId, name = user.Name, aadObjectId = user.Aad },
            recipient = new { id = "28:bot", name = "VerzuimBot" },
            conversation,
            text,
            attachments,
            channelData,
        });
        Assert.True(response.IsSuccessStatusCode, $"message answered {(int)response.StatusCode}");
        return App.Connector.Calls.Skip(before)
            .Where(c => c.Body is { } b && b.TryGetProperty("text", out _)
                && (c.Path.Contains(conversationId, StringComparison.Ordinal) || c.Path.Contains(Uri.EscapeDataString(conversationId), StringComparison.Ordinal))
                && c.Path.EndsWith(id, StringComparison.Ordinal))
            .Select(c => c.Body!.Value.GetProperty("text").GetString()!).ToList();
    }
}

/// <summary>The invoke response: a replacement card, or a message shown while the card stays.</summary>
public sealed record PressResult(string Type, JsonElement Value)
{
    public bool ReplacedCard => Type == "application/vnd.microsoft.card.adaptive";

    public string Text => Value.ValueKind == JsonValueKind.String ? Value.GetString()! : RouteHarness.Plain(Value);
}
