using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VerzuimBot.Tests.Hosting;

// issue 18 item 4: the built host, started as an operator would, with a missing or invalid production configuration:
// one message naming each key and what to set, a non-zero exit code, no stack trace.
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
            new()
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
            },
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
    private static async Task<HostRun> RunHostAsync(Dictionary<string, string> environment, int? port = null, Func<Task>? whileRunning = null)
    {
        var hostDir = HostDirectory();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = hostDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(hostDir, "VerzuimBot.dll"), "--urls", $"http://127.0.0.1:{port ?? FreePort()}", "--contentRoot", hostDir })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Bot__", StringComparison.Ordinal) || k.StartsWith("TableStorage__", StringComparison.Ordinal)
            || k.StartsWith("Digest__", StringComparison.Ordinal) || k.StartsWith("Connector__", StringComparison.Ordinal) || k.StartsWith("Tenants__", StringComparison.Ordinal) || k.StartsWith("APPLICATIONINSIGHTS", StringComparison.Ordinal)
            || k.StartsWith("OTEL_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
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
