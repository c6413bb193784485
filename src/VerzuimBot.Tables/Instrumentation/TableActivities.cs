using System.Diagnostics;

namespace VerzuimBot.Tables.Instrumentation;

/// <summary>
/// The <see cref="ActivitySource"/> of table calls. Tags carry the table, the operation, counts and the
/// outcome (status and error code) only: never partition or row keys, filters or property values, since
/// keys hold pseudonymous student and school ids and values hold children's data.
/// </summary>
public static class TableActivities
{
    public const string SourceName = "VerzuimBot.Tables";

    public const string TableTag = "db.collection.name";
    public const string OperationTag = "db.operation.name";
    public const string KindTag = "verzuimbot.tables.kind";
    public const string BatchSizeTag = "db.operation.batch.size";
    public const string ReturnedRowsTag = "db.response.returned_rows";
    public const string StatusCodeTag = "db.response.status_code";
    public const string ErrorTypeTag = "error.type";
    public const string FailedActionTag = "verzuimbot.tables.failed_action";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static string Kind(TableOperation operation) => operation switch
    {
        TableOperation.Get or TableOperation.QueryPage => "read",
        TableOperation.CreateTable => "admin",
        _ => "write",
    };
}
