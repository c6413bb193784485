namespace VerzuimBot.Tables.AzureTables;

/// <summary>
/// The parts of an Azure Storage connection string the table client needs. Supports
/// <c>UseDevelopmentStorage=true</c> (Azurite's well-known account on 127.0.0.1:10002) and
/// account-key strings (<c>AccountName=...;AccountKey=...</c> with TableEndpoint or
/// DefaultEndpointsProtocol/EndpointSuffix).
/// </summary>
public sealed record TableConnectionString(Uri TableEndpoint, string AccountName, string AccountKey)
{
    /// <summary>The storage emulator's public, documented account (not a secret).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The storage emulator's public, documented key (not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The storage connection string is not a list of key=value pairs.");
            }

            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            var endpoint = parts.TryGetValue("TableEndpoint", out var devEndpoint)
                ? new Uri(devEndpoint)
                : new Uri($"http://127.0.0.1:10002/{DevelopmentAccountName}");
            return new TableConnectionString(endpoint, DevelopmentAccountName, DevelopmentAccountKey);
        }

        if (!parts.TryGetValue("AccountName", out var account) || string.IsNullOrEmpty(account))
        {
            throw new FormatException("The storage connection string has no AccountName.");
        }

        if (!parts.TryGetValue("AccountKey", out var key) || string.IsNullOrEmpty(key))
        {
            throw new FormatException("The storage connection string has no AccountKey (SAS connection strings are not supported; use Azure AD instead).");
        }

        Uri tableEndpoint;
        if (parts.TryGetValue("TableEndpoint", out var explicitEndpoint))
        {
            tableEndpoint = new Uri(explicitEndpoint);
        }
        else
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            tableEndpoint = new Uri($"{protocol}://{account}.table.{suffix}");
        }

        try
        {
            Convert.FromBase64String(key);
        }
        catch (FormatException exception)
        {
            throw new FormatException("The storage connection string's AccountKey is not base64.", exception);
        }

        return new TableConnectionString(tableEndpoint, account, key);
    }

    /// <summary>Never print the key.</summary>
    public override string ToString() => $"TableEndpoint={TableEndpoint};AccountName={AccountName};AccountKey=***";
}
