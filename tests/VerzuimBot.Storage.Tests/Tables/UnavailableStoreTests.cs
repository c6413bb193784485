using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using VerzuimBot.Storage.Tests.Infrastructure;
using VerzuimBot.Tables;
using TableEntity = VerzuimBot.Tables.TableEntity;
using TableTransactionAction = VerzuimBot.Tables.TableTransactionAction;
using TableTransactionActionType = VerzuimBot.Tables.TableTransactionActionType;
using VerzuimBot.Tables.AzureTables;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Storage.Tests.Tables;

/// <summary>An unreachable store must give a typed error, never a write reported as done.</summary>
public sealed class UnavailableStoreTests
{
    private static TableClientOptions FastRetries(int retries = 1) => AzuriteBackend.ClientOptions(retries);

    private static string ConnectionStringFor(int port) => AzuriteFixture.ConnectionStringFor(port);

    [Fact]
    public async Task AzureClient_OnAClosedPort_ThrowsStoreUnavailableForEveryOperation()
    {
        var table = new AzureTableStoreFactory(ConnectionStringFor(AzuriteFixture.FreePort()), FastRetries()).GetTable("Closed");

        await Assert.ThrowsAsync<StoreUnavailableException>(() => table.CreateIfNotExistsAsync());
        await Assert.ThrowsAsync<StoreUnavailableException>(() => table.AddAsync(new TableEntity("p", "r") { ["V"] = 1 }));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => table.UpsertAsync(new TableEntity("p", "r")));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => table.GetAsync("p", "r"));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => table.QueryPageAsync(new TableQuery(TableFilter.PartitionKeyEquals("p"))));
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r"))]));
        Assert.Equal(503, error.Status);
    }

    [Fact]
    public async Task AzureClient_OnAClosedPort_StillRefusesOversizedEntitiesBeforeSending()
    {
        var table = new AzureTableStoreFactory(ConnectionStringFor(AzuriteFixture.FreePort()), FastRetries()).GetTable("Closed");
        await Assert.ThrowsAsync<TableLimitExceededException>(() => table.AddAsync(new TableEntity("p", "r") { ["Big"] = new byte[70_000] }));
    }

    [Fact]
    public async Task Stores_OnAnUnreachableService_SurfaceStoreUnavailable()
    {
        var factory = new AzureTableStoreFactory(ConnectionStringFor(AzuriteFixture.FreePort()), FastRetries(0));
        var store = new DossierStore(factory);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.AppendWithRetryAsync("school", "student", [new DossierEvent("e", new StoredEnvelope("T", "{}"), DateTimeOffset.UnixEpoch)]));
    }

    [Fact]
    public async Task AzureClient_RetriesServerErrors_ThenSucceeds()
    {
        using var server = new ScriptedServer([503, 500, 204]);
        var table = new AzureTableStoreFactory(ConnectionStringFor(server.Port), FastRetries(3)).GetTable("Scripted");

        await table.UpsertAsync(new TableEntity("p", "r"));

        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task AzureClient_ServerKeepsFailing_ThrowsStoreUnavailableAfterTheRetries()
    {
        using var server = new ScriptedServer([429, 503, 408]);
        var table = new AzureTableStoreFactory(ConnectionStringFor(server.Port), FastRetries(2)).GetTable("Scripted");

        await Assert.ThrowsAsync<StoreUnavailableException>(() => table.UpsertAsync(new TableEntity("p", "r")));

        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task AzureClient_ServerThatNeverAnswers_ThrowsStoreUnavailableAfterTheNetworkTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var options = FastRetries(1);
        options.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(200);
        var table = new AzureTableStoreFactory(ConnectionStringFor(port), options).GetTable("Silent");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => table.GetAsync("p", "r"));

        Assert.Equal(503, error.Status);
    }

    [Fact]
    public async Task Sqlite_OnAnUnwritableDataDirectory_ThrowsStoreUnavailable()
    {
        using var directory = new TempDirectory();
        var blocker = Path.Combine(directory.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var factory = new SqliteTableStoreFactory(Path.Combine(blocker, "data"));
        var table = factory.GetTable("Blocked");

        await Assert.ThrowsAsync<StoreUnavailableException>(() => table.CreateIfNotExistsAsync());
        await Assert.ThrowsAsync<StoreUnavailableException>(() => table.AddAsync(new TableEntity("p", "r")));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => new ConversationReferenceStore(factory).SaveAsync(
            new ConversationReferenceRecord("t", "u", ConversationOwnerKind.User, "c", "https://x/", "msteams", "b", null, DateTimeOffset.UnixEpoch)));
    }

    /// <summary>A loopback HTTP server that answers each request with the next scripted status.</summary>
    private sealed class ScriptedServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private int _requests;

        public ScriptedServer(int[] statuses)
        {
            Port = AzuriteFixture.FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                foreach (var status in statuses)
                {
                    var context = await _listener.GetContextAsync();
                    Interlocked.Increment(ref _requests);
                    context.Response.StatusCode = status;
                    if (status == 204)
                    {
                        context.Response.Headers["ETag"] = "W/\"scripted\"";
                    }

                    context.Response.Close();
                }
            });
        }

        public int Port { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose()
        {
            _listener.Close();
            _ = _loop.Exception;
        }
    }
}
