using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.AbsenceImport.Nightly;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Tests.Infrastructure;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.AbsenceImport;

// Issue 22 item 3, last part: the optional nightly import from the school's SharePoint folder through Microsoft Graph (the
// real SDK against a loopback fake Graph), through the host with its Development clock: at 02:30 the folder's export is
// imported and the verzuimcoördinator gets the card; the same file the next night changes nothing; a corrected file becomes
// corrections; Graph answering 503 or 403 imports nothing, logs, and the next night works; not configured: no Graph call.
public sealed class NightlyAbsenceImportTests
{
    private static readonly DateOnly Monday = D(2026, 11, 2);

    private static RouteHarness Route(FakeGraph graph, CapturingLoggerProvider? logs = null, bool withDrive = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AbsenceImport:GraphBaseUrl"] = graph.BaseUrl,
            ["Schools:Items:99DE00:AbsenceImport:Nightly:SiteId"] = FakeGraph.SiteId,
            ["Schools:Items:99DE00:AbsenceImport:Nightly:Folder"] = "/" + FakeGraph.Folder + "/",
            ["Schools:Items:99DE00:AbsenceImport:Nightly:Mapping"] = "magister",
        };
        if (withDrive)
        {
            settings["Schools:Items:99DE00:AbsenceImport:Nightly:DriveId"] = FakeGraph.DriveId;
        }

