using System.Text;

namespace VerzuimBot.Tests.Messages;

/// <summary>What the store may gain from a hostile input that the endpoint accepted (2xx).</summary>
public enum HostileStoreRule
{
    /// <summary>An ordinary turn: bookkeeping and whatever the turn legitimately saves.</summary>
    MayStore,

    /// <summary>The bot must refuse the content (unknown student, other school, invalid values): no domain data.</summary>
    NoDomainData,
}

/// <summary>
/// One malformed or hostile activity: the raw bytes posted to /api/messages, an optional content type,
/// and the user-controlled strings that must only ever appear escaped in a card or reply.
/// </summary>
public sealed record HostileCase(string Name, byte[] Body, HostileStoreRule Rule = HostileStoreRule.MayStore, string? ContentType = "application/json", IReadOnlyList<string>? Injected = null)
{
    public static HostileCase Json(string name, string json, HostileStoreRule rule = HostileStoreRule.MayStore, IReadOnlyList<string>? injected = null) =>
        new(name, Encoding.UTF8.GetBytes(json), rule, "application/json", injected);

    public string Preview => Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 160));

    public override string ToString() => Name;
}
