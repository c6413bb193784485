namespace VerzuimBot.Connector.Auth;

/// <summary>
/// The bot's registration. With no <see cref="MicrosoftAppId"/> the bot runs in Development mode: outbound
/// calls carry no token, and unauthenticated requests are accepted only from loopback and only when
/// <see cref="AllowUnauthenticatedLoopback"/> is set too (a reverse proxy on the same machine makes every
/// request look like loopback, so "no app id" alone must never open the door).
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string SectionName = "Bot";
    public const string BotConnectorIssuer = "https://api.botframework.com";
    public const string BotConnectorMetadata = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The only channel the bot serves; the signing key must be endorsed for it.</summary>
    public const string TeamsChannelId = "msteams";

    public string? MicrosoftAppId { get; set; }

    /// <summary>Client secret (from configuration or environment only; never logged).</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>Path to a PFX/PEM certificate, as an alternative to a secret.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Use the managed identity of the host (optionally a user-assigned one by client id).</summary>
    public bool UseManagedIdentity { get; set; }

    public string? ManagedIdentityClientId { get; set; }

    /// <summary>MultiTenant or SingleTenant; single tenant also accepts Entra tokens of <see cref="TenantId"/>.</summary>
    public string TenantMode { get; set; } = "MultiTenant";

    public string? TenantId { get; set; }

    public string OpenIdMetadataUrl { get; set; } = BotConnectorMetadata;

    /// <summary>
    /// The explicit opt-in for the local tools (Agents Playground, load and fault tools): with no app id, accept
    /// requests without a token from loopback. The host refuses to start with it outside Development.
    /// </summary>
    public bool AllowUnauthenticatedLoopback { get; set; }

    public bool IsDevelopmentMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant => string.Equals(TenantMode, "SingleTenant", StringComparison.OrdinalIgnoreCase);

    internal IReadOnlyList<string> ValidIssuers => IsSingleTenant && !string.IsNullOrWhiteSpace(TenantId)
        ? [BotConnectorIssuer, $"https://sts.windows.net/{TenantId}/", $"https://login.microsoftonline.com/{TenantId}/v2.0"]
        : [BotConnectorIssuer];
}
