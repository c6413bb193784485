using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using VerzuimBot.Tables.Validation;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>
/// Renders a <see cref="TableFilter"/> as OData text with the SDK's own escaping
/// (<see cref="TableClient.CreateQueryFilter(FormattableString)"/>): every value is an argument the SDK
/// quotes by type; only the operator and a property name validated as an identifier are text.
/// </summary>
internal static class SdkFilter
{
    public static string Render(TableFilter filter) => filter switch
    {
        TableFilter.Logical logical =>
            $"({Render(logical.Left)}) {(logical.Operator == LogicalOperator.And ? "and" : "or")} ({Render(logical.Right)})",
        TableFilter.Comparison comparison => TableClient.CreateQueryFilter(
            FormattableStringFactory.Create($"{comparison.Property} {Operator(comparison.Operator)} {{0}}", FilterRules.Validate(comparison))),
        _ => throw new ArgumentException($"Unsupported filter {filter.GetType().Name}.", nameof(filter)),
    };

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
}
