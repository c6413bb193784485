using VerzuimBot.Domain.Language;

namespace VerzuimBot.Domain.Tests.Language;

// issue 6 item 1: the dates receptie types in chat. "Today" is Thursday 22 October 2026.
public class DutchDateParserTests
{
    private static readonly DateOnly Today = new(2026, 10, 22);

    [Theory]
    [InlineData("vandaag", "2026-10-22")]
    [InlineData("Morgen", "2026-10-23")]
    [InlineData("overmorgen", "2026-10-24")]
    [InlineData("maandag", "2026-10-26")]
    [InlineData("do", "2026-10-29")]
    [InlineData("over 3 dagen", "2026-10-25")]
    [InlineData("12-1", "2027-01-12")]
    [InlineData("25-10", "2026-10-25")]
    [InlineData("12/1/2027", "2027-01-12")]
    [InlineData("12-1-27", "2027-01-12")]
    [InlineData("12 jan", "2027-01-12")]
    [InlineData("ma 11 jan", "2027-01-11")]
    [InlineData("di 12 januari", "2027-01-12")]
    [InlineData("2027-01-12", "2027-01-12")]
    public void Parse_CommonDutchForms(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DutchDateParser.Parse(text, Today).Date);

    [Theory]
    [InlineData("weet ik niet")]
    [InlineData("Onbekend")]
    public void Parse_WeetIkNiet_IsUnknown(string text) => Assert.Equal(DateAnswerKind.Unknown, DutchDateParser.Parse(text, Today).Kind);

    [Theory]
    [InlineData("31-2", "bestaat niet")]
    [InlineData("ma 13 jan", "geen ma")]
    [InlineData("12 foo", "ken ik niet")]
    [InlineData("volgende week ergens", "begrijp ik niet")]
    [InlineData("", "geen datum")]
    public void Parse_ImpossibleOrUnclear_IsInvalidWithADutchReason(string text, string reason)
    {
        var answer = DutchDateParser.Parse(text, Today);
        Assert.Equal(DateAnswerKind.Invalid, answer.Kind);
        Assert.Contains(reason, answer.Problem);
    }
}
