using Azure.Core;
using Azure.Identity;
using VerzuimBot.Tables.AzureTables;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Tables;

/// <summary>Picks the backend from <see cref="TableStorageOptions"/>.</summary>
public static class TableStoreFactory
{
    /// <param name="options">What is configured.</param>
    /// <param name="credential">Azure AD credential for the endpoint case; DefaultAzureCredential when null.</param>
    /// <param name="time">Clock for the embedded store's timestamps and request dates.</param>
    public static ITableStoreFactory Create(TableStorageOptions options, TokenCredential? credential = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new AzureTableClientOptions { Time = time ?? TimeProvider.System };
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new AzureTableStoreFactory(options.ConnectionString, clientOptions);
        }

        if (options.TableEndpoint is not null)
        {
            return new AzureTableStoreFactory(options.TableEndpoint, credential ?? new DefaultAzureCredential(), clientOptions);
        }

        return new SqliteTableStoreFactory(options.DataDirectory, time);
    }
}
