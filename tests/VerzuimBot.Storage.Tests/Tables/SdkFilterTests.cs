using VerzuimBot.Tables;
using VerzuimBot.Tables.AzureTables;

namespace VerzuimBot.Storage.Tests.Tables;

/// <summary>The Azure backend's filter text: every value quoted by the SDK's own escaping, never by hand.</summary>
public sealed class SdkFilterTests
{
    public static TheoryData<TableFilter, string> Cases() => new()
    {
        { TableFilter.PartitionKeyEquals("school-1"), "PartitionKey eq 'school-1'" },
        { TableFilter.Equal("Name", "O'Brien"), "Name eq 'O''Brien'" },
        { TableFilter.Equal("Name", "' or 1 eq 1"), "Name eq ''' or 1 eq 1'" },
        { TableFilter.PartitionKeyEquals("' or PartitionKey ne '"), "PartitionKey eq ''' or PartitionKey ne '''" },
        { TableFilter.NotEqual("Open", true), "Open ne true" },
        { TableFilter.GreaterThan("Count", 5), "Count gt 5" },
        { TableFilter.GreaterThanOrEqual("Count", 5L), "Count ge 5L" },
        { TableFilter.LessThanOrEqual("Score", 0.25), "Score le 0.25" },
        { TableFilter.Equal("Due", new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)).AddTicks(5)), "Due eq datetime'2026-03-29T01:00:00.0000005Z'" },
        { TableFilter.Equal("Ref", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")), "Ref eq guid'0f8fad5b-d9cb-469f-a165-70867728950e'" },
        { TableFilter.Equal("Blob", new byte[] { 0x0a, 0xff }), "Blob eq X'0AFF'" },
        { TableFilter.PartitionKeyEquals("a").And(TableFilter.Equal("B", 1).Or(TableFilter.Equal("B", 2))), "(PartitionKey eq 'a') and ((B eq 1) or (B eq 2))" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_EachValueType_GivesTheEscapedLiteral(TableFilter filter, string expected) =>
        Assert.Equal(expected, SdkFilter.Render(filter));

    [Theory]
    [InlineData("Name or 1 eq 1")]
    [InlineData("x)")]
    [InlineData("{0}")]
    [InlineData("")]
    public void Render_PropertyNameThatIsNotAnIdentifier_IsRefused(string property) =>
        Assert.Throws<ArgumentException>(() => SdkFilter.Render(TableFilter.Equal(property, "v")));

    [Fact]
    public void Render_KeyComparedWithANonString_IsRefused() =>
        Assert.Throws<ArgumentException>(() => SdkFilter.Render(TableFilter.Equal("RowKey", 5)));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Render_NonFiniteDouble_IsRefused(double value) =>
        Assert.Throws<ArgumentException>(() => SdkFilter.Render(TableFilter.Equal("Score", value)));

    [Fact]
    public void Render_ValueOfAnUnstorableType_IsRefusedRatherThanPrintedWithToString() =>
        Assert.Throws<ArgumentException>(() => SdkFilter.Render(TableFilter.Equal("Amount", 1.5m)));
}
