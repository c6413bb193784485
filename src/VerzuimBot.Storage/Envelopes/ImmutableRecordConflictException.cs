namespace VerzuimBot.Storage;

/// <summary>An immutable record (decision) already exists with different content; it is never overwritten.</summary>
public sealed class ImmutableRecordConflictException(string message) : Exception(message);
