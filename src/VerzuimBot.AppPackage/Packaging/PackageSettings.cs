using System.Text.RegularExpressions;

namespace VerzuimBot.AppPackage.Packaging;

/// <summary>
/// The values that differ per installation and are never stored in the repository: the ids, the bot's domain, and the
/// school's (or SWV's) own privacy statement and terms of use, which Teams shows on the app's page. The website is the
/// privacy statement's site.
/// </summary>
internal sealed record PackageSettings(Guid TeamsAppId, Guid BotId, string Domain, Uri PrivacyUrl, Uri TermsUrl)
{
    public const string AppIdVariable = "VERZUIMBOT_APP_ID";
    public const string BotIdVariable = "VERZUIMBOT_BOT_ID";
    public const string DomainVariable = "VERZUIMBOT_DOMAIN";
    public const string PrivacyUrlVariable = "VERZUIMBOT_PRIVACY_URL";
    public const string TermsUrlVariable = "VERZUIMBOT_TERMS_URL";

    public Uri WebsiteUrl => new(PrivacyUrl.GetLeftPart(UriPartial.Authority) + "/");

    // A host name such as verzuimbot.school.nl (optionally with a port, which Teams allows in validDomains); no scheme or path.
    private static readonly Regex HostName = new(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+(:\d{1,5})?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// Builds the settings from command-line values, falling back to environment variables. Returns null and fills
    /// <paramref name="problems"/> with one line per missing or malformed value.
    /// </summary>
    public static PackageSettings? Resolve(string? appId, string? botId, string? domain, string? privacyUrl, string? termsUrl, Func<string, string?> environment, List<string> problems)
    {
        var teamsAppId = ParseGuid(appId ?? environment(AppIdVariable), "--app-id", AppIdVariable, "the Teams app id", problems);
        var bot = ParseGuid(botId ?? environment(BotIdVariable), "--bot-id", BotIdVariable, "the bot's Microsoft Entra app id", problems);
        var host = (domain ?? environment(DomainVariable))?.Trim();
        if (string.IsNullOrEmpty(host))
            problems.Add($"Missing the bot's domain: pass --domain or set {DomainVariable} (for example verzuimbot.example.nl).");
        else if (!HostName.IsMatch(host))
            problems.Add($"The domain '{host}' is not a host name (no https://, no path), for example verzuimbot.example.nl.");
        var privacy = ParseHttps(privacyUrl ?? environment(PrivacyUrlVariable), "--privacy-url", PrivacyUrlVariable, "the address of your privacy statement", problems);
        var terms = ParseHttps(termsUrl ?? environment(TermsUrlVariable), "--terms-url", TermsUrlVariable, "the address of your terms of use", problems);
        return problems.Count == 0 ? new PackageSettings(teamsAppId!.Value, bot!.Value, host!.ToLowerInvariant(), privacy!, terms!) : null;
    }

    private static Uri? ParseHttps(string? value, string option, string variable, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"Missing {what}: pass {option} or set {variable} (an https address on your school's or SWV's own website).");
            return null;
        }
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{option}/{variable} must be an https address, for example https://www.school.nl/privacy (got '{value}').");
            return null;
        }
        return uri;
    }

    private static Guid? ParseGuid(string? value, string option, string variable, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"Missing {what}: pass {option} or set {variable}.");
            return null;
        }
        if (!Guid.TryParseExact(value.Trim(), "D", out var guid) || guid == Guid.Empty)
        {
            problems.Add($"{option}/{variable} must be a GUID like 00000000-0000-0000-0000-000000000000 and not all zeros (got '{value}').");
            return null;
        }
        return guid;
    }
}
