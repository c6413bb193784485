using VerzuimBot.Storage;
using VerzuimBot.Protocol.Digest;

namespace VerzuimBot.Digest;

/// <summary>Where download links point: <c>Bot:PublicBaseUrl</c>, or the address this request came in on.</summary>
internal sealed class DigestExportOptions
{
    public const string SectionName = "Digest";

    /// <summary>The public https address of the host, e.g. https://verzuimbot.example.nl (required behind a proxy).</summary>
    public string? PublicBaseUrl { get; set; }

    public int LinkMinutes { get; set; } = 15;

    /// <summary>How often the scheduler looks whether a digest is due.</summary>
    public int CheckSeconds { get; set; } = 60;
}

/// <summary>Issues the short-lived link of an export; the link itself is the only credential, so it expires soon.</summary>
internal sealed class DigestExportLinks(DigestExportStore store, DigestExportOptions options, IHttpContextAccessor http, TimeProvider time)
{
    public const string Route = "/api/overzicht/export/{token}";

    public async Task<(Uri Link, DateTimeOffset ExpiresAt)?> IssueAsync(SwvAudience audience, DateTimeOffset asOf, DateTimeOffset? since, string issuedTo, CancellationToken cancellationToken)
    {
        if (BaseUrl() is not { } baseUrl)
        {
            return null;
        }

        var expires = time.GetUtcNow().AddMinutes(options.LinkMinutes);
        var token = await store.IssueAsync(new DigestExportGrant(audience.SwvId, audience.Schools, issuedTo, asOf, since, expires), cancellationToken).ConfigureAwait(false);
        return (new Uri(baseUrl, "api/overzicht/export/" + token), expires);
    }

    private Uri? BaseUrl()
    {
        if (Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var configured))
        {
            return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
        }

        return http.HttpContext?.Request is { } request ? new Uri($"{request.Scheme}://{request.Host}/") : null;
    }
}
