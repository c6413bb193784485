using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace VerzuimBot.EndToEnd.Tests;

/// <summary>
/// The real thing on loopback: the VerzuimBot host (Development, embedded store), the Microsoft 365
/// Agents Playground pointed at it, and headless Debian Chromium driven by Playwright.
/// Every process it starts is stopped on dispose; their output is kept for diagnosis.
/// </summary>
public sealed class PlaygroundFixture : IAsyncLifetime
{
    public const string Tenant = "00000000-0000-0000-0000-00000000d0e0";
    public const string RitaAad = "00000000-0000-0000-0000-000000000001";
    public const string ChannelId = "19:thuiszitters@thread.tacv2";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<Process> _processes = [];
    private readonly StringBuilder _output = new();
    private IPlaywright? _playwright;

    public string RepoRoot { get; } = FindRepoRoot();

    public int BotPort { get; } = FreePort();

    public int PlaygroundPort { get; } = FreePort();

    public string PlaygroundUrl => $"http://127.0.0.1:{PlaygroundPort}/";

    public string BotUrl => $"http://127.0.0.1:{BotPort}";

    public IBrowser Browser { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var nodeModules = Path.Combine(RepoRoot, "tests", "node", "node_modules", "@microsoft", "m365agentsplayground");
        if (!Directory.Exists(nodeModules) || !File.Exists("/usr/bin/chromium"))
        {
            throw new InvalidOperationException("The Playground (tests/node) or /usr/bin/chromium is missing: run tests/test.sh, which installs both.");
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var hostDir = Path.Combine(RepoRoot, "src", "VerzuimBot", "bin", configuration, "net10.0");
        var data = Directory.CreateTempSubdirectory("verzuimbot-e2e-").FullName;
        Start("dotnet", hostDir, [Path.Combine(hostDir, "VerzuimBot.dll"), "--urls", BotUrl, "--contentRoot", hostDir], new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["TableStorage__DataDirectory"] = data,
            ["Demo__Enabled"] = "true",
            ["Bot__AllowUnauthenticatedLoopback"] = "true",
        });
        await WaitUntilAsync($"{BotUrl}/healthz");

        var playground = Path.Combine(RepoRoot, "tests", "node", "playground");
        Start("node", data, ["-r", Path.Combine(playground, "loopback.js"), Path.Combine(nodeModules, "cli.js"), "-e", $"{BotUrl}/api/messages", "-c", "msteams", "--dt", "-p", PlaygroundPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--service-url", $"http://127.0.0.1:{PlaygroundPort}/_connector"], new()
        {
            ["TEAMSAPPTESTER_BROWSER"] = "none",
            ["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = Path.Combine(playground, ".m365agentsplayground.yml"),
        });
        await WaitUntilAsync($"{PlaygroundUrl}_debug/ping");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        var results = Path.Combine(RepoRoot, "tests", "VerzuimBot.EndToEnd.Tests", "TestResults");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "processes.log"), Output);
    }

    private void Start(string file, string workingDirectory, IEnumerable<string> args, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.OutputDataReceived += (_, e) => Append(file, e.Data);
        process.ErrorDataReceived += (_, e) => Append(file, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private void Append(string source, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(source).Append(": ").AppendLine(line);
        }
    }

    private async Task WaitUntilAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_processes.Any(p => p.HasExited))
            {
                throw new InvalidOperationException($"A process exited during start-up:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow start.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{url} did not answer within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VerzuimBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("VerzuimBot.sln not found above the test output.");
    }
}

[CollectionDefinition(Name)]
public sealed class PlaygroundCollection : ICollectionFixture<PlaygroundFixture>
{
    public const string Name = "Playground";
}
