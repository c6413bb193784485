namespace VerzuimBot.Connector.Client;

/// <summary>
/// A call to the Bot Connector failed after retries (or was refused before sending, e.g. an
/// untrusted serviceUrl). The caller reschedules; nothing may be assumed delivered.
/// </summary>
public sealed class ConnectorException(string message, int? status = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public int? Status { get; } = status;

    public bool Throttled => Status == 429;
}
