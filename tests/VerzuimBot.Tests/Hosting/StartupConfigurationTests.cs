using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VerzuimBot.Tests.Hosting;

// issue 18 item 4: the built host, started as an operator would, with a missing or invalid production configuration:
// one message naming each key and what to set, a non-zero exit code, no stack trace. The same for configuration that
// would otherwise only fail later (a school's calendar, the organisations' bounds, an unresolved Key Vault reference)
// and for the beheer CLI.
public sealed class StartupConfigurationTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EmptyProductionConfiguration_NamesEveryMissingKey_ExitsWith78_WithoutAStackTrace()
    {
        var run = await RunHostAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.Equal(78, run.ExitCode);
        Assert.Contains("VerzuimBot cannot start: the configuration for environment 'Production' is incomplete or invalid.", run.Error, StringComparison.Ordinal);
        foreach (var key in new[] { "Bot:MicrosoftAppId (environment variable Bot__MicrosoftAppId): missing", "Digest:PublicBaseUrl (environment variable Digest__PublicBaseUrl): missing", "no store configured", "Connector:AllowedServiceUrls (environment variable Connector__AllowedServiceUrls): empty", "Tenants:Organisations (environment variable Tenants__Organisations): no organisation" })
        {
            Assert.Contains(key, run.Error, StringComparison.Ordinal);
        }

        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task InvalidProductionValues_AreEachNamed_WithWhatToSet()
    {
        var run = await RunHostAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Bot__MicrosoftAppId"] = "verzuimbot",
            ["Bot__UseManagedIdentity"] = "ja",
            ["Bot__AllowUnauthenticatedLoopback"] = "true",
            ["Bot__TenantMode"] = "SingleTenant",
            ["TableStorage__TableEndpoint"] = "http://account.table.core.windows.net",
            ["Digest__PublicBaseUrl"] = "http://verzuimbot.school.example",
            ["Tenants__Organisations__0__Id"] = "12AB00",
            ["Tenants__Organisations__0__TenantIds__0"] = "aaaaaaaa-0000-0000-0000-000000000001",
            ["RateLimit__TokensPerMinute"] = "0",
        });

        Assert.Equal(78, run.ExitCode);
        Assert.Contains("Bot:MicrosoftAppId (environment variable Bot__MicrosoftAppId): 'verzuimbot' is not a GUID", run.Error, StringComparison.Ordinal);
        Assert.Contains("Bot:UseManagedIdentity (environment variable Bot__UseManagedIdentity): 'ja' is not true or false. Set true or false.", run.Error, StringComparison.Ordinal);
        Assert.Contains("Bot:AllowUnauthenticatedLoopback (environment variable Bot__AllowUnauthenticatedLoopback): only allowed in Development", run.Error, StringComparison.Ordinal);
        Assert.Contains("Bot:TenantId (environment variable Bot__TenantId): missing for a SingleTenant bot", run.Error, StringComparison.Ordinal);
        Assert.Contains("Bot:UseManagedIdentity | Bot:MicrosoftAppPassword | Bot:CertificatePath", run.Error, StringComparison.Ordinal);
        Assert.Contains("TableStorage:TableEndpoint (environment variable TableStorage__TableEndpoint): 'http://account.table.core.windows.net' must use https outside Development", run.Error, StringComparison.Ordinal);
        Assert.Contains("Digest:PublicBaseUrl (environment variable Digest__PublicBaseUrl): 'http://verzuimbot.school.example' must use https outside Development", run.Error, StringComparison.Ordinal);
        Assert.Contains("RateLimit (environment variable RateLimit): TokensPerMinute '0' is not a whole number from 1", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Tenants:Organisations", run.Error, StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task CompleteProductionConfiguration_Starts_AndIsAlive()
    {
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("verzuimbot-startup-").FullName;
        var run = await RunHostAsync(
            CompleteProduction(data),
            port,
            async () =>
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                using var alive = await http.GetAsync("/healthz");
                Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
                using var ready = await http.GetAsync("/healthz/ready");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                var body = await ready.Content.ReadAsStringAsync();
                Assert.Contains("\"store\":{\"status\":\"healthy\"", body, StringComparison.Ordinal);
                Assert.Contains("\"signing-keys\":{\"status\":\"unhealthy\"", body, StringComparison.Ordinal);
            });

        Assert.Null(run.ExitCode);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task ASchoolNamingAnUnknownKernpartner_StopsTheHostWithThePolicysWords_Not500sLater()
    {
        // Before: the tenant policy threw when the first hosted service needed it, an unhandled exception with a stack trace.
        var error = await RefusalOfAsync(("Tenants__Organisations__0__Kernpartners__0", "GGD-ONBEKEND"));

        Assert.Contains("- Tenants:Organisations (environment variable Tenants__Organisations): School '12AB00' names kernpartner 'GGD-ONBEKEND', which is not a configured kernpartner organisation. Give each organisation", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n'), l => l.StartsWith("  - ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMisspeltOrganisationKind_IsNamed_InsteadOfTheOrganisationSilentlyMissing()
    {
        // Binding the whole list leaves out an organisation whose Kind does not convert: its staff would be refused as strangers.
        var error = await RefusalOfAsync(("Tenants__Organisations__0__Kind", "Scool"));

        Assert.Contains("Tenants:Organisations (environment variable Tenants__Organisations): Failed to convert configuration value 'Scool' at 'Tenants:Organisations:0:Kind'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchoolCalendarsAndLimits_ThatWouldOnlyFailLater_AreEachNamedAtStart()
    {
        // Each would otherwise surface at a school's first ziekmelding, the first roster sent in chat or the nightly retention run.
        var error = await RefusalOfAsync(
            ("Schools__Items__12AB00__HolidayRegion", "oost"),
            ("Schools__Items__34CD00__StudyDays__0", "10-03-2027"),
            ("Schools__Items__56EF00__Holidays__0__Name", "Kerstvakantie"),
            ("Schools__Items__56EF00__Holidays__0__First", "2026-12-12"),
            ("Schools__Items__56EF00__Holidays__0__Last", "2026-12-20"),
            ("Schools__Items__78GH00__Profile", "veluwe"),
            ("Beheer__MaxRows", "tienduizend"),
            ("Retention__RetentionMonths", "0"));

        Assert.Contains("Schools:Items:12AB00 (environment variable Schools__Items__12AB00): Onbekende vakantieregio 'oost' in Schools: kies noord, midden of zuid. Profile is one of", error, StringComparison.Ordinal);
        Assert.Contains("Schools:Items:34CD00 (environment variable Schools__Items__34CD00): String '10-03-2027' was not recognized as a valid DateOnly", error, StringComparison.Ordinal);
        Assert.Contains("Schools:Items:56EF00 (environment variable Schools__Items__56EF00): De kerstvakantie is verplicht", error, StringComparison.Ordinal);
        Assert.Contains("Schools:Items:78GH00 (environment variable Schools__Items__78GH00): Onbekend protocolprofiel 'veluwe'", error, StringComparison.Ordinal);
        Assert.Contains("Beheer:MaxRows (environment variable Beheer__MaxRows): 'tienduizend' is not a whole number above 0", error, StringComparison.Ordinal);
        Assert.Contains("Retention:RetentionMonths (environment variable Retention__RetentionMonths): '0' is not a whole number above 0", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Schools:DefaultProfile", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyVaultReferenceAppServiceCouldNotResolve_IsNamedAsSuch_NotAsMalformedBase64()
    {
        var error = await RefusalOfAsync(("Privacy__PseudonymKey", "@Microsoft.KeyVault(SecretUri=https://kvverzuimbot.vault.azure.net/secrets/pseudonym-key/)"));

        var line = Assert.Single(error.Split('\n'), l => l.StartsWith("  - ", StringComparison.Ordinal));
        Assert.StartsWith("  - Privacy:PseudonymKey (environment variable Privacy__PseudonymKey): App Service could not resolve its Key Vault reference", line, StringComparison.Ordinal);
        Assert.Contains("infra/pseudonym-key.sh", line, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Beheer_WithoutStoreOrPseudonymKey_GivesTheSameMessageAndExitCode_AndAsksNothingOfTheBot()
    {
        // Before: an unhandled exception with a stack trace (no key), or silently a local data/ folder (no store).
        var run = await RunHostAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, arguments: ["beheer", "roles", "list", "--org", "12AB00"]);

        Assert.Equal(78, run.ExitCode);
        Assert.Contains("Privacy:PseudonymKey (environment variable Privacy__PseudonymKey): Privacy:PseudonymKey is not configured", run.Error, StringComparison.Ordinal);
        Assert.Contains("TableStorage:TableEndpoint | TableStorage:ConnectionString | TableStorage:DataDirectory (environment variable TableStorage__TableEndpoint | TableStorage__ConnectionString | TableStorage__DataDirectory): no store configured", run.Error, StringComparison.Ordinal);
        foreach (var botKey in new[] { "Bot:MicrosoftAppId", "Digest:PublicBaseUrl", "Connector:AllowedServiceUrls", "Tenants:Organisations (" })
        {
            Assert.DoesNotContain(botKey, run.Error, StringComparison.Ordinal);
        }

        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task Beheer_WithStoreKeyAndOrganisations_RunsWithoutTheBotsKeys()
    {
        var data = Directory.CreateTempSubdirectory("verzuimbot-startup-").FullName;
        var environment = CompleteProduction(data);
        foreach (var botKey in environment.Keys.Where(k => k.StartsWith("Bot__", StringComparison.Ordinal) || k.StartsWith("Digest__", StringComparison.Ordinal) || k.StartsWith("Connector__", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(botKey);
        }

        var run = await RunHostAsync(environment, arguments: ["beheer", "roles", "list", "--org", "12AB00"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("Rollen bij Demoschool:", run.Output, StringComparison.Ordinal);
        Directory.Delete(data, recursive: true);
    }

    /// <summary>The complete production configuration with <paramref name="changes"/>, which the host must refuse: exit code 78, no stack trace; its message.</summary>
    private static async Task<string> RefusalOfAsync(params (string Key, string Value)[] changes)
    {
        var environment = CompleteProduction(Path.GetTempPath());
        foreach (var (key, value) in changes)
        {
            environment[key] = value;
        }

        var run = await RunHostAsync(environment);
        Assert.Equal(78, run.ExitCode);
        AssertNoStackTrace(run);
        return run.Error;
    }

    /// <summary>A production configuration the host starts with (the keys infra/ sets), on an embedded store in <paramref name="data"/>.</summary>
    private static Dictionary<string, string> CompleteProduction(string data) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Bot__MicrosoftAppId"] = "aaaaaaaa-0000-0000-0000-0000000000b1",
        ["Bot__UseManagedIdentity"] = "true",
        ["Bot__ManagedIdentityClientId"] = "aaaaaaaa-0000-0000-0000-0000000000b1",
        ["Bot__TenantMode"] = "SingleTenant",
        ["Bot__TenantId"] = "aaaaaaaa-0000-0000-0000-000000000001",
        // Loopback only: a test never reaches login.botframework.com (readiness then says the keys are not loaded).
        ["Bot__OpenIdMetadataUrl"] = "http://127.0.0.1:9/v1/.well-known/openidconfiguration",
        ["TableStorage__DataDirectory"] = data,
        ["Privacy__PseudonymKey"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + 5)).ToArray()),
        ["Digest__PublicBaseUrl"] = "https://verzuimbot.school.example",
        ["Connector__AllowedServiceUrls__0"] = "https://smba.trafficmanager.net/emea/",
        ["Tenants__Organisations__0__Id"] = "12AB00",
        ["Tenants__Organisations__0__Kind"] = "School",
        ["Tenants__Organisations__0__Name"] = "Demoschool",
        ["Tenants__Organisations__0__TenantIds__0"] = "aaaaaaaa-0000-0000-0000-000000000001",
    };

    private static void AssertNoStackTrace(HostRun run)
    {
        var all = run.Output + run.Error;
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
    }

    private sealed record HostRun(int? ExitCode, string Output, string Error);

    /// <summary>
    /// Starts the built host (same configuration as these tests) with only <paramref name="environment"/> of our keys.
    /// Without <paramref name="whileRunning"/> it waits for the exit; with it, it waits for /healthz, runs it, and stops the host (ExitCode null).
    /// </summary>
    private static async Task<HostRun> RunHostAsync(Dictionary<string, string> environment, int? port = null, Func<Task>? whileRunning = null, string[]? arguments = null)
    {
        var hostDir = HostDirectory();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = hostDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(hostDir, "VerzuimBot.dll"));
        foreach (var arg in (arguments ?? []).Concat(["--urls", $"http://127.0.0.1:{port ?? FreePort()}", "--contentRoot", hostDir]))
        {
            info.ArgumentList.Add(arg);
        }

        string[] ours = ["Bot__", "TableStorage__", "Digest__", "Connector__", "Tenants__", "Privacy__", "Schools__", "Beheer__", "Retention__", "APPLICATIONINSIGHTS", "OTEL_", "ASPNETCORE_", "DOTNET_ENVIRONMENT"];
        foreach (var key in info.Environment.Keys.Where(k => ours.Any(prefix => k.StartsWith(prefix, StringComparison.Ordinal))).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ExitTimeout);
        if (whileRunning is null)
        {
            await process.WaitForExitAsync(timeout.Token);
            return new HostRun(process.ExitCode, await output, await error);
        }

        try
        {
            await WaitUntilAliveAsync(port!.Value, process, timeout.Token);
            await whileRunning();
            return new HostRun(process.HasExited ? process.ExitCode : null, string.Empty, string.Empty);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private static async Task WaitUntilAliveAsync(int port, Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            Assert.False(process.HasExited, $"the host exited with {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static string HostDirectory()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VerzuimBot.sln")))
            {
                var host = Path.Combine(dir.FullName, "src", "VerzuimBot", "bin", configuration, "net10.0");
                Assert.True(File.Exists(Path.Combine(host, "VerzuimBot.dll")), $"build the host first: {host} has no VerzuimBot.dll");
                return host;
            }
        }

        throw new InvalidOperationException("No VerzuimBot.sln above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
