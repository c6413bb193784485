using System.Net;
using System.Text;
using System.Text.Json;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Roster;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.Beheer;

/// <summary>
/// Limits of a roster file sent in chat (section "Beheer"). Where it may come from is the school's own SharePoint
/// tenant (<c>Tenants:Organisations[].SharePointTenant</c>); loopback is allowed in Development for the Playground.
/// </summary>
internal sealed class BeheerOptions
{
    public const string SectionName = "Beheer";

    public int MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>At most this many student rows; a larger file is refused whole.</summary>
    public int MaxRows { get; set; } = RosterImportOptions.DefaultMaxRows;

    public RosterColumnMapping Mapping { get; set; } = new();
}

/// <summary>
/// "leerlingen importeren" with the school's CSV export attached in a personal chat (Teams sends it as
/// a file.download.info attachment with a pre-authenticated download URL). The URL is the sender's to choose, so it
/// must point to the school's own SharePoint or OneDrive host over https; a redirect is not followed (it could lead
/// anywhere, also inside the network), the file is size- and row-capped, and the import is all-or-nothing unless
/// "alleen goede rijen".
/// </summary>
internal sealed class RosterUpload(RosterImporter importer, SchoolProtocols protocols, TenantPolicy tenants, IHttpClientFactory http, BeheerOptions options, IHostEnvironment environment, TimeProvider time, ILogger<RosterUpload> logger)
{
    public const string DownloadInfo = "application/vnd.microsoft.teams.file.download.info";
    public const string ClientName = "roster-download";

    public async Task<string> ImportAsync(StaffMember staff, string organisation, Activity activity, bool goodRowsOnly, CancellationToken cancellationToken)
    {
        var decision = AccessPolicy.DecideForOrganisation(staff.Actor, AccessAction.ImportRoster, organisation, time.GetUtcNow());
        if (!decision.IsAllowed)
        {
            return decision.Reason!;
        }

        var file = activity.Attachments?.FirstOrDefault(a => a.ContentType == DownloadInfo);
        if (file is null || !file.Content.TryGetProperty("downloadUrl", out var url) || url.ValueKind != JsonValueKind.String || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri))
        {
            return "Stuur het CSV-bestand met de leerlingen als bijlage bij het bericht \"leerlingen importeren\".";
        }

        if (!IsAllowed(uri, organisation))
        {
            logger.LogWarning("Roster download refused: host {Host} is not the school's own", uri.Host);
            return "Dit bestand komt niet uit Teams/SharePoint van je organisatie; ik download het niet.";
        }

        var client = http.CreateClient(ClientName);
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            logger.LogWarning("Roster download refused: the download answered with redirect {Status}", (int)response.StatusCode);
            return "Het downloadadres van dit bestand stuurt door naar een ander adres; dat volg ik niet. Stuur het bestand opnieuw vanuit Teams.";
        }

        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentLength > options.MaxFileBytes)
        {
            return response.StatusCode == HttpStatusCode.OK ? "Het bestand is te groot (meer dan 20 MB)." : "Ik kon het bestand niet downloaden. Stuur het nog een keer.";
        }

        var bytes = await ReadCappedAsync(response, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return "Het bestand is te groot (meer dan 20 MB).";
        }

        var type = protocols.For(organisation).Profile.SchoolType;
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var report = await importer.ImportAsync(new SchoolId(organisation), reader, new RosterImportOptions(type, options.Mapping, goodRowsOnly, options.MaxRows), null, cancellationToken).ConfigureAwait(false);
        return string.Join('\n', report.Lines().Take(40));
    }

    private bool IsAllowed(Uri uri, string organisation) =>
        (uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && tenants.FindOrganisation(organisation) is { } school
            && school.SharePointHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))
        || (environment.IsDevelopment() && uri.IsLoopback);

    private async Task<byte[]?> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > options.MaxFileBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
