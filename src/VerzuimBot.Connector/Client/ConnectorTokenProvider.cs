using Azure.Core;
using VerzuimBot.Connector.Auth;

namespace VerzuimBot.Connector.Client;

/// <summary>The bearer token for calls to the Bot Connector; null in Development mode (local tools need none).</summary>
public interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken = default);
}

/// <summary>Client-credentials tokens through Azure.Identity, cached until five minutes before expiry.</summary>
public sealed class ConnectorTokenProvider : IConnectorTokenProvider
{
    private const string Scope = "https://api.botframework.com/.default";
    private readonly TokenCredential? _credential;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private AccessToken _cached;

    public ConnectorTokenProvider(BotAuthenticationOptions options, TimeProvider time)
        : this(CredentialFor(options), time)
    {
    }

    internal ConnectorTokenProvider(TokenCredential? credential, TimeProvider time)
    {
        _credential = credential;
        _time = time;
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_credential is null)
        {
            return null;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached.Token is null || _cached.ExpiresOn - TimeSpan.FromMinutes(5) <= _time.GetUtcNow())
            {
                _cached = await _credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false);
            }

            return _cached.Token;
        }
        finally
        {
            _lock.Release();
        }
    }

    // Multi-tenant registrations get tokens from the botframework.com tenant; single-tenant ones from their own.
    private static TokenCredential? CredentialFor(BotAuthenticationOptions options)
    {
        if (options.IsDevelopmentMode)
        {
            return null;
        }

        var tenant = options.IsSingleTenant ? options.TenantId ?? throw new InvalidOperationException("Bot:TenantId is required for a SingleTenant bot.") : "botframework.com";
        return BotCredentials.For(options, () => tenant);
    }
}
