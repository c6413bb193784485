using System.Text.Json.Nodes;

namespace VerzuimBot.Cards.Tests.Cards;

/// <summary>
/// The activity the bot posts for a card, and Teams' documented size rule for it
/// (shared/docs/bot-connector-protocol.md §5: 100 KB limit measured on the UTF-16 payload, base64 images excluded;
/// Microsoft advises staying under about 80 KB, so we hold every card to 80 KB).
/// </summary>
internal static class TeamsMessage
{
    public const int RecommendedMaxUtf16Bytes = 80 * 1024;

    /// <summary>A reply activity as VerzuimBot sends it, with realistic (long) Teams ids.</summary>
    public static JsonObject ActivityWith(JsonObject card) => new()
    {
        ["type"] = "message",
        ["from"] = new JsonObject { ["id"] = "28:" + new string('b', 36), ["name"] = "VerzuimBot" },
        ["recipient"] = new JsonObject { ["id"] = "29:" + new string('u', 120), ["name"] = "Voornaam Achternaam-Langenaam", ["aadObjectId"] = Guid.Empty.ToString() },
        ["conversation"] = new JsonObject { ["id"] = "a:" + new string('c', 140), ["conversationType"] = "personal", ["tenantId"] = Guid.Empty.ToString() },
        ["replyToId"] = "1712345678901",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["content"] = card.DeepClone(),
        }),
    };

    public static int Utf16Bytes(JsonObject activity) => activity.ToJsonString().Length * 2;
}
