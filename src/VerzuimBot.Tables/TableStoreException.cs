namespace VerzuimBot.Tables;

/// <summary>A table operation failed; <see cref="Status"/> is the HTTP-style status (409, 412, 404, 503...).</summary>
public class TableStoreException : Exception
{
    public TableStoreException(int status, string errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public int Status { get; }

    public string ErrorCode { get; }
}

/// <summary>Add of a key that exists (409 EntityAlreadyExists).</summary>
public sealed class EntityAlreadyExistsException(string message, Exception? innerException = null)
    : TableStoreException(409, "EntityAlreadyExists", message, innerException);

/// <summary>The entity changed since it was read (412 UpdateConditionNotSatisfied): reread and retry.</summary>
public sealed class PreconditionFailedException(string message, Exception? innerException = null)
    : TableStoreException(412, "UpdateConditionNotSatisfied", message, innerException);

/// <summary>Update of an entity that does not exist (404 ResourceNotFound).</summary>
public sealed class EntityNotFoundException(string message, Exception? innerException = null)
    : TableStoreException(404, "ResourceNotFound", message, innerException);

/// <summary>The store could not be reached or kept failing after retries; nothing may be assumed written.</summary>
public sealed class StoreUnavailableException(string message, Exception? innerException = null)
    : TableStoreException(503, "StoreUnavailable", message, innerException);

/// <summary>An entity or property over the service's limits (1 MiB entity, 64 KiB property, 252 properties).</summary>
public sealed class TableLimitExceededException(string message)
    : TableStoreException(400, "LimitExceeded", message);

/// <summary>A transaction was rolled back because the action at <see cref="FailedActionIndex"/> failed.</summary>
public sealed class TableTransactionFailedException(int failedActionIndex, TableStoreException cause)
    : TableStoreException(cause.Status, cause.ErrorCode, $"Transaction rolled back: action {failedActionIndex} failed ({cause.ErrorCode}).", cause)
{
    public int FailedActionIndex { get; } = failedActionIndex;
}
