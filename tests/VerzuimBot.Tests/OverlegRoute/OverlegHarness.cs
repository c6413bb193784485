using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Tests.Infrastructure;
using VerzuimBot.Tests.SickRoute;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Dossiers;

namespace VerzuimBot.Tests.OverlegRoute;

/// <summary>
/// The <see cref="RouteHarness"/> plus what an overleg needs: the kernpartners Lotte (leerplicht, RBL-DEMO) and Sanne
/// (SWV-DEMO), and the Teams group chat "Kernpartneroverleg" of the Playground (19:kernpartneroverleg@thread.v2) in which
/// the bot is installed, people type and press cards. The personal chats stay those of <see cref="RouteHarness"/>.
/// </summary>
public sealed class OverlegHarness : IAsyncDisposable
{
    public const string GroupChatId = "19:kernpartneroverleg@thread.v2";
    public const string GroupChatName = "Kernpartneroverleg";

    public static readonly TeamsUser Lotte = new("Lotte Leerplicht", "29:lotte", "aad-lotte", "lotte@rbl.example.nl");
    public static readonly TeamsUser Sanne = new("Sanne SWV", "29:sanne", "aad-sanne", "sanne@swv.example.nl");

    private int _ids;

    public OverlegHarness()
    {
        Route.AddMember(Lotte);
        Route.AddMember(Sanne);

        // The group chat's members: the zorgcoördinator and the two kernpartners (each checked before the summary goes in).
        Route.App.Connector.ConversationMembers[GroupChatId] = [RouteHarness.Zora.TeamsId, Lotte.TeamsId, Sanne.TeamsId];
    }

    public RouteHarness Route { get; } = new();

    public BotApp App => Route.App;

    /// <summary>The bot is added to the group chat (Teams sends conversationUpdate with the bot among membersAdded).</summary>
    public async Task InstallInGroupChatAsync(string conversationId = GroupChatId, string? name = GroupChatName)
    {
        using var response = await App.PostActivityAsync(new
        {
            type = "conversationUpdate",
            id = $"install-{Interlocked.Increment(ref _ids)}",
            serviceUrl = BotApp.ServiceUrl,
            channelId = "msteams",
            from = new { id = RouteHarness.Zora.TeamsId, aadObjectId = RouteHarness.Zora.Aad },
            recipient = new { id = "28:bot", name = "VerzuimBot" },
            conversation = new { id = conversationId, conversationType = "groupChat", isGroup = true, tenantId = RouteHarness.Tenant, name },
            membersAdded = new[] { new { id = "28:bot" } },
            channelData = new { tenant = new { id = RouteHarness.Tenant } },
        });
        Assert.True(response.IsSuccessStatusCode);
    }

    /// <summary>A message in the group chat, with the @mention Teams puts in front; returns the bot's answers there.</summary>
    public Task<IReadOnlyList<string>> SayInGroupAsync(TeamsUser user, string text, string conversationId = GroupChatId) =>
        Route.SayAsync(user, $"<at>VerzuimBot</at> {text}", groupChatId: conversationId);

    /// <summary>Cards the bot posted into the group chat (new messages), oldest first, with their message ids.</summary>
    public IReadOnlyList<(string MessageId, JsonElement Card)> GroupPosts(string conversationId = GroupChatId)
    {
        var posts = new List<(string, JsonElement)>();
        var calls = App.Connector.Calls.ToList();
        var postIndex = 0;
        foreach (var call in calls)
        {
            // The fake connector numbers every answered call that is not a member read; the id of a post is its number.
            if (!(call.Method == HttpMethod.Get && call.Path.Contains("/members", StringComparison.Ordinal)))
            {
                postIndex++;
            }

            if (call.Method == HttpMethod.Post && call.Path.EndsWith($"/conversations/{conversationId}/activities", StringComparison.Ordinal)
                && call.Body is { } body && body.TryGetProperty("attachments", out var attachments))
            {
                posts.Add((postIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), attachments[0].GetProperty("content")));
            }
        }

