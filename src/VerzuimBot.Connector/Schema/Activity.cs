using System.Text.Json;
using System.Text.Json.Serialization;

namespace VerzuimBot.Connector.Schema;

/// <summary>
/// A Bot Framework activity as Teams sends and receives it. Only the fields VerzuimBot reads or
/// writes are typed; unknown fields are ignored on input. Ids are opaque strings.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }

    public string? Id { get; init; }

    public string? ServiceUrl { get; init; }

    public string? ChannelId { get; init; }

    public ChannelAccount? From { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public JsonElement? Value { get; init; }

    public string? Name { get; init; }

    public string? Action { get; init; }

    public string? ReplyToId { get; init; }

    public string? Locale { get; init; }

    public JsonElement? Entities { get; init; }

    public JsonElement? ChannelData { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }

    [JsonIgnore]
    public string? TenantId => Conversation?.TenantId ?? ReadChannelData("tenant", "id");

    [JsonIgnore]
    public string? TeamId => ReadChannelData("team", "id");

    public static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text, TextFormat = "plain" };

    public static Activity CardMessage(JsonNodeCard card) => new()
    {
        Type = ActivityTypes.Message,
        Attachments = [new Attachment(Attachment.AdaptiveCardContentType, card.Content)],
    };

    private string? ReadChannelData(string objectName, string property) =>
        ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty(objectName, out var obj) && obj.ValueKind == JsonValueKind.Object
        && obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string Typing = "typing";
}

public sealed record ChannelAccount(string? Id, string? Name = null, string? AadObjectId = null);

public sealed record ConversationAccount(string? Id, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null, string? Name = null);

public sealed record Attachment(string ContentType, JsonElement Content)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
}

/// <summary>An Adaptive Card payload ready to attach.</summary>
public sealed record JsonNodeCard(JsonElement Content)
{
    public static JsonNodeCard From(System.Text.Json.Nodes.JsonNode card) => new(JsonSerializer.SerializeToElement(card));
}

/// <summary>The synchronous answer to an invoke activity, written as the HTTP response body.</summary>
public sealed record InvokeResponse(int Status, object? Body);

/// <summary>What is needed to reach a conversation later (proactive messages).</summary>
public sealed record ConversationReference(string ServiceUrl, string ConversationId, string? TenantId, string? BotId, string? ChannelId);