        return new RouteHarness(settings, services: logs is null ? null : logs.AddTo);
    }

    private static NightlyAbsenceImport Nightly(RouteHarness route) => route.App.Services.GetRequiredService<NightlyAbsenceImport>();

    /// <summary>Another instance of the bot (scaled out, or this one after a restart): the same store, its own memory.</summary>
    private static NightlyAbsenceImport OtherInstance(RouteHarness route) => ActivatorUtilities.CreateInstance<NightlyAbsenceImport>(route.App.Services);

    [Fact]
    public async Task TwoInstances_AtTheSameNight_ImportTheFileOnce_AndSendOneCard()
    {
        await using var graph = new FakeGraph();
        graph.Put("item-oktober", "magister-absenties-oktober.csv", AbsenceImportHarness.Export("magister-absenties-oktober.csv"));
        await using var route = Route(graph);
        await route.EveryoneSaysHelloAsync(Vera);
        await route.SetClockAsync(At(Monday, 2, 31));

        var runs = await Task.WhenAll(Nightly(route).RunIfDueAsync(CancellationToken.None), OtherInstance(route).RunIfDueAsync(CancellationToken.None));

        Assert.Equal(1, runs.Sum());
        await route.WaitForCardAsync(Vera, "Absenties uit Magister ge");
        Assert.Equal(1, route.CountCards(Vera, "Absenties uit Magister ge"));
        Assert.Single(graph.Requests, r => r.EndsWith("/content", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterARestart_TheNextNight_AHandledFileIsNeitherDownloadedNorCardedAgain()
    {
        await using var graph = new FakeGraph();
        graph.Put("item-oktober", "magister-absenties-oktober.csv", AbsenceImportHarness.Export("magister-absenties-oktober.csv"));
        await using var route = Route(graph);
        await route.EveryoneSaysHelloAsync(Vera);
        await route.SetClockAsync(At(Monday, 2, 31));
        Assert.Equal(1, await Nightly(route).RunIfDueAsync(CancellationToken.None));
        await route.WaitForCardAsync(Vera, "Absenties uit Magister ge");

        await route.SetClockAsync(At(Monday.AddDays(1), 2, 31));
        Assert.Equal(0, await OtherInstance(route).RunIfDueAsync(CancellationToken.None));

        Assert.Single(graph.Requests, r => r.EndsWith("/content", StringComparison.Ordinal));
        Assert.Equal(1, route.CountCards(Vera, "Absenties uit Magister ge"));
    }

    [Fact]
    public async Task At0230_TheFolderIsImported_TheVerzuimcoordinatorGetsTheCard_TheSameFileNextNightChangesNothing_ACorrectedFileBecomesCorrections()
    {
        await using var graph = new FakeGraph();
        graph.Put("item-oktober", "magister-absenties-oktober.csv", AbsenceImportHarness.Export("magister-absenties-oktober.csv"));
        await using var route = Route(graph);
        await route.EveryoneSaysHelloAsync(Vera);

        // 02:29: not yet, and Graph is not asked.
        await route.SetClockAsync(At(Monday, 2, 29));
        Assert.Equal(0, await Nightly(route).RunIfDueAsync(CancellationToken.None));
        Assert.Empty(graph.Requests);

        await route.SetClockAsync(At(Monday, 2, 31));
        Assert.Equal(1, await Nightly(route).RunIfDueAsync(CancellationToken.None));
        var card = Plain(await route.WaitForCardAsync(Vera, "Absenties uit Magister ge"));
        Assert.Contains("35 rijen gelezen: 34 nieuw", card, StringComparison.Ordinal);
        Assert.Contains("de Boer** (2b)", card, StringComparison.Ordinal);
        Assert.Contains("magister-absenties-oktober.csv (sha256 ", card, StringComparison.Ordinal);
        Assert.Contains("de nachtelijke import uit SharePoint", card, StringComparison.Ordinal);
        Assert.Contains(await route.App.Services.GetRequiredService<Access.Audit.AuditTrail>().StudentTrailAsync("99DE00", route.StudentIdOf("124004").Value),
            line => line.Contains("sharepoint-nachtimport", StringComparison.Ordinal) && line.Contains("magister-absenties-oktober.csv', sha256 ", StringComparison.Ordinal));
        var afterFirst = await route.StoredEventsAsync("124004");
        Assert.NotEmpty(afterFirst);
        Assert.Contains(graph.Requests, r => r == $"GET /v1.0/sites/{FakeGraph.SiteId}/drive"); // no DriveId: the site's default library
        Assert.Contains(graph.Requests, r => r.EndsWith("children?page=2", StringComparison.Ordinal)); // the second page was read

        // Later the same night: it ran already.
        await route.SetClockAsync(At(Monday, 3, 15));
        var requests = graph.Requests.Count;
        Assert.Equal(0, await Nightly(route).RunIfDueAsync(CancellationToken.None));
        Assert.Equal(requests, graph.Requests.Count);

        // The next night the same file: listed, not downloaded again, nothing changes, no second card.
        await route.SetClockAsync(At(Monday.AddDays(1), 2, 31));
        Assert.Equal(0, await Nightly(route).RunIfDueAsync(CancellationToken.None));
        Assert.Single(graph.Requests, r => r.EndsWith("/content", StringComparison.Ordinal));
        Assert.Equal(afterFirst.Count, (await route.StoredEventsAsync("124004")).Count);
        Assert.Equal(1, route.CountCards(Vera, "Absenties uit Magister ge"));

        // The school system's export of October was corrected and saved over the file: its changes become corrections.
        graph.Put("item-oktober", "magister-absenties-oktober.csv", AbsenceImportHarness.Export("magister-absenties-oktober-gecorrigeerd.csv"));
        await route.SetClockAsync(At(Monday.AddDays(2), 2, 31));
        Assert.Equal(1, await Nightly(route).RunIfDueAsync(CancellationToken.None));
        var corrected = Plain(await route.WaitForCardAsync(Vera, "1 nieuw, 2 gecorrigeerd (waarvan 1 verwijderd in het schoolsysteem), 32 ongewijzigd"));
        Assert.Contains("Absenties uit Magister ge", corrected, StringComparison.Ordinal);
        Assert.DoesNotContain("niet ge", corrected, StringComparison.Ordinal);
        var events = await route.StoredEventsAsync("124004");
        var old = events.OfType<UnauthorisedHoursRecorded>().Single(h => h.Date == D(2026, 10, 7) && h.Hours == 2);
        Assert.Contains(events.OfType<EventRetracted>(), r => r.Retracted == old.Id);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task GraphDownOrAccessDenied_ImportsNothing_LogsWithoutChildrensData_TheHostRunsOn_AndTheNextNightWorks(HttpStatusCode failure)
    {
        await using var graph = new FakeGraph { FailWith = failure };
        graph.Put("item-oktober", "magister-absenties-oktober.csv", AbsenceImportHarness.Export("magister-absenties-oktober.csv"));
        var logs = new CapturingLoggerProvider();
        await using var route = Route(graph, logs, withDrive: true);
        await route.EveryoneSaysHelloAsync(Vera);

        await route.SetClockAsync(At(Monday, 2, 31));
        Assert.Equal(0, await Nightly(route).RunIfDueAsync(CancellationToken.None));
        Assert.Empty(await route.StoredEventsAsync("124004"));
        Assert.Equal(0, route.CountCards(Vera, "Absenties uit Magister"));
        var line = Assert.Single(logs.Lines, l => l.Contains("Nightly absence import for school 99DE00 failed, tried again next night", StringComparison.Ordinal));
        Assert.Contains($" {(int)failure}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("magister-absenties", line, StringComparison.Ordinal);
        Assert.DoesNotContain("124004", string.Join('\n', logs.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain(graph.Requests, r => r.Contains("/sites/", StringComparison.Ordinal)); // DriveId configured: the library is not looked up

        // The host still answers, and the next night Graph is back.
        var calls = route.App.Connector.Calls.Count;
        await route.SayAsync(Vera, "help");
        Assert.True(route.App.Connector.Calls.Count > calls);
        graph.FailWith = null;
        await route.SetClockAsync(At(Monday.AddDays(1), 2, 31));
        Assert.Equal(1, await Nightly(route).RunIfDueAsync(CancellationToken.None));
        Assert.NotEmpty(await route.StoredEventsAsync("124004"));
        await route.WaitForCardAsync(Vera, "35 rijen gelezen: 34 nieuw");
    }

    [Fact]
    public async Task ARefusedFile_ImportsNothing_AndTheVerzuimcoordinatorReadsWhyInDutch_OnceNotEveryNight()
    {
        await using var graph = new FakeGraph();
        graph.Put("item-fout", "absenties-puntkomma.csv", "leerlingnummer;datum;code\n124004;2026-10-07;ONBEKEND\n"u8.ToArray());
        await using var route = Route(graph);
        await route.EveryoneSaysHelloAsync(Vera);

        await route.SetClockAsync(At(Monday, 2, 31));
        Assert.Equal(0, await Nightly(route).RunIfDueAsync(CancellationToken.None));
        var card = Plain(await route.WaitForCardAsync(Vera, "Absenties uit Magister niet ge"));
        Assert.Contains("Niets ge", card, StringComparison.Ordinal);
        Assert.Empty(await route.StoredEventsAsync("124004"));

        await route.SetClockAsync(At(Monday.AddDays(1), 2, 31));
        await Nightly(route).RunIfDueAsync(CancellationToken.None);
        Assert.Equal(1, route.CountCards(Vera, "Absenties uit Magister niet ge"));
    }

    [Fact]
    public async Task AFileOverMaxFileBytes_IsRefusedWithoutDownloadingIt_AndTheSmallerFileBesideItIsImported()
    {
        await using var graph = new FakeGraph();
        var export = AbsenceImportHarness.Export("magister-absenties-oktober.csv");
        graph.Put("item-groot", "absenties-jaar.csv", new byte[export.Length + 1]);
        graph.Put("item-oktober", "magister-absenties-oktober.csv", export);
        await using var route = Route(graph);
        route.App.Services.GetRequiredService<global::VerzuimBot.Protocol.AbsenceImport.AbsenceImportOptions>().MaxFileBytes = export.Length;
        await route.EveryoneSaysHelloAsync(Vera);

        await route.SetClockAsync(At(Monday, 2, 31));
        Assert.Equal(1, await Nightly(route).RunIfDueAsync(CancellationToken.None));
        Assert.Contains("MB lees ik niet. Exporteer een kortere periode.", Plain(await route.WaitForCardAsync(Vera, "Absenties uit Magister niet ge")), StringComparison.Ordinal);
        Assert.DoesNotContain(graph.Requests, r => r.Contains("item-groot", StringComparison.Ordinal));
        Assert.Single(graph.Requests, r => r.EndsWith("/items/item-oktober/content", StringComparison.Ordinal));
        await route.WaitForCardAsync(Vera, "35 rijen gelezen: 34 nieuw");
    }

    [Fact]
    public async Task NotConfigured_NoGraphCallAtAll_AndTheSchedulerStops()
    {
        await using var graph = new FakeGraph();
        graph.Put("item-oktober", "magister-absenties-oktober.csv", AbsenceImportHarness.Export("magister-absenties-oktober.csv"));
        await using var route = new RouteHarness(new() { ["AbsenceImport:GraphBaseUrl"] = graph.BaseUrl });
        await route.SetClockAsync(At(Monday, 2, 31));

        Assert.False(Nightly(route).IsConfigured);
        Assert.Equal(0, await Nightly(route).RunIfDueAsync(CancellationToken.None));
        var scheduler = route.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<NightlyAbsenceImportScheduler>().Single();
        Assert.True(scheduler.ExecuteTask?.IsCompleted);
        Assert.Empty(graph.Requests);
        Assert.Empty(await route.StoredEventsAsync("124004"));
    }

    [Theory]
    [InlineData("Folder", "Schools:Items:99DE00:AbsenceImport:Nightly (environment variable Schools__Items__99DE00__AbsenceImport__Nightly): Folder missing")]
    [InlineData("SiteId", "Schools:Items:99DE00:AbsenceImport:Nightly (environment variable Schools__Items__99DE00__AbsenceImport__Nightly): SiteId missing")]
    public void AHalfConfiguredFolder_StopsTheStart_WithANamedMessage(string leftOut, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Schools:Items:99DE00:AbsenceImport:Nightly:SiteId"] = FakeGraph.SiteId,
            ["Schools:Items:99DE00:AbsenceImport:Nightly:Folder"] = FakeGraph.Folder,
            ["AbsenceImport:NightlyAt"] = "half drie",
            ["Bot:MicrosoftAppId"] = "5f1c2a3b-0000-4000-8000-00000000b07d",
            ["Bot:MicrosoftAppPassword"] = "uit-een-kluis",
        };
        settings.Remove($"Schools:Items:99DE00:AbsenceImport:Nightly:{leftOut}");
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" };

        var problems = VerzuimBot.Hosting.Startup.ProductionConfiguration.Problems(configuration, environment);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal) && p.Contains("Set SiteId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("AbsenceImport:NightlyAt", StringComparison.Ordinal) && p.Contains("'half drie' is not a time of day like 02:30", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Bot:TenantId", StringComparison.Ordinal) && p.Contains("the nightly absence import asks Graph for a token", StringComparison.Ordinal));
    }

    [Fact]
    public void AWholeFolder_OrNone_PassesTheStartupCheck()
    {
        foreach (var settings in new[]
        {
            new Dictionary<string, string?> { ["Schools:Items:99DE00:AbsenceImport:Nightly:SiteId"] = FakeGraph.SiteId, ["Schools:Items:99DE00:AbsenceImport:Nightly:Folder"] = FakeGraph.Folder, ["AbsenceImport:NightlyAt"] = "03:15" },
            new Dictionary<string, string?>(),
        })
        {
            var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var problems = VerzuimBot.Hosting.Startup.ProductionConfiguration.Problems(configuration, new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });
            Assert.DoesNotContain(problems, p => p.Contains("AbsenceImport", StringComparison.Ordinal) || p.Contains("nightly", StringComparison.Ordinal));
        }

        var at = NightlyImportSettings.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AbsenceImport:NightlyAt"] = "03:15" }).Build(), "magister");
        Assert.Equal((new TimeOnly(3, 15), 0), (at.RunAt, at.Folders.Count));
    }

    [Theory]
    [InlineData("misspelt", "Geen absentie-indeling 'magistr': geef magister, somtoday, parnassys of het pad van een JSON-bestand")]
    [InlineData("missing file", "Geen absentie-indeling '")]
    [InlineData("malformed json", "De absentie-indeling is geen geldige JSON (regel 1)")]
    [InlineData("bad lesson time", "Lesuur '8.30-9.20' in de absentie-indeling is geen tijdvak zoals 08:30-09:20")]
    [InlineData("null codes", "De absentie-indeling heeft een leeg onderdeel 'codes'")]
    public void ASchoolsNightlyMapping_ThatDoesNotResolve_StopsTheStart_NamingTheKey(string kind, string expected)
    {
        // Before: found only at 02:30, when that school's import failed with a warning and it silently got nothing that night.
        var folder = Directory.CreateTempSubdirectory("verzuimbot-mapping-").FullName;
        try
        {
            var mapping = kind switch
            {
                "misspelt" => "magistr",
                "missing file" => Path.Combine(folder, "bestaat-niet.json"),
                "malformed json" => Write(folder, "{ \"codes\": { \"Z\": \"ziek\", \"geheim-leerlingnummer-124004\" } }"),
                "bad lesson time" => Write(folder, "{ \"codes\": { \"Z\": \"ziek\" }, \"lessonTimes\": [\"8.30-9.20\"] }"),
                _ => Write(folder, "{ \"codes\": null }"),
            };

            var problems = StartupProblems(WholeFolder(("Schools:Items:99DE00:AbsenceImport:Nightly:Mapping", mapping)));

            var problem = Assert.Single(problems, p => p.Contains("Mapping", StringComparison.Ordinal));
            Assert.StartsWith("  - Schools:Items:99DE00:AbsenceImport:Nightly:Mapping (environment variable Schools__Items__99DE00__AbsenceImport__Nightly__Mapping): ", problem, StringComparison.Ordinal);
            Assert.Contains(expected, problem, StringComparison.Ordinal);
            Assert.Contains("Set one of the ready mappings (magister, somtoday, parnassys) or the path of the school's own mapping file", problem, StringComparison.Ordinal);
            Assert.DoesNotContain("geheim-leerlingnummer-124004", problem, StringComparison.Ordinal); // never the file's content
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AReadyMapping_OrAValidFile_PassesTheStartupCheck_AsDoesAnUnsetOne()
    {
        var folder = Directory.CreateTempSubdirectory("verzuimbot-mapping-").FullName;
        try
        {
            var file = Write(folder, "{ \"system\": \"eigen\", \"codes\": { \"Z\": \"ziek\" }, \"lessonTimes\": [\"08:30-09:20\", \"09:20-10:10\"] }");
            foreach (var mapping in new[] { "somtoday", " Magister ", file, string.Empty })
            {
                var problems = StartupProblems(WholeFolder(("Schools:Items:99DE00:AbsenceImport:Nightly:Mapping", mapping), ("AbsenceImport:Mapping", file)));
                Assert.DoesNotContain(problems, p => p.Contains("AbsenceImport", StringComparison.Ordinal));
            }

            Assert.DoesNotContain(StartupProblems(WholeFolder()), p => p.Contains("AbsenceImport", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AMisspeltDefaultMapping_StopsTheStart_UnderItsOwnKey_EvenWithoutANightlyImport()
    {
        // The default is also the chat command's and the CLI's: before, the first "absenties importeren" found it.
        foreach (var settings in new[] { WholeFolder(("AbsenceImport:Mapping", "somtodai")), new Dictionary<string, string?> { ["AbsenceImport:Mapping"] = "somtodai" } })
        {
            var problem = Assert.Single(StartupProblems(settings), p => p.Contains("Mapping", StringComparison.Ordinal));

            Assert.StartsWith("  - AbsenceImport:Mapping (environment variable AbsenceImport__Mapping): Geen absentie-indeling 'somtodai'", problem, StringComparison.Ordinal);
        }
    }

    /// <summary>A school with its whole nightly folder (and a tenant), plus <paramref name="extra"/>.</summary>
    private static Dictionary<string, string?> WholeFolder(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Schools:Items:99DE00:AbsenceImport:Nightly:SiteId"] = FakeGraph.SiteId,
            ["Schools:Items:99DE00:AbsenceImport:Nightly:Folder"] = FakeGraph.Folder,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static IReadOnlyList<string> StartupProblems(Dictionary<string, string?> settings) =>
        VerzuimBot.Hosting.Startup.ProductionConfiguration.Problems(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });

    private static string Write(string folder, string json)
    {
        var path = Path.Combine(folder, "indeling.json");
        File.WriteAllText(path, json);
        return path;
    }
}
