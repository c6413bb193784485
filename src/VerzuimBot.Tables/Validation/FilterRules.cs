namespace VerzuimBot.Tables.Validation;

/// <summary>
/// What a filter comparison may hold, checked the same way by both backends before anything is
/// rendered: a property name that is an identifier, keys compared only with strings, Timestamp only
/// with a date, and a value of a storable type (a non-finite double is refused).
/// </summary>
internal static class FilterRules
{
    /// <returns>The value as the service stores it (dates in UTC), ready to render.</returns>
    public static object Validate(TableFilter.Comparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison.Value, nameof(comparison.Value));
        switch (comparison.Property)
        {
            case TableEntity.PartitionKeyName or TableEntity.RowKeyName when comparison.Value is not string:
                throw new ArgumentException($"{comparison.Property} can only be compared with a string.", nameof(comparison));
            case "Timestamp" when comparison.Value is not DateTimeOffset:
                throw new ArgumentException("Timestamp can only be compared with a DateTimeOffset.", nameof(comparison));
            case TableEntity.PartitionKeyName or TableEntity.RowKeyName or "Timestamp":
                break;
            default:
                EntityRules.ValidatePropertyName(comparison.Property);
                break;
        }

        return comparison.Value switch
        {
            double d when !double.IsFinite(d) => throw new ArgumentException("NaN and infinities cannot be used in a filter.", nameof(comparison)),
            string or bool or int or long or double or DateTimeOffset or Guid or byte[] => StoredValue.Normalize(comparison.Value),
            var other => throw new ArgumentException($"Unsupported filter value type {other.GetType().Name}.", nameof(comparison)),
        };
    }
}
