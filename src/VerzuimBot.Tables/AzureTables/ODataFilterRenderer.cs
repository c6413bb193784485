using System.Globalization;
using System.Text;
using VerzuimBot.Tables.Validation;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>
/// Renders a <see cref="TableFilter"/> as an OData $filter. Every value becomes a typed literal
/// (strings quoted with ' doubled), property names must be identifiers, so no value can change the
/// shape of the query.
/// </summary>
internal static class ODataFilterRenderer
{
    public static string Render(TableFilter filter)
    {
        var text = new StringBuilder();
        Append(filter, text);
        return text.ToString();
    }

    public static string Literal(object value) => StoredValue.Normalize(value) switch
    {
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d when double.IsFinite(d) => DoubleLiteral(d),
        double => throw new ArgumentException("NaN and infinities cannot be used in a filter."),
        DateTimeOffset d => "datetime'" + EntityJson.FormatDateTime(d) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] b => "X'" + Convert.ToHexStringLower(b) + "'",
        var other => throw new ArgumentException($"Unsupported filter value type {other.GetType().Name}."),
    };

    private static void Append(TableFilter filter, StringBuilder text)
    {
        switch (filter)
        {
            case TableFilter.Logical logical:
                text.Append('(');
                Append(logical.Left, text);
                text.Append(logical.Operator == LogicalOperator.And ? ") and (" : ") or (");
                Append(logical.Right, text);
                text.Append(')');
                break;
            case TableFilter.Comparison comparison:
                ArgumentNullException.ThrowIfNull(comparison.Value, nameof(comparison.Value));
                if (comparison.Property is TableEntity.PartitionKeyName or TableEntity.RowKeyName)
                {
                    if (comparison.Value is not string)
                    {
                        throw new ArgumentException($"{comparison.Property} can only be compared with a string.", nameof(filter));
                    }
                }
                else if (comparison.Property == "Timestamp")
                {
                    if (comparison.Value is not DateTimeOffset)
                    {
                        throw new ArgumentException("Timestamp can only be compared with a DateTimeOffset.", nameof(filter));
                    }
                }
                else
                {
                    EntityRules.ValidatePropertyName(comparison.Property);
                }

                text.Append(comparison.Property).Append(' ').Append(Operator(comparison.Operator)).Append(' ').Append(Literal(comparison.Value));
                break;
            default:
                throw new ArgumentException($"Unsupported filter {filter.GetType().Name}.", nameof(filter));
        }
    }

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "eq",
        ComparisonOperator.NotEqual => "ne",
        ComparisonOperator.GreaterThan => "gt",
        ComparisonOperator.GreaterThanOrEqual => "ge",
        ComparisonOperator.LessThan => "lt",
        ComparisonOperator.LessThanOrEqual => "le",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operator."),
    };

    // A whole number needs a decimal point, or the service reads it as an Int32 literal.
    private static string DoubleLiteral(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
