namespace VerzuimBot.Tables;

/// <summary>
/// Which table storage to use. With a <see cref="ConnectionString"/>: Azure Table Storage with an
/// account key or SAS (or Azurite via <c>UseDevelopmentStorage=true</c> or its explicit TableEndpoint);
/// with only a <see cref="TableEndpoint"/>: Azure Table Storage with Azure AD (a user-assigned managed
/// identity when <see cref="ManagedIdentityClientId"/> is set, else DefaultAzureCredential); with
/// neither: the embedded SQLite store in <see cref="DataDirectory"/>.
/// </summary>
public sealed class TableStorageOptions
{
    public const string SectionName = "TableStorage";

    /// <summary>A secret: read it from configuration or the environment only.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>e.g. https://account.table.core.windows.net, used with Azure AD when there is no connection string.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>Client id of the user-assigned managed identity for <see cref="TableEndpoint"/>; not a secret.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Folder of the embedded store's data file; created on first use.</summary>
    public string DataDirectory { get; set; } = "data";
}
