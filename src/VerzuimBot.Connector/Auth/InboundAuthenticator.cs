using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using VerzuimBot.Connector.Schema;

namespace VerzuimBot.Connector.Auth;

public enum InboundAuthOutcome
{
    Authenticated = 1,
    DevelopmentLoopback,
    Rejected,

    /// <summary>The token is valid, but its signing key is not endorsed for the activity's channel (403).</summary>
    ChannelNotEndorsed,
}

/// <summary>
/// Validates the Bot Connector JWT of an inbound activity: signature with keys from the OpenID
/// metadata, issuer, audience = app id, lifetime with 5 minutes skew, and the serviceurl claim
/// equal to the activity's serviceUrl. Any failure rejects the whole activity (401). Last, the signing
/// key's endorsements must name the activity's channel (protocol brief §3.2 step 8), else 403.
/// </summary>
public sealed class InboundAuthenticator
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly BotAuthenticationOptions _options;
    private readonly BaseConfigurationManager _metadata;
    private readonly ILogger<InboundAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public InboundAuthenticator(BotAuthenticationOptions options, BaseConfigurationManager metadata, ILogger<InboundAuthenticator> logger)
    {
        _options = options;
        _metadata = metadata;
        _logger = logger;
    }

    public static BaseConfigurationManager MetadataFor(BotAuthenticationOptions options, HttpClient httpClient) =>
        new ConfigurationManager<OpenIdConnectConfiguration>(
            options.OpenIdMetadataUrl,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(httpClient) { RequireHttps = options.OpenIdMetadataUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) });

    public async Task<InboundAuthOutcome> AuthenticateAsync(string? authorizationHeader, Activity activity, IPAddress? remoteAddress, CancellationToken cancellationToken = default)
    {
        if (_options.IsDevelopmentMode)
        {
            if (!_options.AllowUnauthenticatedLoopback)
            {
                _logger.LogWarning("Rejected a request: no Bot:MicrosoftAppId is configured and Bot:AllowUnauthenticatedLoopback is not set");
                return InboundAuthOutcome.Rejected;
            }

            if (remoteAddress is not null && IPAddress.IsLoopback(remoteAddress))
            {
                return InboundAuthOutcome.DevelopmentLoopback;
            }

            _logger.LogWarning("Rejected an unauthenticated request from a non-loopback address in Development mode");
            return InboundAuthOutcome.Rejected;
        }

        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            _logger.LogWarning("Rejected an activity without a bearer token");
            return InboundAuthOutcome.Rejected;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = _options.ValidIssuers,
            ValidAudience = _options.MicrosoftAppId,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = ClockSkew,
            ValidAlgorithms = ["RS256", "RS384", "RS512"],
            ConfigurationManager = _metadata,
        };

        var result = await _handler.ValidateTokenAsync(authorizationHeader["Bearer ".Length..].Trim(), parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            _logger.LogWarning("Rejected an activity: token invalid ({Reason})", result.Exception?.GetType().Name ?? "unknown");
            return InboundAuthOutcome.Rejected;
        }

        var claimedServiceUrl = result.Claims.TryGetValue("serviceurl", out var value) ? value as string : null;
        if (claimedServiceUrl is null || !string.Equals(claimedServiceUrl.TrimEnd('/'), activity.ServiceUrl?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            _logger.LogWarning("Rejected an activity: serviceUrl does not match the token's serviceurl claim");
            return InboundAuthOutcome.Rejected;
        }

        var kid = (result.SecurityToken as JsonWebToken)?.Kid;
        var endorsements = await SigningKeyEndorsements.ForKeyAsync(_metadata, kid, cancellationToken).ConfigureAwait(false);
        if (activity.ChannelId is not { Length: > 0 } channel || !endorsements.Contains(channel, StringComparer.Ordinal))
        {
            _logger.LogWarning("Refused an activity: the signing key is not endorsed for its channel ({Endorsements} endorsements)", endorsements.Count);
            return InboundAuthOutcome.ChannelNotEndorsed;
        }

        return InboundAuthOutcome.Authenticated;
    }
}
