using System.Net.Sockets;
using Azure;
using Azure.Identity;
using SdkTransactionFailedException = Azure.Data.Tables.TableTransactionFailedException;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>
/// Turns what the SDK throws into our typed errors. Everything that means "the store could not be
/// reached or kept failing after the SDK's retries" (transport errors, timeouts, status 0, 408,
/// 429, 5xx, a credential that cannot get a token) becomes <see cref="StoreUnavailableException"/>.
/// Argument errors (our own validation) pass through unchanged.
/// </summary>
internal static class AzureErrors
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (Map(exception, operation) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>A 404 answer the SDK did not throw for (get or delete of a missing entity): fine unless the table is missing.</summary>
    public static void ThrowIfTableMissing(Response response)
    {
        if (response.Status == 404 && response.Headers.TryGetValue("x-ms-error-code", out var code) && code == "TableNotFound")
        {
            throw FromStatus(404, code, "request", null);
        }
    }

    public static TableStoreException? Map(Exception exception, string operation) => exception switch
    {
        SdkTransactionFailedException failed when !IsUnavailable(failed.Status) =>
            new TableTransactionFailedException(failed.FailedTransactionActionIndex ?? 0, FromStatus(failed.Status, failed.ErrorCode, "transaction action", failed)),
        RequestFailedException failed when IsUnavailable(failed.Status) => Unavailable($"The table service kept answering {failed.Status}", exception),
        RequestFailedException failed => FromStatus(failed.Status, failed.ErrorCode, operation, failed),
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => Map(inner, operation) is StoreUnavailableException) =>
            Unavailable("The table service could not be reached", exception),
        HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException or AuthenticationFailedException =>
            Unavailable("The table service could not be reached", exception),
        _ => null,
    };

    private static bool IsUnavailable(int status) => status is 0 or 408 or 429 || (status is >= 500 and < 600 and not 501 and not 505);

    private static StoreUnavailableException Unavailable(string what, Exception exception) =>
        new($"{what}; the operation was not confirmed and must be retried.", exception);

    private static TableStoreException FromStatus(int status, string? errorCode, string operation, Exception? inner)
    {
        var code = errorCode ?? string.Empty;
        return (status, code) switch
        {
            (409, "EntityAlreadyExists" or "") => new EntityAlreadyExistsException("The specified entity already exists.", inner),
            (412, _) => new PreconditionFailedException("The entity was changed since it was read.", inner),
            (404, "TableNotFound") => new TableStoreException(404, code, "The table does not exist; create it first.", inner),
            (404, _) => new EntityNotFoundException("The specified entity does not exist.", inner),
            (400 or 413, "EntityTooLarge" or "PropertyValueTooLarge" or "RequestBodyTooLarge" or "TooManyProperties") =>
                new TableLimitExceededException($"The service refused the {operation}: {code}."),
            _ => new TableStoreException(status, code.Length > 0 ? code : "Unknown", $"The table service refused the {operation} ({status} {code}).", inner),
        };
    }
}
