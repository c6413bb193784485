using System.Net;
using System.Text.Json;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Connector.Schema;

namespace VerzuimBot.Beheer;

/// <summary>A file sent in chat, downloaded; or the Dutch reason it was not.</summary>
internal sealed record DownloadedFile(string Name, byte[] Content)
{
    public static (DownloadedFile? File, string? Refusal) Refused(string reason) => (null, reason);
}

/// <summary>
/// A file attached in a personal chat (Teams sends it as a file.download.info attachment with a pre-authenticated download URL).
/// The URL is the sender's to choose, so it must point to the school's own SharePoint or OneDrive host over https (loopback in
/// Development for the Playground); a redirect is not followed (it could lead anywhere, also inside the network); the file is
/// size-capped while it streams in. Used by the roster and the absence upload alike.
/// </summary>
internal sealed class TeamsFileDownload(TenantPolicy tenants, IHttpClientFactory http, IHostEnvironment environment, ILogger<TeamsFileDownload> logger)
{
    public const string DownloadInfo = "application/vnd.microsoft.teams.file.download.info";
    public const string ClientName = "roster-download";

    /// <param name="missing">What to say when no file is attached.</param>
    public async Task<(DownloadedFile? File, string? Refusal)> DownloadAsync(Activity activity, string organisation, int maxBytes, string missing, CancellationToken cancellationToken)
    {
        var file = activity.Attachments?.FirstOrDefault(a => a.ContentType == DownloadInfo);
        if (file is null || !file.Content.TryGetProperty("downloadUrl", out var url) || url.ValueKind != JsonValueKind.String || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri))
        {
            return DownloadedFile.Refused(missing);
        }

        if (!IsAllowed(uri, organisation))
        {
            logger.LogWarning("File download refused: host {Host} is not the school's own", uri.Host);
            return DownloadedFile.Refused("Dit bestand komt niet uit Teams/SharePoint van je organisatie; ik download het niet.");
        }

        var client = http.CreateClient(ClientName);
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            logger.LogWarning("File download refused: the download answered with redirect {Status}", (int)response.StatusCode);
            return DownloadedFile.Refused("Het downloadadres van dit bestand stuurt door naar een ander adres; dat volg ik niet. Stuur het bestand opnieuw vanuit Teams.");
        }

        var tooLarge = $"Het bestand is te groot (meer dan {maxBytes / (1024 * 1024)} MB).";
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentLength > maxBytes)
        {
            return DownloadedFile.Refused(response.StatusCode == HttpStatusCode.OK ? tooLarge : "Ik kon het bestand niet downloaden. Stuur het nog een keer.");
        }

        var bytes = await ReadCappedAsync(response, maxBytes, cancellationToken).ConfigureAwait(false);
        var name = Uri.UnescapeDataString(Path.GetFileName(uri.AbsolutePath));
        return bytes is null ? DownloadedFile.Refused(tooLarge) : (new DownloadedFile(name, bytes), null);
    }

    private bool IsAllowed(Uri uri, string organisation) =>
        (uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && tenants.FindOrganisation(organisation) is { } school
            && school.SharePointHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))
        || (environment.IsDevelopment() && uri.IsLoopback);

    private static async Task<byte[]?> ReadCappedAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
