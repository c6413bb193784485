using Azure.Core;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>
/// Pipeline options of the Azure table client (retry count and delays, transport, diagnostics).
/// Defaults: 3 retries, exponential from 0.5 s, at most 10 s between tries, 30 s per try.
/// </summary>
public sealed class AzureTableClientOptions : ClientOptions
{
    public AzureTableClientOptions()
    {
        Retry.MaxRetries = 3;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.IsLoggingContentEnabled = false;
    }

    /// <summary>Clock used for request dates; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
