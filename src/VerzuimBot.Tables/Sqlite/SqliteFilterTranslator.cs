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
    public static string Translate(TableFilter filter, List<SqliteParameter> parameters)
    {
        var sql = new StringBuilder();
        Append(filter, parameters, sql);
        return sql.ToString();
    }

    private static void Append(TableFilter filter, List<SqliteParameter> parameters, StringBuilder sql)
    {
        switch (filter)
        {
            case TableFilter.Logical logical:
                sql.Append('(');
                Append(logical.Left, parameters, sql);
                sql.Append(logical.Operator == LogicalOperator.And ? " AND " : " OR ");
                Append(logical.Right, parameters, sql);
                sql.Append(')');
                break;
            case TableFilter.Comparison comparison:
                AppendComparison(comparison, parameters, sql);
                break;
            default:
                throw new ArgumentException($"Unsupported filter {filter.GetType().Name}.", nameof(filter));
        }
    }

    private static void AppendComparison(TableFilter.Comparison comparison, List<SqliteParameter> parameters, StringBuilder sql)
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
        var value = AddParameter(parameters, SqlitePropertyCodec.SqlValue(FilterRules.Validate(comparison)));
        if (comparison.Property is TableEntity.PartitionKeyName or TableEntity.RowKeyName or "Timestamp")
        {
            sql.Append(comparison.Property).Append(' ').Append(op).Append(' ').Append(value);
            return;
        }

        var path = "$.\"" + comparison.Property + "\"";
        var typePath = AddParameter(parameters, path + "." + SqlitePropertyCodec.TypeField);
        var valuePath = AddParameter(parameters, path + "." + SqlitePropertyCodec.ValueField);
        var typeCondition = SqlitePropertyCodec.EdmType(comparison.Value) switch
        {
            "Edm.Int32" or "Edm.Int64" or "Edm.Double" => $"json_extract(Properties, {typePath}) IN ('Edm.Int32', 'Edm.Int64', 'Edm.Double')",
            SqlitePropertyCodec.UntaggedType =>
                $"IFNULL(json_extract(Properties, {typePath}), '{SqlitePropertyCodec.UntaggedType}') = '{SqlitePropertyCodec.UntaggedType}'",
            var edmType => $"json_extract(Properties, {typePath}) = {AddParameter(parameters, edmType)}",
        };
        sql.Append('(').Append(typeCondition)
            .Append(" AND json_extract(Properties, ").Append(valuePath).Append(") ").Append(op).Append(' ').Append(value).Append(')');
    }

    private static string AddParameter(List<SqliteParameter> parameters, object value)
    {
        var name = "$p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        parameters.Add(new SqliteParameter(name, value));
        return name;
    }
}
