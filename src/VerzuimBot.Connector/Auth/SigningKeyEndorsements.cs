using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace VerzuimBot.Connector.Auth;

/// <summary>
/// The channels a Bot Connector signing key is endorsed for: the <c>endorsements</c> array the Bot Connector
/// adds to each key of its JWKS. IdentityModel keeps unknown key members in <see cref="JsonWebKey.AdditionalData"/>,
/// so the keys the token was validated with carry them; no second download is needed.
/// </summary>
internal static class SigningKeyEndorsements
{
    public const string PropertyName = "endorsements";

    /// <returns>The endorsements of the key with id <paramref name="kid"/>; empty when the key has none or is not known.</returns>
    public static async Task<IReadOnlyList<string>> ForKeyAsync(Microsoft.IdentityModel.Tokens.BaseConfigurationManager metadata, string? kid, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(kid))
        {
            return [];
        }

        var configuration = await metadata.GetBaseConfigurationAsync(cancellationToken).ConfigureAwait(false) as OpenIdConnectConfiguration;
        var key = configuration?.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
        return key is not null && key.AdditionalData.TryGetValue(PropertyName, out var value) ? Read(value) : [];
    }

    private static List<string> Read(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
        IEnumerable<object> items => items.Select(i => i switch { JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(), string s => s, _ => null }).OfType<string>().ToList(),
        _ => [],
    };
}
