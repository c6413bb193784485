using System.Text.Json;
using System.Text.RegularExpressions;

namespace VerzuimBot.AppPackage.Packaging;

/// <summary>
/// Fills the placeholder tokens of the repository's manifest files (<c>${{TEAMS_APP_ID}}</c>, <c>${{BOT_ID}}</c>,
/// <c>${{BOT_DOMAIN}}</c>, <c>${{PRIVACY_URL}}</c>, <c>${{TERMS_URL}}</c>, <c>${{WEBSITE_URL}}</c>: the names the Microsoft 365
/// Agents Toolkit fills from env/ too) and refuses to produce a file that still has a token or is not JSON.
/// </summary>
internal static partial class ManifestRenderer
{
    public const string AppIdToken = "${{TEAMS_APP_ID}}";
    public const string BotIdToken = "${{BOT_ID}}";
    public const string DomainToken = "${{BOT_DOMAIN}}";
    public const string PrivacyUrlToken = "${{PRIVACY_URL}}";
    public const string TermsUrlToken = "${{TERMS_URL}}";
    public const string WebsiteUrlToken = "${{WEBSITE_URL}}";

    [GeneratedRegex(@"\$\{\{[A-Z0-9_]*\}\}")]
    private static partial Regex AnyToken();

    public static string Render(string fileName, string text, PackageSettings settings)
    {
        var rendered = text
            .Replace(AppIdToken, settings.TeamsAppId.ToString("D"), StringComparison.Ordinal)
            .Replace(BotIdToken, settings.BotId.ToString("D"), StringComparison.Ordinal)
            .Replace(DomainToken, settings.Domain, StringComparison.Ordinal)
            .Replace(PrivacyUrlToken, settings.PrivacyUrl.AbsoluteUri, StringComparison.Ordinal)
            .Replace(TermsUrlToken, settings.TermsUrl.AbsoluteUri, StringComparison.Ordinal)
            .Replace(WebsiteUrlToken, settings.WebsiteUrl.AbsoluteUri, StringComparison.Ordinal);
        var leftover = AnyToken().Match(rendered);
        if (leftover.Success)
            throw new InvalidDataException($"{fileName} uses the unknown placeholder {leftover.Value}; known: {AppIdToken}, {BotIdToken}, {DomainToken}, {PrivacyUrlToken}, {TermsUrlToken}, {WebsiteUrlToken}.");
        try
        {
            using var _ = JsonDocument.Parse(rendered);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{fileName} is not valid JSON after filling in the placeholders: {e.Message}", e);
        }
        return rendered;
    }
}
