using System.Text;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Storage.Tests.Tables;

/// <summary>
/// The embedded store's property column is decoded from its UTF-8 bytes by a forward-only reader. The round trip of
/// every type runs in the contract suite; these cover what a forward-only reader could get wrong.
/// </summary>
public sealed class SqlitePropertyCodecTests
{
    [Fact]
    public void Deserialize_ReadsWhatSerializeWrote_IncludingEscapedNamesAndText()
    {
        var stored = SqlitePropertyCodec.Serialize(new Dictionary<string, object>
        {
            ["Naam"] = "Zoë \"de\" Vries\n",
            ["Ziekgemeld"] = new DateTimeOffset(2026, 12, 4, 8, 15, 0, TimeSpan.Zero),
            ["Uren"] = 12.5,
            ["Dagen"] = 3,
            ["Ticks"] = 639_000_000_000_000_000L,
            ["Open"] = true,
            ["Overleg"] = new byte[] { 0, 255 },
        });

        var read = Decode(stored);

        Assert.Equal("Zoë \"de\" Vries\n", read["Naam"]);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 8, 15, 0, TimeSpan.Zero), read["Ziekgemeld"]);
        Assert.Equal(12.5, read["Uren"]);
        Assert.Equal(3, read["Dagen"]);
        Assert.Equal(639_000_000_000_000_000L, read["Ticks"]);
        Assert.Equal(true, read["Open"]);
        Assert.Equal(new byte[] { 0, 255 }, read["Overleg"]);
    }

    [Fact]
    public void Deserialize_TakesTypeAndValueInEitherOrder_AndSkipsFieldsItDoesNotKnow()
    {
        var read = Decode("""{"Dagen":{"v":3,"t":"Edm.Int32"},"Naam":{"x":{"y":[1,2]},"t":"Edm.String","v":"Sam"}}""");

        Assert.Equal(3, read["Dagen"]);
        Assert.Equal("Sam", read["Naam"]);
    }

    [Fact]
    public void Serialize_WritesStringsWithoutTypeTag_AndEscapesOnlyWhatJsonRequires()
    {
        var stored = SqlitePropertyCodec.Serialize(new Dictionary<string, object>
        {
            ["Payload"] = """{"firstDay":"2026-11-23","recordedAt":"2026-11-23T06:50:05+00:00","<b>":"&"}""",
            ["Dagen"] = 3,
        });

        Assert.Equal(
            """{"Payload":{"v":"{\"firstDay\":\"2026-11-23\",\"recordedAt\":\"2026-11-23T06:50:05+00:00\",\"<b>\":\"&\"}"},"Dagen":{"t":"Edm.Int32","v":3}}""",
            stored);
    }

    [Fact]
    public void Deserialize_ReadsRowsOfEarlierVersions_WhoseStringsCarryTheirTagAndEscapedQuotes()
    {
        var read = Decode("""{"Payload":{"t":"Edm.String","v":"{\u0022a\u0022:\u00221\u002B1\u0022}"},"Naam":{"v":"Sam"}}""");

        Assert.Equal("""{"a":"1+1"}""", read["Payload"]);
        Assert.Equal("Sam", read["Naam"]);
    }

    [Theory]
    [InlineData("""{"Dagen":{"t":"Edm.Int32"}}""")]
    [InlineData("""{"Dagen":{"v":3}}""")]
    [InlineData("""{"Open":{"v":true}}""")]
    [InlineData("""{"Dagen":{"t":"Edm.Decimal","v":3}}""")]
    [InlineData("""{"Dagen":{"t":"Edm.Int32","v":3}""")]
    [InlineData("""[]""")]
    [InlineData("""{"Dagen":{"t":"Edm.Int32","v":"drie"}}""")]
    public void Deserialize_RefusesARowItCannotRead(string stored) =>
        Assert.Throws<InvalidDataException>(() => Decode(stored));

    private static Dictionary<string, object> Decode(string stored)
    {
        var read = new Dictionary<string, object>(StringComparer.Ordinal);
        SqlitePropertyCodec.Deserialize(Encoding.UTF8.GetBytes(stored), read);
        return read;
    }
}
