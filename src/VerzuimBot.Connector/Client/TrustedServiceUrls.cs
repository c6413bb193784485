using System.Collections.Concurrent;
using System.Net;

namespace VerzuimBot.Connector.Client;

/// <summary>
/// The serviceUrls the bot may call with its token: those seen on authenticated inbound activities,
/// plus configured ones. In Development mode only loopback serviceUrls (local tools) are allowed.
/// </summary>
public sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> _trusted = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _developmentMode;

    public TrustedServiceUrls(IEnumerable<string> configured, bool developmentMode)
    {
        _developmentMode = developmentMode;
        foreach (var url in configured)
        {
            _trusted[Normalize(url)] = 0;
        }
    }

    public void Trust(string serviceUrl) => _trusted[Normalize(serviceUrl)] = 0;

    public bool IsTrusted(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (_developmentMode)
        {
            return uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        }

        return uri.Scheme == Uri.UriSchemeHttps && _trusted.ContainsKey(Normalize(serviceUrl));
    }

    private static string Normalize(string url) => url.TrimEnd('/') + "/";
}
