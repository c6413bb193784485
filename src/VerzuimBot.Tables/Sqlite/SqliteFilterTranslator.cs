using System.Text;
using Microsoft.Data.Sqlite;
using VerzuimBot.Tables.Validation;

namespace VerzuimBot.Tables.Sqlite;

/// <summary>
/// Turns a <see cref="TableFilter"/> into a SQL condition in which every value and every JSON path
/// is a bound parameter, never text. Like the service, a comparison on a property only matches
/// entities that have the property with a value of the same type family (numbers compare with
/// numbers).
/// </summary>
internal static class SqliteFilterTranslator
{
    public static string Translate(TableFilter filter, SqliteCommand command)
    {
        var sql = new StringBuilder();
        Append(filter, command, sql);
        return sql.ToString();
    }

    private static void Append(TableFilter filter, SqliteCommand command, StringBuilder sql)
    {
        switch (filter)
        {
            case TableFilter.Logical logical:
                sql.Append('(');
                Append(logical.Left, command, sql);
                sql.Append(logical.Operator == LogicalOperator.And ? " AND " : " OR ");
                Append(logical.Right, command, sql);
                sql.Append(')');
                break;
            case TableFilter.Comparison comparison:
                AppendComparison(comparison, command, sql);
                break;
            default:
                throw new ArgumentException($"Unsupported filter {filter.GetType().Name}.", nameof(filter));
        }
    }

    private static void AppendComparison(TableFilter.Comparison comparison, SqliteCommand command, StringBuilder sql)
    {
        var op = comparison.Operator switch
        {
            ComparisonOperator.Equal => "=",
            ComparisonOperator.NotEqual => "<>",
            ComparisonOperator.GreaterThan => ">",
            ComparisonOperator.GreaterThanOrEqual => ">=",
            ComparisonOperator.LessThan => "<",
            ComparisonOperator.LessThanOrEqual => "<=",
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison.Operator, "Unknown operator."),
        };
        var value = AddParameter(command, SqlitePropertyCodec.SqlValue(FilterRules.Validate(comparison)));
        if (comparison.Property is TableEntity.PartitionKeyName or TableEntity.RowKeyName or "Timestamp")
        {
            sql.Append(comparison.Property).Append(' ').Append(op).Append(' ').Append(value);
            return;
        }

        var path = "$.\"" + comparison.Property + "\"";
        var typePath = AddParameter(command, path + "." + SqlitePropertyCodec.TypeField);
        var valuePath = AddParameter(command, path + "." + SqlitePropertyCodec.ValueField);
        var typeCondition = SqlitePropertyCodec.EdmType(comparison.Value) switch
        {
            "Edm.Int32" or "Edm.Int64" or "Edm.Double" => $"json_extract(Properties, {typePath}) IN ('Edm.Int32', 'Edm.Int64', 'Edm.Double')",
            var edmType => $"json_extract(Properties, {typePath}) = {AddParameter(command, edmType)}",
        };
        sql.Append('(').Append(typeCondition)
            .Append(" AND json_extract(Properties, ").Append(valuePath).Append(") ").Append(op).Append(' ').Append(value).Append(')');
    }

    private static string AddParameter(SqliteCommand command, object value)
    {
        var name = "$p" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        command.Parameters.AddWithValue(name, value);
        return name;
    }
}
