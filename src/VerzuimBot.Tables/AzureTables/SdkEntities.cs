using Azure;
using VerzuimBot.Tables.Validation;
using SdkEntity = Azure.Data.Tables.TableEntity;
using SdkTransactionAction = Azure.Data.Tables.TableTransactionAction;
using SdkTransactionActionType = Azure.Data.Tables.TableTransactionActionType;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>
/// Our entities and transaction actions in the SDK's shapes and back. The SDK annotates every type
/// JSON cannot carry (Int64, Double, DateTime, Guid, Binary), so each value reads back as the type it
/// was written with; dates are sent in UTC, as the service keeps them.
/// </summary>
internal static class SdkEntities
{
    private const string ODataETag = "odata.etag";
    private const string TimestampName = "Timestamp";

    public static SdkEntity ToSdk(TableEntity entity)
    {
        var sdk = new SdkEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            sdk[name] = StoredValue.Normalize(value);
        }

        return sdk;
    }

    public static TableEntity FromSdk(SdkEntity sdk)
    {
        var entity = new TableEntity(sdk.PartitionKey, sdk.RowKey)
        {
            ETag = sdk.ETag.ToString(),
            Timestamp = sdk.Timestamp,
        };
        foreach (var (name, value) in sdk)
        {
            if (name is TableEntity.PartitionKeyName or TableEntity.RowKeyName or TimestampName or ODataETag || value is null)
            {
                continue;
            }

            entity.Properties[name] = value switch
            {
                DateTime date => new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)),
                BinaryData binary => binary.ToArray(),
                _ => value,
            };
        }

        return entity;
    }

    public static ETag ToETag(string ifMatch) => ifMatch == "*" ? ETag.All : new ETag(ifMatch);

    public static SdkTransactionAction ToSdk(TableTransactionAction action)
    {
        var type = action.Type switch
        {
            TableTransactionActionType.Add => SdkTransactionActionType.Add,
            TableTransactionActionType.UpsertMerge => SdkTransactionActionType.UpsertMerge,
            TableTransactionActionType.UpsertReplace => SdkTransactionActionType.UpsertReplace,
            TableTransactionActionType.UpdateMerge => SdkTransactionActionType.UpdateMerge,
            TableTransactionActionType.UpdateReplace => SdkTransactionActionType.UpdateReplace,
            TableTransactionActionType.Delete => SdkTransactionActionType.Delete,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.Type, "Unknown action."),
        };
        var entity = action.Type == TableTransactionActionType.Delete
            ? new SdkEntity(action.Entity.PartitionKey, action.Entity.RowKey)
            : ToSdk(action.Entity);
        return new SdkTransactionAction(type, entity, ToETag(action.IfMatch));
    }
}
