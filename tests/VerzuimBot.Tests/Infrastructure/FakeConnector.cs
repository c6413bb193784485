using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace VerzuimBot.Tests.Infrastructure;

/// <summary>Answers outbound Bot Connector calls as the connector does and records them.</summary>
public sealed class FakeConnector : HttpMessageHandler
{
    private int _ids;
    private int _failed;

    /// <summary>How many posts were refused while <see cref="FailActivities"/> was set.</summary>
    public int FailedPosts => Volatile.Read(ref _failed);

    /// <summary>Members the connector knows, by Teams user id ("29:…"), as GET …/members/{id} returns them.</summary>
    public ConcurrentDictionary<string, object> Members { get; } = new();

    /// <summary>The member list of a group chat or team by conversation id (GET …/members); without an entry, every known member.</summary>
    public ConcurrentDictionary<string, string[]> ConversationMembers { get; } = new();

    /// <summary>While set, posting an activity fails with 500 (Teams having a bad moment).</summary>
    public bool FailActivities { get; set; }

    public ConcurrentQueue<(HttpMethod Method, string Path, JsonElement? Body, string? Authorization)> Calls { get; } = new();

    public IEnumerable<JsonElement> SentActivities => Calls.Where(c => c.Body is not null).Select(c => c.Body!.Value);

    public IEnumerable<string> SentTexts => SentActivities.Where(a => a.TryGetProperty("text", out _)).Select(a => a.GetProperty("text").GetString()!);

    public IEnumerable<string> SentCardTexts => SentActivities
        .Where(a => a.TryGetProperty("attachments", out _))
        .Select(a => a.GetProperty("attachments")[0].GetProperty("content").GetRawText());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        JsonElement? body = null;
        if (request.Content is not null)
        {
            body = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
        }

        var path = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath);
        if (FailActivities && request.Method == HttpMethod.Post && path.Contains("/activities", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _failed);
            return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }

        // Only what the connector accepted counts as sent.
        Calls.Enqueue((request.Method, path, body, request.Headers.Authorization?.ToString()));
        if (request.Method == HttpMethod.Get && path.EndsWith("/members", StringComparison.Ordinal))
        {
            var conversation = path.Split('/')[^2];
            var members = ConversationMembers.TryGetValue(conversation, out var ids) ? ids.Where(Members.ContainsKey).Select(i => Members[i]).ToArray() : Members.Values.ToArray();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(members), Encoding.UTF8, "application/json") };
        }

        if (request.Method == HttpMethod.Get && path.Contains("/members/", StringComparison.Ordinal))
        {
            var memberId = path[(path.LastIndexOf("/members/", StringComparison.Ordinal) + 9)..];
            return Members.TryGetValue(memberId, out var member)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(member), Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var id = Interlocked.Increment(ref _ids);
        return new HttpResponseMessage(HttpStatusCode.Created)
        {
            Content = new StringContent($$"""{"id":"{{id}}"}""", Encoding.UTF8, "application/json"),
        };
    }
}
