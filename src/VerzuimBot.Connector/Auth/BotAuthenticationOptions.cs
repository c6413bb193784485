namespace VerzuimBot.Connector.Auth;

/// <summary>
/// The bot's registration. With no <see cref="MicrosoftAppId"/> the bot runs in Development mode:
/// unauthenticated requests are accepted only from loopback and outbound calls carry no token.
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string SectionName = "Bot";
    public const string BotConnectorIssuer = "https://api.botframework.com";
    public const string BotConnectorMetadata = "https://login.botframework.com/v1/.well-known/openidconfiguration";

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

    public bool IsDevelopmentMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant => string.Equals(TenantMode, "SingleTenant", StringComparison.OrdinalIgnoreCase);

    internal IReadOnlyList<string> ValidIssuers => IsSingleTenant && !string.IsNullOrWhiteSpace(TenantId)
        ? [BotConnectorIssuer, $"https://sts.windows.net/{TenantId}/", $"https://login.microsoftonline.com/{TenantId}/v2.0"]
        : [BotConnectorIssuer];
}
