using VerzuimBot.Tables.AzureTables;

namespace VerzuimBot.Storage.Tests.Tables;

public sealed class TableConnectionStringTests
{
    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtTheEmulator()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(TableConnectionString.DevelopmentAccountKey, parsed.AccountKey);
    }

    [Fact]
    public void Parse_AccountKeyWithSuffix_BuildsTheTableEndpoint()
    {
        var parsed = TableConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=school;AccountKey=a2V5;EndpointSuffix=core.windows.net");
        Assert.Equal(new Uri("https://school.table.core.windows.net"), parsed.TableEndpoint);
        Assert.DoesNotContain("a2V5", parsed.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=x")]
    [InlineData("AccountKey=a2V5")]
    [InlineData("AccountName=x;AccountKey=not base64!")]
    [InlineData("garbage")]
    public void Parse_Incomplete_ThrowsFormatException(string connectionString) =>
        Assert.Throws<FormatException>(() => TableConnectionString.Parse(connectionString));
}
