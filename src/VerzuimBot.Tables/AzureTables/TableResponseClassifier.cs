using Azure.Core;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>Retries 408, 429 and every 5xx except 501/505 (which a retry cannot fix).</summary>
internal sealed class TableResponseClassifier : ResponseClassifier
{
    public override bool IsRetriableResponse(HttpMessage message) =>
        message.Response.Status is 408 or 429 || (message.Response.Status is >= 500 and < 600 and not 501 and not 505);
}
