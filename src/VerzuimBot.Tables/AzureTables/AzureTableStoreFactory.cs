using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>
/// Tables of one Azure Storage account (or Azurite), over one Azure.Core pipeline: retries on
/// 408/429/5xx and transport failures, then SharedKey signing or an Azure AD bearer token.
/// </summary>
public sealed class AzureTableStoreFactory : ITableStoreFactory
{
    /// <summary>The Azure AD scope of Azure Storage.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly ConcurrentDictionary<string, AzureTableStore> _tables = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>SharedKey authentication from an account-key or <c>UseDevelopmentStorage=true</c> connection string.</summary>
    public AzureTableStoreFactory(string connectionString, AzureTableClientOptions? options = null)
    {
        var parsed = TableConnectionString.Parse(connectionString);
        options ??= new AzureTableClientOptions();
        _endpoint = parsed.TableEndpoint;
        _pipeline = HttpPipelineBuilder.Build(
            options,
            [],
            [new SharedKeyAuthenticationPolicy(parsed.AccountName, parsed.AccountKey, options.Time)],
            new TableResponseClassifier());
    }

    /// <summary>Azure AD authentication (e.g. DefaultAzureCredential or a managed identity); the endpoint must be https.</summary>
    public AzureTableStoreFactory(Uri tableEndpoint, TokenCredential credential, AzureTableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new AzureTableClientOptions();
        _endpoint = tableEndpoint;
        _pipeline = HttpPipelineBuilder.Build(
            options,
            [],
            [new BearerTokenAuthenticationPolicy(credential, StorageScope)],
            new TableResponseClassifier());
    }

    public Uri TableEndpoint => _endpoint;

    public ITableStore GetTable(string tableName) =>
        _tables.GetOrAdd(tableName, name => new AzureTableStore(_pipeline, _endpoint, name));
}
