using System.Globalization;

namespace VerzuimBot.Load.Targets;

/// <summary>A bot under load: where to post activities, and the process behind it.</summary>
internal sealed class BotTarget(string name, string store, string baseUrl, ChildProcess process) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string Store { get; } = store;

    public string BaseUrl { get; } = baseUrl;

    public Uri MessagesUrl { get; } = new(baseUrl + "/api/messages");

    public string LogPath => process.LogPath;

    public ChildProcess Process => process;

    /// <summary>VerzuimBot from its built dll: Development, no app id (loopback only), the demo school, the chosen store.</summary>
    public static Task<BotTarget> StartVerzuimBotAsync(LoadOptions options, string store, string? azuriteConnectionString, string workDirectory) =>
        StartVerzuimBotAsync(options.HostDll, options.HostLogLevel, store, azuriteConnectionString, Path.Combine(workDirectory, "data-" + store), workDirectory, "verzuimbot-" + store);

    public static async Task<BotTarget> StartVerzuimBotAsync(string? hostDll, string logLevel, string store, string? azuriteConnectionString, string dataDirectory, string workDirectory, string logName, IDictionary<string, string>? extra = null)
    {
        var dll = hostDll ?? RepositoryPaths.DefaultHostDll;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build it with dotnet build src/VerzuimBot -c Release");
        }

        var port = ChildProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Bot__MicrosoftAppId"] = string.Empty,
            ["Bot__AllowUnauthenticatedLoopback"] = "true",
            ["Demo__Enabled"] = "true",

            // A few simulated users send as fast as the bot answers: the per-person rate limit (issue 19 item 12) would measure itself.
            ["RateLimit__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = logLevel,
            ["Logging__LogLevel__Microsoft.AspNetCore"] = logLevel,
            ["DOTNET_NOLOGO"] = "1",
        };
        if (azuriteConnectionString is not null)
        {
            environment["TableStorage__ConnectionString"] = azuriteConnectionString;
        }
        else
        {
            environment["TableStorage__DataDirectory"] = dataDirectory;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var url = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        var contentRoot = Path.GetDirectoryName(Path.GetFullPath(dll))!;
        var process = ChildProcess.Start("dotnet", [dll, "--urls", url, "--contentRoot", contentRoot], environment, contentRoot, Path.Combine(workDirectory, logName + ".log"));
        await process.WaitUntilReadyAsync(port, url + "/healthz", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        return new BotTarget("VerzuimBot", store, url, process);
    }

    /// <summary>The botbuilder echo bot of tests/node/echo-bot (the reference SDK).</summary>
    public static async Task<BotTarget> StartEchoBotAsync(string workDirectory)
    {
        var script = Path.Combine(RepositoryPaths.NodeTools, "echo-bot", "index.js");
        if (!Directory.Exists(Path.Combine(RepositoryPaths.NodeTools, "node_modules", "botbuilder")))
        {
            throw new InvalidOperationException("botbuilder is not installed: run npm ci in tests/node (tests/test.sh does).");
        }

        var port = ChildProcess.FreePort();
        var process = ChildProcess.Start("node", [script, port.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string>(), RepositoryPaths.NodeTools, Path.Combine(workDirectory, "echo-bot.log"));
        var url = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        await process.WaitUntilReadyAsync(port, url + "/healthz", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return new BotTarget("echo bot (botbuilder)", "-", url, process);
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
