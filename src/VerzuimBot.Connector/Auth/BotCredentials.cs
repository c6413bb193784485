using Azure.Core;
using Azure.Identity;

namespace VerzuimBot.Connector.Auth;

/// <summary>
/// The bot's own Azure AD credential (managed identity, certificate or secret), for whichever tenant the caller needs: the Bot
/// Connector wants botframework.com for a multi-tenant registration, Microsoft Graph always the bot's own tenant.
/// Null in Development mode (local tools need no token).
/// </summary>
public static class BotCredentials
{
    /// <param name="tenant">Asked only for a certificate or secret (a managed identity knows its tenant).</param>
    public static TokenCredential? For(BotAuthenticationOptions options, Func<string> tenant)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsDevelopmentMode)
        {
            return null;
        }

        if (options.UseManagedIdentity)
        {
            return options.ManagedIdentityClientId is { Length: > 0 } id
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id))
                : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return new ClientCertificateCredential(tenant(), options.MicrosoftAppId, options.CertificatePath);
        }

        return !string.IsNullOrWhiteSpace(options.MicrosoftAppPassword)
            ? new ClientSecretCredential(tenant(), options.MicrosoftAppId, options.MicrosoftAppPassword)
            : throw new InvalidOperationException("Bot:MicrosoftAppId is set but no secret, certificate or managed identity is configured.");
    }
}
