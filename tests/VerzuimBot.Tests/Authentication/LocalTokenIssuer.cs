using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VerzuimBot.Tests.Authentication;

/// <summary>
/// A stand-in for login.botframework.com: serves an OpenID metadata document and JWKS, and signs tokens. Its key is
/// endorsed for <c>msteams</c>, as the Bot Connector's keys for Teams are, unless other endorsements are given.
/// </summary>
public sealed class LocalTokenIssuer(params string[] endorsements) : HttpMessageHandler
{
    public const string MetadataUrl = "https://login.test.example/v1/.well-known/openidconfiguration";
    private const string KeysUrl = "https://login.test.example/v1/.well-known/keys";
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key-1" };
    private readonly string[] _endorsements = endorsements.Length == 0 ? ["msteams"] : endorsements;

    public string Sign(string audience, string serviceUrl, string issuer = "https://api.botframework.com", DateTime? expires = null, RsaSecurityKey? key = null)
    {
        var signWith = key ?? _key;
        var exp = expires ?? DateTime.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = exp.AddHours(-1),
            IssuedAt = exp.AddHours(-1),
            Expires = exp,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(signWith, SecurityAlgorithms.RsaSha256),
        });
    }

    public static RsaSecurityKey OtherKey() => new(RSA.Create(2048)) { KeyId = "test-key-1" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.ToString();
        string json;
        if (url == MetadataUrl)
        {
            json = $$"""{"issuer":"https://api.botframework.com","jwks_uri":"{{KeysUrl}}","id_token_signing_alg_values_supported":["RS256"]}""";
        }
        else if (url == KeysUrl)
        {
            var parameters = _key.Rsa.ExportParameters(false);
            json = $$"""{"keys":[{"kty":"RSA","use":"sig","kid":"{{_key.KeyId}}","n":"{{Base64UrlEncoder.Encode(parameters.Modulus)}}","e":"{{Base64UrlEncoder.Encode(parameters.Exponent)}}","endorsements":{{System.Text.Json.JsonSerializer.Serialize(_endorsements)}}}]}""";
        }
        else
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
