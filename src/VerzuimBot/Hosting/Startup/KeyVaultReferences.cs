namespace VerzuimBot.Hosting.Startup;

/// <summary>
/// App Service replaces an app setting of the form <c>@Microsoft.KeyVault(…)</c> by the secret when the app starts; when
/// it cannot (no such secret, no role for the identity, a typo), the app gets the reference text itself. That is named
/// here as what it is, instead of the key's own check calling the text malformed.
/// </summary>
internal static class KeyVaultReferences
{
    private const string Prefix = "@Microsoft.KeyVault(";

    /// <summary>Every key whose value is still a Key Vault reference.</summary>
    public static IReadOnlyList<string> Unresolved(IConfiguration configuration) =>
        configuration.AsEnumerable()
            .Where(setting => setting.Value?.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) == true)
            .Select(setting => setting.Key)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static ConfigurationCheck CheckFor(string key) => new(
        key,
        "Make the reference resolve: the secret must exist in the vault (for Privacy:PseudonymKey run infra/pseudonym-key.sh), the identity in the Web App's keyVaultReferenceIdentity must hold Key Vault Secrets User on it, and the SecretUri must name that vault and secret; the Web App's Environment variables page shows why it failed (docs/deploy.md §4).",
        _ => "App Service could not resolve its Key Vault reference, so the app received the reference instead of the secret")
    {
        AlsoForBeheer = true,
    };
}
