namespace VerzuimBot.Tables;

/// <summary>
/// A query filter built as a tree, never from concatenated text, so a value such as
/// <c>O'Brien</c> or <c>' or 1 eq 1</c> is always data: the Azure backend renders it as an
/// escaped OData literal, the SQLite backend as a bound parameter.
/// Values may be string, bool, int, long, double, DateTimeOffset, Guid or byte[].
/// </summary>
public abstract record TableFilter
{
    public static TableFilter Equal(string property, object value) => new Comparison(property, ComparisonOperator.Equal, value);
    public static TableFilter NotEqual(string property, object value) => new Comparison(property, ComparisonOperator.NotEqual, value);
    public static TableFilter GreaterThan(string property, object value) => new Comparison(property, ComparisonOperator.GreaterThan, value);
    public static TableFilter GreaterThanOrEqual(string property, object value) => new Comparison(property, ComparisonOperator.GreaterThanOrEqual, value);
    public static TableFilter LessThan(string property, object value) => new Comparison(property, ComparisonOperator.LessThan, value);
    public static TableFilter LessThanOrEqual(string property, object value) => new Comparison(property, ComparisonOperator.LessThanOrEqual, value);
    public static TableFilter PartitionKeyEquals(string partitionKey) => Equal(TableEntity.PartitionKeyName, partitionKey);

    public TableFilter And(TableFilter other) => new Logical(this, LogicalOperator.And, other);
    public TableFilter Or(TableFilter other) => new Logical(this, LogicalOperator.Or, other);

    public sealed record Comparison(string Property, ComparisonOperator Operator, object Value) : TableFilter;

    public sealed record Logical(TableFilter Left, LogicalOperator Operator, TableFilter Right) : TableFilter;
}

public enum ComparisonOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}

public enum LogicalOperator
{
    And,
    Or,
}
