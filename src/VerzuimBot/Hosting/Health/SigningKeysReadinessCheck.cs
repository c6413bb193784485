using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using VerzuimBot.Connector.Auth;

namespace VerzuimBot.Hosting.Health;

/// <summary>
/// With an app id the bot can only accept Teams' activities once the Bot Connector's signing keys are loaded
/// (fetched once, then cached and refreshed by the configuration manager). Without an app id there are none to load.
/// </summary>
internal sealed class SigningKeysReadinessCheck(BotAuthenticationOptions options, BaseConfigurationManager metadata) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.IsDevelopmentMode)
        {
            return HealthCheckResult.Healthy("no app id: no signing keys needed");
        }

        try
        {
            var configuration = await metadata.GetBaseConfigurationAsync(cancellationToken).ConfigureAwait(false) as OpenIdConnectConfiguration;
            var keys = configuration?.SigningKeys.Count ?? 0;
            return keys > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the OpenID metadata has no signing keys");
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("signing keys not loaded: " + ex.GetType().Name);
        }
    }
}
