namespace VerzuimBot.Tests.Infrastructure;

/// <summary>Teams-shaped activities for tests.</summary>
public static class Activities
{
    public const string Tenant = "tenant-1";

    public static object Message(string text, string id = "act-1", string serviceUrl = BotApp.ServiceUrl, object? value = null, string tenant = Tenant) => new
    {
        type = "message",
        id,
        serviceUrl,
        channelId = "msteams",
        from = new { id = "29:user-1", name = "Rita Receptie", aadObjectId = "aad-user-1" },
        recipient = new { id = "28:bot", name = "VerzuimBot" },
        conversation = new { id = "a:personal-1", conversationType = "personal", tenantId = tenant },
        text,
        value,
        channelData = new { tenant = new { id = tenant } },
    };

    public static object Install(string type, string id) => new
    {
        type,
        id,
        action = type == "installationUpdate" ? "add" : null,
        serviceUrl = BotApp.ServiceUrl,
        channelId = "msteams",
        from = new { id = "29:user-1", aadObjectId = "aad-user-1" },
        recipient = new { id = "28:bot", name = "VerzuimBot" },
        conversation = new { id = "a:personal-1", conversationType = "personal", tenantId = Tenant },
        membersAdded = type == "conversationUpdate" ? new[] { new { id = "28:bot" } } : null,
        channelData = new { tenant = new { id = Tenant } },
    };

    public static object Invoke(string name, object value, string id = "inv-1") => new
    {
        type = "invoke",
        id,
        name,
        value,
        serviceUrl = BotApp.ServiceUrl,
        channelId = "msteams",
        from = new { id = "29:user-1", aadObjectId = "aad-user-1" },
        recipient = new { id = "28:bot" },
        conversation = new { id = "a:personal-1", conversationType = "personal", tenantId = Tenant },
    };
}
