using System.Text;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.AbsenceImport;

// Issue 22 item 5: bad input gets a Dutch problem per row, and nothing is half-imported unless good rows only are asked for.
public sealed class AbsenceImportBadInputTests
{
    private const string Header = "Stamnr;Datum;Lesuur;Absentiecode;Absentie-id\n";

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task EveryBadRow_GetsItsOwnDutchProblem_AndNothingIsImported()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 9));
        var file = Header
            + "124004;05-10-2026;1;AFW-O;1\n"      // good
            + "124004;05-10-2026;2;XYZ;2\n"        // unknown code
            + "999999;05-10-2026;1;AFW-O;3\n"      // not on the roster
            + "124004;15-07-2026;1;AFW-O;4\n"      // the previous school year
            + "124004;03-10-2026;1;AFW-O;5\n"      // a Saturday
            + "124004;20-10-2026;1;AFW-O;6\n"      // herfstvakantie (midden)
            + "124004;05-11-2026;1;ZK;7\n"         // in the future
            + "124004;31-09-2026;1;ZK;8\n"         // no such date
            + "124004;06-10-2026;1;AFW-O;1\n";     // the id of row 2 again

        var report = await route.ImportBytesAsync("fout.csv", Csv(file), "magister");
        Assert.False(report.Imported);
        var lines = string.Join('\n', report.Lines());
        Assert.Contains("Rij 3, veld 'code': Onbekende code 'XYZ'", lines, StringComparison.Ordinal);
        Assert.Contains("Rij 4, veld 'leerlingnummer': Leerlingnummer 999999 staat niet in de leerlingenlijst", lines, StringComparison.Ordinal);
        Assert.Contains("Rij 5, veld 'datum': 15-07-2026 ligt buiten het schooljaar 2026-2027", lines, StringComparison.Ordinal);
        Assert.Contains("Rij 6, veld 'datum': 03-10-2026 is geen schooldag", lines, StringComparison.Ordinal);
        Assert.Contains("Rij 7, veld 'datum': 20-10-2026 is geen schooldag", lines, StringComparison.Ordinal);
        Assert.Contains("Rij 8, veld 'datum': 05-11-2026 ligt in de toekomst", lines, StringComparison.Ordinal);
        Assert.Contains("Rij 9, veld 'datum': '31-09-2026' is geen datum", lines, StringComparison.Ordinal);
        Assert.Contains("Rij 10, veld 'registratie-id': Registratie-id 1 komt ook voor in rij 2.", lines, StringComparison.Ordinal);
        Assert.StartsWith("Niets geïmporteerd: 8 rijen met fouten.", report.Summary, StringComparison.Ordinal);
        Assert.Empty(await route.StoredEventsAsync("124004"));

        var partial = await route.ImportBytesAsync("fout.csv", Csv(file), "magister", goodRowsOnly: true);
        Assert.True(partial.Imported);
        Assert.Equal(1, (await route.TotalsAsync("124004", D(2026, 11, 2))).HoursInYear);
        Assert.Contains("8 rijen met fouten overgeslagen", partial.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Stamnr\tDatum\tLesuur\tAbsentiecode\n124004\t05-10-2026\t1\tAFW-O\n", "gescheiden door tabs")]
    [InlineData("Leerling;Dag;Wat\n124004;05-10-2026;AFW-O\n", "Geen kolom gevonden (verwacht een van: Stamnr, Stamnummer)")]
    [InlineData("", "leeg")]
    public async Task AFileThatIsNotTheExpectedExport_IsRefusedWhole_InDutch(string content, string expected)
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 9));
        var report = await route.ImportBytesAsync("export.csv", Csv(content), "magister");
        Assert.False(report.Imported);
        Assert.Contains(expected, string.Join('\n', report.Lines()), StringComparison.Ordinal);
        Assert.Empty(await route.StoredEventsAsync("124004"));
    }

    [Fact]
    public async Task MoreLesurenOnADayThanThereAre_OrOngeoorloofdOnADayOfSchorsing_IsAProblemOfThoseRows()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 11, 2), 9));
        var report = await route.ImportBytesAsync("export.csv", Csv(Header + "124004;05-10-2026;1-8;AFW-O;1\n124004;05-10-2026;9-11;AFW-O;2\n124002;14-10-2026;;GE;3\n124002;14-10-2026;2;AFW-O;4\n"), "magister");
        var lines = string.Join('\n', report.Lines());
        Assert.Contains("Rij 2, veld 'lesuur': Op 05-10-2026 komt leerling 124004 op 11 lesuren ongeoorloofd", lines, StringComparison.Ordinal);
        Assert.Contains("Rij 5, veld 'code': Op 14-10-2026 staat leerling 124002 de hele dag als schorsing (rij 4)", lines, StringComparison.Ordinal);
        Assert.False(report.Imported);
    }

    [Fact]
    public async Task AFileOf50Megabytes_IsRefusedBeforeItIsRead()
    {
        await using var route = new RouteHarness();
        var report = await route.ImportBytesAsync("groot.csv", new byte[50 * 1024 * 1024], "magister");
        Assert.False(report.Imported);
        Assert.Equal("Niets geïmporteerd: het bestand is 50 MB; meer dan 25 MB lees ik niet. Exporteer een kortere periode.", report.Summary);
    }

    [Theory]
    [InlineData("""{"codes": {"Z": "zi3k"}}""", "Code 'Z' in de absentie-indeling betekent 'zi3k'")]
    [InlineData("""{"codes": {}}""", "noemt geen enkele code")]
    [InlineData("""{"codes": {"Z": "ziek"}, "lessonTimes": ["8.30 tot 9.20"]}""", "Lesuur '8.30 tot 9.20'")]
    [InlineData("""{"codes": {"Z": "ziek"}, "kolommen": {}}""", "geen geldige JSON")]
    [InlineData("""{"codes": null}""", "leeg onderdeel 'codes'")]
    [InlineData("""{"codes": {"Z": null}}""", "leeg onderdeel 'codes'")]
    [InlineData("""{"codes": {"Z": "ziek"}, "columns": null}""", "leeg onderdeel 'columns'")]
    [InlineData("""{"codes": {"Z": "ziek"}, "lessonTimes": [null]}""", "leeg onderdeel 'lessonTimes'")]
    [InlineData("""{"codes": {"Z": "ziek"}, "dayParts": null}""", "leeg onderdeel 'dayParts'")]
    public void AMappingThatDoesNotHold_IsRefusedWithADutchReason(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => VerzuimBot.Protocol.AbsenceImport.AbsenceMapping.FromJson(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
