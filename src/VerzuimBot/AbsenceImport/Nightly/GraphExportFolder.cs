using Azure.Core;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using VerzuimBot.Connector.Auth;

namespace VerzuimBot.AbsenceImport.Nightly;

/// <summary>
/// The folder through Microsoft Graph, app-only with the bot's own credential (permission Sites.Selected, granted for the
/// school's one site): the folder's children (every page), then a file's content. Without a configured credential
/// (Development) requests carry no token, so a local fake Graph can answer. The client (and its credential) is made at the
/// first call: a host without a nightly folder never makes one.
/// </summary>
internal sealed class GraphExportFolder(Lazy<GraphServiceClient> client) : IAbsenceExportFolder
{
    private GraphServiceClient Graph => client.Value;

    private readonly Dictionary<string, string> _defaultDrives = new(StringComparer.Ordinal);

    public static GraphServiceClient Client(HttpClient http, BotAuthenticationOptions bot, string baseUrl) =>
        Credential(bot) is { } credential
            ? new GraphServiceClient(http, credential, ["https://graph.microsoft.com/.default"], baseUrl)
            : new GraphServiceClient(http, new AnonymousAuthenticationProvider(), baseUrl);

    public async Task<IReadOnlyList<ExportFile>> ListAsync(NightlyImportFolder folder, CancellationToken cancellationToken)
    {
        var drive = await DriveAsync(folder, cancellationToken).ConfigureAwait(false);
        var children = Graph.Drives[drive].Root.ItemWithPath(folder.Folder).Children;
        var files = new List<ExportFile>();
        var page = await children.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            files.AddRange((page.Value ?? [])
                .Where(item => item.File is not null && item.Id is not null && item.Name is not null)
                .Select(item => new ExportFile(item.Id!, item.Name!, item.CTag ?? item.ETag ?? string.Empty, item.Size ?? 0)));
            page = page.OdataNextLink is { } next ? await children.WithUrl(next).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false) : null;
        }

        return files;
    }

    public async Task<byte[]> DownloadAsync(NightlyImportFolder folder, ExportFile file, CancellationToken cancellationToken)
    {
        var drive = await DriveAsync(folder, cancellationToken).ConfigureAwait(false);
        await using var content = await Graph.Drives[drive].Items[file.Id].Content.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Graph returned no content.");
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>The configured library, else the site's default one (asked once).</summary>
    private async Task<string> DriveAsync(NightlyImportFolder folder, CancellationToken cancellationToken)
    {
        if (folder.DriveId is { } configured)
        {
            return configured;
        }

        if (_defaultDrives.TryGetValue(folder.SiteId, out var known))
        {
            return known;
        }

        var drive = await Graph.Sites[folder.SiteId].Drive.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var id = drive?.Id ?? throw new InvalidOperationException("The site has no default document library.");
        _defaultDrives[folder.SiteId] = id;
        return id;
    }

    /// <summary>The bot's own identity, as for the Bot Connector, but always in the bot's own tenant (Graph reads that tenant's sites).</summary>
    private static TokenCredential? Credential(BotAuthenticationOptions bot) =>
        BotCredentials.For(bot, () => bot.TenantId ?? throw new InvalidOperationException("Bot:TenantId is required for the nightly absence import."));
}
