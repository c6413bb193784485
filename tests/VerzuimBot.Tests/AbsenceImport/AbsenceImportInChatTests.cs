using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.AbsenceImport;
using VerzuimBot.Tests.Beheer;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.AbsenceImport;

// Issue 22 items 3 and 4: "absenties importeren" in chat (the roster's download rules; hostile: the attacker controls the
// downloadUrl, or has the wrong role), the beheer CLI with its summary, and the verzuimcoördinator's one overview card.
public sealed class AbsenceImportInChatTests
{
    private static readonly Dictionary<string, string?> OwnTenant = new() { ["Tenants:Organisations:0:SharePointTenant"] = "demoschool" };
    private const string OwnFile = "https://demoschool.sharepoint.com/sites/administratie/absenties-oktober.csv";

    private static object File(string url) => new { contentType = "application/vnd.microsoft.teams.file.download.info", name = "absenties.csv", content = new { downloadUrl = url, fileType = "csv" } };

    private static RouteHarness Route(TeamsFileServer files) =>
        new(OwnTenant, services: s => s.AddHttpClient("roster-download").ConfigurePrimaryHttpMessageHandler(() => files));

    [Fact]
    public async Task TheVerzuimcoordinator_ImportsByChat_AndGetsOneCardWithTheStudentsWhoCrossedARung()
    {
        var files = new TeamsFileServer { ["/sites/administratie/absenties-oktober.csv"] = System.Text.Encoding.UTF8.GetString(AbsenceImportHarness.Export("magister-absenties-oktober.csv")) };
        await using var route = Route(files);
        await route.SetClockAsync(At(D(2026, 11, 2), 9));
        await route.EveryoneSaysHelloAsync(Vera);

        var proef = string.Join('\n', await route.SayAsync(Vera, "absenties importeren proef", [File(OwnFile)]));
        Assert.StartsWith("Proefimport, er is niets vastgelegd.", proef, StringComparison.Ordinal);
        Assert.Empty(await route.StoredEventsAsync("124004"));

        var answer = string.Join('\n', await route.SayAsync(Vera, "absenties importeren", [File(OwnFile)]));
        Assert.Contains("35 rijen gelezen: 34 nieuw", answer, StringComparison.Ordinal);
        Assert.Contains("Zoë de Boer (2b): trede 9 uur van de verzuimladder.", answer, StringComparison.Ordinal);
        var card = await route.WaitForCardAsync(Vera, "Absenties uit Magister ge");
        var text = Plain(card);
        Assert.Contains("de Boer** (2b)", text, StringComparison.Ordinal);
        Assert.Contains("Volgende stap:", text, StringComparison.Ordinal);
        Assert.Contains("absenties-oktober.csv (sha256 ", text, StringComparison.Ordinal);

        // The same file again: nothing changes, and no second overview card.
        await route.SayAsync(Vera, "absenties importeren", [File(OwnFile)]);
        Assert.Equal(1, route.CountCards(Vera, "Absenties uit Magister ge"));
    }

    [Fact]
    public async Task AMentor_OrAFileFromAnotherTenant_IsRefusedInDutch_AndNothingIsDownloadedOrImported()
    {
        var files = new TeamsFileServer { ["/sites/administratie/absenties-oktober.csv"] = System.Text.Encoding.UTF8.GetString(AbsenceImportHarness.Export("magister-absenties-oktober.csv")) };
        await using var route = Route(files);
        await route.SetClockAsync(At(D(2026, 11, 2), 9));
        await route.EveryoneSaysHelloAsync(Max, Vera);

        var mentor = string.Join('\n', await route.SayAsync(Max, "absenties importeren", [File(OwnFile)]));
        Assert.Contains("Dit mag alleen een beheerder of verzuimcoördinator van 99DE00.", mentor, StringComparison.Ordinal);
        var foreign = string.Join('\n', await route.SayAsync(Vera, "absenties importeren", [File("https://aanvaller.sharepoint.com/sites/x/absenties.csv")]));
        Assert.Contains("ik download het niet", foreign, StringComparison.Ordinal);
        var none = string.Join('\n', await route.SayAsync(Vera, "absenties importeren"));
        Assert.Contains("als bijlage", none, StringComparison.Ordinal);

        Assert.Empty(files.Requested);
        Assert.Empty(await route.StoredEventsAsync("124004"));
    }

    [Fact]
    public async Task BeheerCli_ImportsWithASummary_RefusesA50MegabyteFileUnread_AndExplainsUsage()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 9));
        var cli = route.App.Services.GetRequiredService<AbsenceImportCli>();
        var folder = Directory.CreateTempSubdirectory("absenties-").FullName;
        try
        {
            var export = Path.Combine(folder, "magister-absenties-oktober.csv");
            await System.IO.File.WriteAllBytesAsync(export, AbsenceImportHarness.Export("magister-absenties-oktober.csv"));
            var (code, output, error) = await RunAsync(cli, "import", export, "--school", "99DE00", "--mapping", "magister", "--door", "Vera.Verzuim@demoschool.example.nl");
            Assert.Equal(0, code);
            Assert.Contains("35 rijen gelezen: 34 nieuw, 0 gecorrigeerd, 0 ongewijzigd, 1 zonder betekenis voor het verzuim overgeslagen", output, StringComparison.Ordinal);
            Assert.Contains("Dossiers bijwerken", output, StringComparison.Ordinal); // the progress bar's task
            Assert.Empty(error);
            Assert.Contains(await route.App.Services.GetRequiredService<Access.Audit.AuditTrail>().StudentTrailAsync("99DE00", route.StudentIdOf("124004").Value),
                line => line.Contains("vera.verzuim@demoschool.example.nl", StringComparison.Ordinal) && line.Contains("magister-absenties-oktober.csv', sha256 ", StringComparison.Ordinal));

            (code, output, _) = await RunAsync(cli, "import", export, "--school", "99DE00", "--dry-run");
            Assert.Equal(0, code);
            Assert.Contains("Proefimport, er is niets vastgelegd. 35 rijen gelezen: 0 nieuw, 0 gecorrigeerd, 34 ongewijzigd", output, StringComparison.Ordinal);

            var large = Path.Combine(folder, "groot.csv");
            await using (var stream = System.IO.File.Create(large))
            {
                stream.SetLength(50L * 1024 * 1024);
            }

            (code, _, error) = await RunAsync(cli, "import", large, "--school", "99DE00");
            Assert.Equal(1, code);
            Assert.Contains("het bestand is 50 MB; meer dan 25 MB lees ik niet", error, StringComparison.Ordinal);

            (code, _, error) = await RunAsync(cli, "import", export, "--school", "99DE00", "--mapping", "onbekend-systeem");
            Assert.Equal(1, code);
            Assert.Contains("Geen absentie-indeling 'onbekend-systeem'", error, StringComparison.Ordinal);
            (code, _, error) = await RunAsync(cli, "import", export);
            Assert.Equal((2, "Optie --school is verplicht."), (code, error.Trim()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(AbsenceImportCli cli, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await cli.RunAsync(args, output, error, interactive: false, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
