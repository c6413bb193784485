using Azure.Core;
using Azure.Identity;
using VerzuimBot.Tables.AzureTables;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Tables;

/// <summary>Picks the backend from <see cref="TableStorageOptions"/>.</summary>
public static class TableStoreFactory
{
    /// <param name="options">What is configured.</param>
    /// <param name="credential">Azure AD credential for the endpoint case; from <see cref="CredentialFor"/> when null.</param>
    /// <param name="time">Clock for the embedded store's timestamps.</param>
    public static ITableStoreFactory Create(TableStorageOptions options, TokenCredential? credential = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new AzureTableStoreFactory(options.ConnectionString);
        }

        if (options.TableEndpoint is not null)
        {
            return new AzureTableStoreFactory(options.TableEndpoint, credential ?? CredentialFor(options));
        }

        return new SqliteTableStoreFactory(options.DataDirectory, time);
    }

    /// <summary>A user-assigned managed identity when its client id is configured, otherwise DefaultAzureCredential.</summary>
    public static TokenCredential CredentialFor(TableStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
    }
}
