using Azure.Data.Tables;
using VerzuimBot.Tables;
using VerzuimBot.Tables.AzureTables;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Storage.Tests.Infrastructure;

/// <summary>Gives a contract test a factory of one backend, and unique table names so tests never share a table.</summary>
public abstract class Backend : IDisposable
{
    private static int _counter;

    public abstract ITableStoreFactory Factory { get; }

    public static string UniqueTableName(string prefix = "t") =>
        prefix + Guid.NewGuid().ToString("N")[..10] + Interlocked.Increment(ref _counter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

public sealed class SqliteBackend : Backend
{
    private readonly TempDirectory _directory = new();

    public SqliteBackend() => Factory = new SqliteTableStoreFactory(_directory.Path);

    public override ITableStoreFactory Factory { get; }

    public override void Dispose()
    {
        _directory.Dispose();
        base.Dispose();
    }
}

public sealed class AzuriteBackend(AzuriteFixture azurite) : Backend
{
    public override ITableStoreFactory Factory { get; } = new AzureTableStoreFactory(azurite.ConnectionString, ClientOptions(retries: 2));

    /// <summary>The production options with short retry delays, so a test that meets a closed port ends quickly.</summary>
    public static TableClientOptions ClientOptions(int retries)
    {
        var options = AzureTableStoreFactory.CreateClientOptions();
        options.Retry.MaxRetries = retries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        return options;
    }
}
