using Azure.Identity;
using VerzuimBot.Storage.Tests.Infrastructure;
using VerzuimBot.Tables;
using VerzuimBot.Tables.AzureTables;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Storage.Tests.Tables;

/// <summary>Which backend and credential the configuration picks (README, configuration table).</summary>
public sealed class TableStoreFactoryTests
{
    [Fact]
    public void Create_UseDevelopmentStorage_PointsAtTheEmulator()
    {
        var factory = Assert.IsType<AzureTableStoreFactory>(TableStoreFactory.Create(new TableStorageOptions { ConnectionString = "UseDevelopmentStorage=true" }));
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), factory.TableEndpoint);
    }

    [Fact]
    public void Create_AzuritesExplicitTableEndpoint_IsUsedAsGiven()
    {
        var factory = Assert.IsType<AzureTableStoreFactory>(TableStoreFactory.Create(new TableStorageOptions { ConnectionString = AzuriteFixture.ConnectionStringFor(10123) }));
        Assert.Equal(new Uri("http://127.0.0.1:10123/devstoreaccount1"), factory.TableEndpoint);
    }

    [Fact]
    public void Create_AccountKeyWithSuffix_BuildsTheTableEndpoint()
    {
        var options = new TableStorageOptions { ConnectionString = "DefaultEndpointsProtocol=https;AccountName=school;AccountKey=a2V5;EndpointSuffix=core.windows.net", TableEndpoint = new Uri("https://ignored.table.core.windows.net") };
        var factory = Assert.IsType<AzureTableStoreFactory>(TableStoreFactory.Create(options));
        Assert.Equal("school.table.core.windows.net", factory.TableEndpoint.Host);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("AccountName=x;AccountKey=secretkey;Unknown")]
    public void Create_InvalidConnectionString_ThrowsFormatExceptionThatDoesNotQuoteIt(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => TableStoreFactory.Create(new TableStorageOptions { ConnectionString = connectionString }));
        Assert.DoesNotContain(connectionString, error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void Create_OnlyAnEndpoint_UsesAzureAd()
    {
        var factory = Assert.IsType<AzureTableStoreFactory>(TableStoreFactory.Create(new TableStorageOptions { TableEndpoint = new Uri("https://school.table.core.windows.net") }));
        Assert.Equal(new Uri("https://school.table.core.windows.net"), factory.TableEndpoint);
    }

    [Fact]
    public void Create_EndpointWithoutTls_IsRefusedAtStartUp() =>
        Assert.Throws<ArgumentException>(() => TableStoreFactory.Create(new TableStorageOptions { TableEndpoint = new Uri("http://school.table.core.windows.net") }));

    [Fact]
    public void Create_NothingConfigured_UsesTheEmbeddedStore()
    {
        using var directory = new TempDirectory();
        var factory = Assert.IsType<SqliteTableStoreFactory>(TableStoreFactory.Create(new TableStorageOptions { DataDirectory = directory.Path }));
        Assert.StartsWith(directory.Path, factory.DatabasePath, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialFor_ManagedIdentityClientId_IsThatUserAssignedIdentity() =>
        Assert.IsType<ManagedIdentityCredential>(TableStoreFactory.CredentialFor(new TableStorageOptions { ManagedIdentityClientId = "00000000-0000-0000-0000-0000000000aa" }));

    [Fact]
    public void CredentialFor_NoClientId_IsDefaultAzureCredential() =>
        Assert.IsType<DefaultAzureCredential>(TableStoreFactory.CredentialFor(new TableStorageOptions()));

    [Fact]
    public void ClientOptions_WorstCaseOfOneCall_StaysWellWithinTeamsTimeout()
    {
        var retry = AzureTableStoreFactory.CreateClientOptions().Retry;
        var tries = retry.MaxRetries + 1;
        // Jitter adds at most 20 % to each delay.
        var delays = Enumerable.Range(0, retry.MaxRetries).Sum(i => Math.Min(retry.Delay.TotalSeconds * Math.Pow(2, i), retry.MaxDelay.TotalSeconds) * 1.2);

        Assert.True(tries * retry.NetworkTimeout.TotalSeconds + delays <= 11, $"{tries} tries of {retry.NetworkTimeout} plus {delays:0.0} s of delays");
        Assert.True(retry.MaxRetries >= 2, "a single 5xx or dropped connection should be retried before the user hears 'probeer het zo opnieuw'");
    }
}
