namespace VerzuimBot.Cards.Tests.Templating;

public sealed class CardTextTests
{
    [Theory]
    [InlineData("Jan *vet* _schuin_", @"Jan \*vet\* \_schuin\_")]
    [InlineData("[klik](https://evil.example)", @"\[klik\]\(https://evil.example\)")]
    [InlineData("# Kop", @"\# Kop")]
    [InlineData("- punt", @"\- punt")]
    [InlineData("  + punt", @"  \+ punt")]
    [InlineData("> citaat", @"\> citaat")]
    [InlineData("1. eerste\n12) tweede", "1\\. eerste\n12\\) tweede")]
    [InlineData("<b>vet</b> `code`", @"\<b\>vet\</b\> \`code\`")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("regel 1\r\nregel 2\r- lijst", "regel 1\nregel 2\n\\- lijst")]
    [InlineData("===\nabc", "\\===\nabc")]
    public void Escapes_markdown(string input, string expected)
    {
        Assert.Equal(expected, CardText.Escape(input));
    }

    [Theory]
    [InlineData("Ziek sinds maandag, koorts 38.5 - thuis")]
    [InlineData("Jan-Willem de Vries (groep 8)")]
    [InlineData("Klas 2B: 3 dagen.")]
    public void Keeps_ordinary_text_readable(string input)
    {
        var escaped = CardText.Escape(input);
        // Only parentheses are escaped in ordinary Dutch text; hyphens, dots and digits mid-line stay as typed.
        Assert.Equal(input, escaped.Replace(@"\(", "(", StringComparison.Ordinal).Replace(@"\)", ")", StringComparison.Ordinal));
    }

    [Fact]
    public void Null_and_empty_give_empty_text()
    {
        Assert.Equal("", CardText.Escape(null));
        Assert.Equal("", CardText.Escape(""));
    }
}
