using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using VerzuimBot.Tables.Validation;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>Tables of one Azure Storage account (or Azurite), over the Azure.Data.Tables SDK.</summary>
public sealed class AzureTableStoreFactory : ITableStoreFactory
{
    private readonly TableServiceClient _service;
    private readonly ConcurrentDictionary<string, AzureTableStore> _tables = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// From a connection string: an account key, a SAS, <c>UseDevelopmentStorage=true</c> or Azurite's
    /// explicit <c>TableEndpoint=http://127.0.0.1:port/devstoreaccount1</c>.
    /// </summary>
    /// <param name="options">Pipeline options; <see cref="CreateClientOptions"/> when null.</param>
    public AzureTableStoreFactory(string connectionString, TableClientOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _service = new TableServiceClient(connectionString, options ?? CreateClientOptions());
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or ArgumentException or UriFormatException)
        {
            // Not chained: the parser's message may quote the string, and the string holds the key.
            throw new FormatException("TableStorage:ConnectionString is not a valid storage connection string (it is not shown: it may hold a key).");
        }
    }

    /// <summary>Azure AD (e.g. DefaultAzureCredential or a managed identity); the endpoint must be https.</summary>
    public AzureTableStoreFactory(Uri tableEndpoint, TokenCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        if (tableEndpoint.Scheme != Uri.UriSchemeHttps)
        {
            // Azure.Core would refuse only at the first call; say it at start-up instead.
            throw new ArgumentException("TableStorage:TableEndpoint must be an https address to use Azure AD.", nameof(tableEndpoint));
        }

        _service = new TableServiceClient(tableEndpoint, credential, options ?? CreateClientOptions());
    }

    public Uri TableEndpoint => _service.Uri;

    /// <summary>
    /// The one retry policy (the SDK's): 2 retries, exponential from 0.25 s to at most 1 s, 3 s per
    /// try. A call against a store that hangs gives up after about 10 s, so a turn can still answer
    /// "probeer het zo opnieuw" within the ~15 s Teams waits; a refused connection or a 5xx gives
    /// up within about a second. The SDK's own logging and tracing are off: its request URLs carry
    /// partition and row keys (pseudonymous student and school ids), which must not reach logs or
    /// telemetry; <see cref="Instrumentation.InstrumentedTableStoreFactory"/> traces without them.
    /// </summary>
    public static TableClientOptions CreateClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(250);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(3);
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsLoggingContentEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        return options;
    }

    public ITableStore GetTable(string tableName) =>
        _tables.GetOrAdd(tableName, name =>
        {
            EntityRules.ValidateTableName(name);
            return new AzureTableStore(_service.GetTableClient(name));
        });
}
