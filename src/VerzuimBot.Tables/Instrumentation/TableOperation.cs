namespace VerzuimBot.Tables.Instrumentation;

/// <summary>One kind of store call; each is one round trip to the store (the SDK's retries of it included).</summary>
public enum TableOperation
{
    CreateTable,
    Get,
    QueryPage,
    Add,
    Upsert,
    Update,
    Delete,
    Transaction,
}
