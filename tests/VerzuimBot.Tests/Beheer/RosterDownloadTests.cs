using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Beheer;

// issue 19 item 10: a roster sent in chat is downloaded only from the school's own SharePoint tenant, never through a
// redirect, and never more rows than the cap. Hostile: the attacker controls the attachment's downloadUrl.
public sealed class RosterDownloadTests
{
    private static readonly DateTimeOffset Monday = new(2026, 10, 12, 9, 0, 0, TimeSpan.FromHours(2));
    private const string Header = "Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Klas;Mentor e-mail;Woongemeente\n";
    private const string OneStudent = Header + "200001;Fleur;Kok;02-02-2013;2b;max.mentor@demoschool.example.nl;Utrecht\n";

    /// <summary>The demo school's own tenant is "demoschool" (its SharePoint and its people's OneDrive).</summary>
    private static readonly Dictionary<string, string?> OwnTenant = new() { ["Tenants:Organisations:0:SharePointTenant"] = "demoschool" };

    private static object File(string url) => new { contentType = "application/vnd.microsoft.teams.file.download.info", name = "leerlingen.csv", content = new { downloadUrl = url, fileType = "csv" } };

    [Fact]
    public async Task ImportLeerlingen_FromAnotherTenantsSharePoint_IsRefusedInDutch_WhileTheSchoolsOwnOneDriveWorks()
    {
        var files = new TeamsFileServer { ["/personal/rita/leerlingen.csv"] = OneStudent };
        await using var route = new RouteHarness(OwnTenant, services: s => s.AddHttpClient("roster-download").ConfigurePrimaryHttpMessageHandler(() => files));
        await route.SetClockAsync(Monday);
        await route.EveryoneSaysHelloAsync(Rita);

        var foreign = string.Join('\n', await route.SayAsync(Rita, "leerlingen importeren", [File("https://aanvaller.sharepoint.com/personal/rita/leerlingen.csv")]));
        Assert.Contains("ik download het niet", foreign, StringComparison.Ordinal);
        Assert.Empty(files.Requested);
        Assert.Contains(await route.SayAsync(Rita, "ziek Fleur"), t => t.Contains("Ik vind geen leerling", StringComparison.Ordinal));

        var own = string.Join('\n', await route.SayAsync(Rita, "leerlingen importeren", [File("https://demoschool-my.sharepoint.com/personal/rita/leerlingen.csv")]));
        Assert.Contains("1 nieuw", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportLeerlingen_WhoseDownloadRedirects_IsRefusedInDutch_AndTheRedirectIsNotFollowed()
    {
        var files = new TeamsFileServer { ["/elsewhere/leerlingen.csv"] = OneStudent };
        files.Redirect("/personal/rita/leerlingen.csv", "https://aanvaller.example/elsewhere/leerlingen.csv");
        await using var route = new RouteHarness(OwnTenant, services: s => s.AddHttpClient("roster-download").ConfigurePrimaryHttpMessageHandler(() => files));
        await route.SetClockAsync(Monday);
        await route.EveryoneSaysHelloAsync(Rita);

        var answer = string.Join('\n', await route.SayAsync(Rita, "leerlingen importeren", [File("https://demoschool-my.sharepoint.com/personal/rita/leerlingen.csv")]));
        Assert.Contains("stuurt door naar een ander adres", answer, StringComparison.Ordinal);
        Assert.Equal(["/personal/rita/leerlingen.csv"], files.Requested);
        Assert.Contains(await route.SayAsync(Rita, "ziek Fleur"), t => t.Contains("Ik vind geen leerling", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RosterDownloadClient_NeverFollowsRedirectsItself()
    {
        await using var route = new RouteHarness();
        var factory = route.App.Services.GetRequiredService<IHttpMessageHandlerFactory>();
        HttpMessageHandler handler = factory.CreateHandler("roster-download");
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        var follows = handler switch
        {
            SocketsHttpHandler sockets => sockets.AllowAutoRedirect,
            HttpClientHandler client => client.AllowAutoRedirect,
            _ => throw new Xunit.Sdk.XunitException($"Unexpected primary handler {handler.GetType().Name}."),
        };
        Assert.False(follows);
    }

    [Fact]
    public async Task ImportLeerlingen_WithMoreRowsThanTheCap_ImportsNothing_EvenForGoodRowsOnly()
    {
        var rows = new StringBuilder(Header);
        for (var i = 0; i < 4; i++)
        {
            rows.Append(FormattableString.Invariant($"20000{i};Kind{i};Kok;02-02-2013;2b;max.mentor@demoschool.example.nl;Utrecht\n"));
        }

        var files = new TeamsFileServer { ["/personal/rita/groot.csv"] = rows.ToString() };
        var settings = new Dictionary<string, string?>(OwnTenant) { ["Beheer:MaxRows"] = "3" };
        await using var route = new RouteHarness(settings, services: s => s.AddHttpClient("roster-download").ConfigurePrimaryHttpMessageHandler(() => files));
        await route.SetClockAsync(Monday);
        await route.EveryoneSaysHelloAsync(Rita);

        var answer = string.Join('\n', await route.SayAsync(Rita, "leerlingen importeren alleen goede rijen", [File("https://demoschool.sharepoint.com/personal/rita/groot.csv")]));
        Assert.Contains("meer dan 3 rijen", answer, StringComparison.Ordinal);
        Assert.Contains("Niets geïmporteerd", answer, StringComparison.Ordinal);
        Assert.Contains(await route.SayAsync(Rita, "ziek Kind0"), t => t.Contains("Ik vind geen leerling", StringComparison.Ordinal));
    }
}

/// <summary>Serves fixed files (and redirects), as a Teams download URL would; remembers which paths were asked for.</summary>
internal sealed class TeamsFileServer : HttpMessageHandler
{
    private readonly Dictionary<string, string> _files = [];
    private readonly Dictionary<string, string> _redirects = [];

    public List<string> Requested { get; } = [];

    public string this[string path]
    {
        set => _files[path] = value;
    }

    public void Redirect(string path, string location) => _redirects[path] = location;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        lock (Requested)
        {
            Requested.Add(path);
        }

        if (_redirects.TryGetValue(path, out var location))
        {
            var redirect = new HttpResponseMessage(HttpStatusCode.Found);
            redirect.Headers.Location = new Uri(location);
            return Task.FromResult(redirect);
        }

        return Task.FromResult(_files.TryGetValue(path, out var body)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "text/csv") }
            : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
