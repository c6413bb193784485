using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VerzuimBot.Storage.Tests.Infrastructure;

/// <summary>
/// Starts Azurite's table service (in memory, on 127.0.0.1 and a free port) once for all tests
/// and stops it at the end. Fails loudly when the npm peers are missing.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Process? _process;

    /// <summary>The storage emulator's public, documented account key (not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public int Port { get; private set; }

    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>Azurite's explicit, path-style TableEndpoint on 127.0.0.1.</summary>
    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        _process = StartAzurite(out var port);
        Port = port;
        await WaitForPortAsync(port, _process);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    internal static Process StartAzurite(out int port)
    {
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "tests", "node", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({azurite} is missing). Run tests/test.sh once (it runs `npm ci` in tests/node) and try again.");
        }

        port = FreePort();
        var start = new ProcessStartInfo(azurite)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(root, "tests", "node"),
        };
        foreach (var argument in new[]
                 {
                     "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--loose", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitForPortAsync(int port, Process process)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening on port {port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"Azurite did not listen on port {port} within 15 seconds.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VerzuimBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("VerzuimBot.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
