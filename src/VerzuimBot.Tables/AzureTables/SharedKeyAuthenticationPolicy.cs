using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>
/// Signs each attempt with the Table service's SharedKey scheme:
/// VERB, Content-MD5, Content-Type, Date and the canonical resource ("/" + account + URL path,
/// so a path-style emulator URL names the account twice; only a <c>comp</c> query parameter counts).
/// Runs per retry so every attempt carries a fresh x-ms-date.
/// </summary>
internal sealed class SharedKeyAuthenticationPolicy(string accountName, string accountKey, TimeProvider time) : HttpPipelineSynchronousPolicy
{
    private readonly byte[] _key = Convert.FromBase64String(accountKey);

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        request.Headers.TryGetValue("Content-Type", out var contentType);
        request.Headers.TryGetValue("Content-MD5", out var contentMd5);
        var stringToSign = BuildStringToSign(request.Method.Method, contentMd5, contentType, date, accountName, request.Uri.ToUri());
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{Sign(stringToSign)}");
    }

    internal static string BuildStringToSign(string method, string? contentMd5, string? contentType, string date, string accountName, Uri uri)
    {
        var resource = "/" + accountName + uri.AbsolutePath;
        var comp = System.Web.HttpUtility.ParseQueryString(uri.Query)["comp"];
        if (comp is not null)
        {
            resource += "?comp=" + comp;
        }

        return string.Join('\n', method, contentMd5 ?? string.Empty, contentType ?? string.Empty, date, resource);
    }

    internal string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
}
