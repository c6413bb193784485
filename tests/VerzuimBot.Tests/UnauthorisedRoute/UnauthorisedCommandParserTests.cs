using VerzuimBot.Domain.Language;
using VerzuimBot.UnauthorisedRoute;

namespace VerzuimBot.Tests.UnauthorisedRoute;

/// <summary>The hours ladder's chat commands (004 Verzuimschema, 002 §3) as staff type them, and the days of absence they name.</summary>
public sealed class UnauthorisedCommandParserTests
{
    [Theory]
    [InlineData("3 uur ongeoorloofd daan 2b", "Hours", "daan 2b", 3, null, null)]
    [InlineData("ongeoorloofd 2 uur 123456", "Hours", "123456", 2, null, null)]
    [InlineData("2 lesuren ongeoorloofd 123456 op 12-1", "Hours", "123456", 2, "12-1", null)]
    [InlineData("1 uur ongeoorloofd verzuim daan de vries gisteren", "Hours", "daan de vries", 1, "gisteren", null)]
    [InlineData("te laat daan", "Late", "daan", 0, null, null)]
    [InlineData("te laat 123456 op maandag", "Late", "123456", 0, "maandag", null)]
    [InlineData("luxeverzuim daan van 12-1 tot 16-1", "Luxeverzuim", "daan", 0, "12-1", "16-1")]
    [InlineData("luxeverzuim daan 2b van 12-1 t/m 16-1", "Luxeverzuim", "daan 2b", 0, "12-1", "16-1")]
    [InlineData("luxeverzuim 123456 op 6-1", "Luxeverzuim", "123456", 0, "6-1", null)]
    [InlineData("ongeoorloofd afwezig daan 2b", "AwayFrom", "daan 2b", 0, null, null)]
    [InlineData("ongeoorloofd afwezig daan vanaf 2-11", "AwayFrom", "daan", 0, "2-11", null)]
    [InlineData("ongeoorloofd afwezig 123456 sinds maandag", "AwayFrom", "123456", 0, "maandag", null)]
    [InlineData("weer aanwezig daan", "Back", "daan", 0, null, null)]
    [InlineData("weer aanwezig 123456 op 30-11", "Back", "123456", 0, "30-11", null)]
    [InlineData("weer aanwezig daan de vries vandaag", "Back", "daan de vries", 0, "vandaag", null)]
    public void Parse_TheWaysStaffTypeIt(string command, string kind, string student, int hours, string? on, string? until)
    {
        var parsed = UnauthorisedCommandParser.Parse(command);
        Assert.NotNull(parsed);
        Assert.Equal(new UnauthorisedRequest(Enum.Parse<UnauthorisedKind>(kind), student, hours, on, until), parsed.Request);
    }

    [Theory]
    [InlineData("ongeoorloofd", "Zo leg je ongeoorloofd verzuim vast")]
    [InlineData("3 uur ongeoorloofd", "Van welke leerling?")]
    [InlineData("te laat", "Wie kwam er te laat?")]
    [InlineData("luxeverzuim daan", "Typ de leerling en de dagen")]
    [InlineData("11 uur ongeoorloofd daan", "tussen 1 en 10")]
    [InlineData("ongeoorloofd afwezig", "Wie is er ongeoorloofd afwezig?")]
    [InlineData("weer aanwezig", "Wie is er weer op school?")]
    public void Parse_Incomplete_AnswersWithHowToTypeIt(string command, string problem)
    {
        Assert.Contains(problem, UnauthorisedCommandParser.Parse(command)!.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ziek daan")]
    [InlineData("taken")]
    [InlineData("3 uur")]
    [InlineData("te laten")]
    public void Parse_OtherCommands_AreNotOurs(string command) => Assert.Null(UnauthorisedCommandParser.Parse(command));

    [Fact]
    public void Parse_Form() => Assert.True(UnauthorisedCommandParser.Parse("ongeoorloofd formulier")!.Form);

    [Theory] // Absence that happened: "maandag" is the last Monday (today included); "12-1" without a year is the latest one up to today.
    [InlineData("vandaag", 2027, 1, 13)]
    [InlineData("gisteren", 2027, 1, 12)]
    [InlineData("maandag", 2027, 1, 11)]
    [InlineData("wo", 2027, 1, 13)]
    [InlineData("vrijdag", 2027, 1, 8)]
    [InlineData("4-1", 2027, 1, 4)]
    [InlineData("18-12", 2026, 12, 18)]
    [InlineData("18 dec", 2026, 12, 18)]
    public void PastDates_OnWednesday13January2027(string text, int y, int m, int d)
    {
        var parsed = PastDates.Parse(text, new DateOnly(2027, 1, 13));
        Assert.Equal(new DateOnly(y, m, d), parsed.Date);
    }

    [Fact]
    public void PastDates_AnExplicitFutureDate_StaysInTheFuture_SoTheServiceRefusesIt() =>
        Assert.Equal(new DateOnly(2027, 3, 1), PastDates.Parse("1-3-2027", new DateOnly(2027, 1, 13)).Date);

    [Fact]
    public void PastDates_WeetIkNiet_IsNoDayOfAbsence() =>
        Assert.Equal(DateAnswerKind.Invalid, PastDates.Parse("weet ik niet", new DateOnly(2027, 1, 13)).Kind);
}