        return posts;
    }

    /// <summary>Message updates (PUT) of one message in the group chat, oldest first: what every member sees after a change.</summary>
    public IReadOnlyList<JsonElement> GroupUpdates(string messageId, string conversationId = GroupChatId) => App.Connector.Calls
        .Where(c => c.Method == HttpMethod.Put && c.Path.EndsWith($"/conversations/{conversationId}/activities/{messageId}", StringComparison.Ordinal) && c.Body is not null)
        .Select(c => c.Body!.Value.GetProperty("attachments")[0].GetProperty("content"))
        .ToList();

    /// <summary>
    /// Everything the bot sent into the group chat (posts, answers and updates) as the text people read, except the
    /// general welcome card of the install (whose examples, such as "ziek Daan", are the same for every chat).
    /// </summary>
    public string AllGroupTraffic(string conversationId = GroupChatId) => string.Join('\n', App.Connector.Calls
        .Where(c => c.Path.Contains($"/conversations/{conversationId}/", StringComparison.Ordinal) && c.Body is not null)
        .Select(c => Text(c.Body!.Value))
        .Where(t => !t.Contains("Welkom bij VerzuimBot", StringComparison.Ordinal)));

    /// <summary>All string values of a card or activity (JSON escapes undone), with the markdown escapes of user text undone.</summary>
    public static string Text(JsonElement element)
    {
        var parts = new List<string>();
        Collect(element, parts);
        return System.Text.RegularExpressions.Regex.Replace(string.Join('\n', parts), @"\\([\\*_\[\]()`<>#+=.-])", "$1");
    }

    private static void Collect(JsonElement element, List<string> parts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                parts.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, parts);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, parts);
                }

                break;
        }
    }

    /// <summary>Presses an Action.Execute on a card in the group chat (replyToId = the card's message id), as <paramref name="user"/>.</summary>
    public Task<PressResult> PressInGroupAsync(TeamsUser user, JsonElement card, string messageId, string verb, Dictionary<string, string>? inputs = null, string? title = null, string trigger = "manual", string conversationId = GroupChatId) =>
        Route.PressAsync(user, card, verb, inputs, title, groupChatId: conversationId, replyToId: messageId, trigger: trigger);

    /// <summary>
    /// The given situation of a thuiszitter case, recorded as the other routes would: a ziekmelding, leerplicht's "ja"
    /// (so the case is reported to leerplicht) and the school's melding at the SWV (004 Werkwijzer checklist).
    /// </summary>
    internal async Task<StudentRecord> ThuiszitterCaseAsync(string leerlingnummer, DateOnly firstDay, DateTimeOffset judgedAt)
    {
        var students = App.Services.GetRequiredService<StudentDirectory>();
        var dossiers = App.Services.GetRequiredService<DossierService>();
        var id = App.Services.GetRequiredService<Access.Roster.StudentIds>().For(new SchoolId("99DE00"), leerlingnummer);
        var student = await students.GetAsync("99DE00", id.Value, CancellationToken.None) ?? throw new InvalidOperationException("demo student missing");
        var receptie = new Actor(new StaffId(RouteHarness.Rita.Upn), Role.Receptie);
        var zorg = new Actor(new StaffId(RouteHarness.Zora.Upn), Role.Zorgcoordinator);
        await dossiers.RecordAsync("99DE00", id, new ZiekmeldingRecorded(new EventId("ev-seed-ziek"), Domain.Calendar.SchoolClock.At(firstDay, new TimeOnly(8, 0)), receptie, firstDay, null, false));
        await dossiers.RecordAsync("99DE00", id, new LeerplichtJudgementRecorded(new EventId("ev-seed-oordeel"), judgedAt, new Actor(new StaffId(Lotte.Upn), Role.Leerplichtambtenaar), true, "vier weken afwezig"));
        await dossiers.RecordAsync("99DE00", id, new ThuiszitterChecklistItemCompleted(new EventId("ev-seed-swv"), judgedAt.AddHours(1), zorg, "Leerling gemeld bij het samenwerkingsverband als thuiszitter"));
        await dossiers.RecordAsync("99DE00", id, new PlanVanAanpakAgreed(new EventId("ev-seed-plan"), judgedAt.AddHours(2), zorg, Domain.Calendar.SchoolClock.LocalDate(judgedAt), new StaffId(RouteHarness.Zora.Upn)));
        return student;
    }

    internal async Task<DossierView> DossierAsync(StudentRecord student) =>
        await App.Services.GetRequiredService<DossierService>().ReadAsync(student.SchoolId, student.Id);

    public Task<DateTimeOffset> SetClockAsync(DateTimeOffset now) => Route.SetClockAsync(now);

    public ValueTask DisposeAsync() => Route.DisposeAsync();
}
