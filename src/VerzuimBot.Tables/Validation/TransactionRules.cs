namespace VerzuimBot.Tables.Validation;

/// <summary>The service's entity-group-transaction rules, checked before sending on both backends.</summary>
internal static class TransactionRules
{
    public const int MaxActions = 100;

    /// <summary>The service refuses a transaction whose request is over 4 MiB.</summary>
    public const long MaxPayloadBytes = 4L * 1024 * 1024;

    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxActions)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxActions} actions, not {actions.Count}.", nameof(actions));
        }

        var partitionKey = actions[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        long payload = 0;
        foreach (var action in actions)
        {
            if (!string.Equals(action.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException("All actions of a transaction must be in one partition.", nameof(actions));
            }

            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw new ArgumentException("A transaction may touch each entity only once.", nameof(actions));
            }

            if (action.Type == TableTransactionActionType.Delete)
            {
                EntityRules.ValidateKey(action.Entity.PartitionKey, TableEntity.PartitionKeyName);
                EntityRules.ValidateKey(action.Entity.RowKey, TableEntity.RowKeyName);
            }
            else
            {
                payload += EntityRules.Validate(action.Entity);
            }
        }

        if (payload > MaxPayloadBytes)
        {
            throw new TableLimitExceededException($"The transaction carries about {payload} bytes; at most {MaxPayloadBytes} (4 MiB) are allowed.");
        }
    }
}
