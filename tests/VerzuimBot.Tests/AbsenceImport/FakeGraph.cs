using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace VerzuimBot.Tests.AbsenceImport;

/// <summary>
/// A loopback HTTP server that answers the Graph calls of the nightly import as Graph v1.0 does: a site's default library
/// (<c>/sites/{id}/drive</c>), a folder's children by path (<c>/drives/{id}/root:/{path}:/children</c>, in two pages) and a
/// file's content (<c>/drives/{id}/items/{id}/content</c>). The real Microsoft.Graph SDK talks to it over a socket.
/// </summary>
internal sealed class FakeGraph : IAsyncDisposable
{
    public const string SiteId = "demoschool.sharepoint.com,11111111-1111-1111-1111-111111111111,22222222-2222-2222-2222-222222222222";
    public const string DriveId = "b!demo-documenten";
    public const string Folder = "Absenties/Nachtimport";

    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly ConcurrentDictionary<string, (string Name, byte[] Content, int Version)> _files = new();

    public FakeGraph()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/v1.0";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Every request's method and path as it arrived.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>When set, every request gets this status (Graph down, or the app not granted the site).</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>Puts a file in the folder (a new version when its id is there already: the cTag changes).</summary>
    public void Put(string id, string name, byte[] content) =>
        _files.AddOrUpdate(id, _ => (name, content, 1), (_, old) => (name, content, old.Version + 1));

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
            Requests.Enqueue($"{context.Request.HttpMethod} {path}{context.Request.Url.Query}");
            await AnswerAsync(context, path);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, string path)
    {
        var response = context.Response;
        if (FailWith is { } status)
        {
            await WriteJsonAsync(response, (int)status, new { error = new { code = status == HttpStatusCode.Forbidden ? "accessDenied" : "serviceNotAvailable", message = "fake" } });
            return;
        }

        if (path == $"/v1.0/sites/{SiteId}/drive")
        {
            await WriteJsonAsync(response, 200, new { id = DriveId, driveType = "documentLibrary" });
        }
        else if (path == $"/v1.0/drives/{DriveId}/root:/{Folder}:/children")
        {
            // Two pages, as Graph pages a long folder: the first with a nextLink.
            var items = _files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (object)new
            {
                id = f.Key,
                name = f.Value.Name,
                size = f.Value.Content.Length,
                eTag = $"\"{{{f.Key}}},{f.Value.Version}\"",
                cTag = $"\"c:{{{f.Key}}},{f.Value.Version}\"",
                file = new { mimeType = "text/csv" },
            }).Append(new { id = "map-1", name = "Archief", folder = new { childCount = 0 } }).ToList();
            var second = context.Request.QueryString["page"] == "2";
            var next = $"{BaseUrl}/drives/{DriveId}/root:/{Folder}:/children?page=2";
            await WriteJsonAsync(response, 200, second
                ? new Dictionary<string, object> { ["value"] = items.Skip(1).ToList() }
                : new Dictionary<string, object> { ["value"] = items.Take(1).ToList(), ["@odata.nextLink"] = next });
        }
        else if (path.StartsWith($"/v1.0/drives/{DriveId}/items/", StringComparison.Ordinal) && path.EndsWith("/content", StringComparison.Ordinal)
                 && _files.TryGetValue(path.Split('/')[5], out var file))
        {
            response.StatusCode = 200;
            response.ContentType = "application/octet-stream";
            await response.OutputStream.WriteAsync(file.Content);
            response.Close();
        }
        else
        {
            await WriteJsonAsync(response, 404, new { error = new { code = "itemNotFound", message = "fake" } });
        }
    }

    private static async Task WriteJsonAsync(HttpListenerResponse response, int status, object body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.OutputStream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body));
        response.Close();
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
