using System.Globalization;

namespace VerzuimBot.Load.Targets;

/// <summary>Azurite's table service from tests/node, in memory, on 127.0.0.1 and a free port.</summary>
internal sealed class Azurite(ChildProcess process, int port) : IAsyncDisposable
{
    // The emulator's published development key (not a secret).
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString { get; } =
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};TableEndpoint=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/devstoreaccount1;";

    public int Port => port;

    public ChildProcess Process => process;

    /// <summary>In memory; or, with <paramref name="location"/>, on disk there (so a stopped Azurite comes back with its data) on <paramref name="fixedPort"/>.</summary>
    public static async Task<Azurite> StartAsync(string workDirectory, string? location = null, int? fixedPort = null)
    {
        var azurite = Path.Combine(RepositoryPaths.NodeTools, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"{azurite} is missing: run npm ci in tests/node (tests/test.sh does).");
        }

        var port = fixedPort ?? ChildProcess.FreePort();
        string[] persistence = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        string[] arguments = [.. persistence, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture), "--loose", "--skipApiVersionCheck", "--disableTelemetry", "--silent"];
        var process = ChildProcess.Start(azurite, arguments, new Dictionary<string, string>(), RepositoryPaths.NodeTools, Path.Combine(workDirectory, $"azurite-{port.ToString(CultureInfo.InvariantCulture)}-{DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)}.log"));
        await process.WaitUntilReadyAsync(port, null, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return new Azurite(process, port);
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
