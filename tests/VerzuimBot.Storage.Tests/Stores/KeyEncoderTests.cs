using VerzuimBot.Storage.Keys;

namespace VerzuimBot.Storage.Tests.Stores;

public sealed class KeyEncoderTests
{
    [Theory]
    [InlineData("student-42", "student-42")]
    [InlineData("19:abc;x@thread.tacv2", "19:abc;x@thread.tacv2")]
    [InlineData("a/b\\c#d?e", "a~2Fb~5Cc~23d~3Fe")]
    [InlineData("100%|~", "100~25~7C~7E")]
    [InlineData("tab\there", "tab~09here")]
    public void Encode_EscapesOnlyForbiddenCharacters_AndDecodesBack(string raw, string encoded)
    {
        Assert.Equal(encoded, KeyEncoder.Encode(raw));
        Assert.Equal(raw, KeyEncoder.Decode(encoded));
    }

    [Fact]
    public void Encode_AnyString_RoundTrips()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var raw = new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => (char)random.Next(0, 0x3000)).ToArray());
            var encoded = KeyEncoder.Encode(raw);
            Assert.DoesNotContain(encoded, c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c));
            Assert.Equal(raw, KeyEncoder.Decode(encoded));
        }
    }
}
