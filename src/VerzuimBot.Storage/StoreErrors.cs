using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// What the layers above storage need to know of a failed store call, without knowing the table client: whether it was
/// the store (down, throttled past its retries, or refusing), and whether it was a conflict with a concurrent writer.
/// </summary>
public static class StoreErrors
{
    /// <summary>The store failed; nothing of the call may be assumed written. <paramref name="code"/> is safe to log.</summary>
    public static bool IsStoreFailure(Exception exception, out string code)
    {
        code = (exception as TableStoreException)?.ErrorCode ?? string.Empty;
        return exception is TableStoreException;
    }

    /// <summary>Someone else wrote first: the row changed since it was read, or it exists where it must not yet.</summary>
    public static bool IsConflict(Exception exception) => exception is PreconditionFailedException or EntityAlreadyExistsException;

    /// <summary>Someone else removed the row this call was guarded on (e.g. another turn ended the same dialog first).</summary>
    public static bool IsGone(Exception exception) => exception is EntityNotFoundException;
}
