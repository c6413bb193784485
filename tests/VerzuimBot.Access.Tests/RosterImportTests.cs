using System.Globalization;
using System.Text;
using System.Text.Json;
using VerzuimBot.Access.Roster;
using VerzuimBot.Storage;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Access.Tests;

// issue 7 item 1: roster import from school administration exports.
public sealed class RosterImportTests
{
    private const string School = "12AB00";
    private static readonly RosterImportOptions Options = new(new RosterColumnMapping());
    private readonly RosterStore _store = new(new SqliteTableStoreFactory(Directory.CreateTempSubdirectory("verzuimbot-roster-").FullName));
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    private RosterImporter Importer => new(_store, _time);

    [Fact]
    public async Task FiveThousandRowsWithThreeBadRows_ReportsExactlyThoseRows_AndImportsNothing()
    {
        var file = Generate(5000, bad: new() { [17] = "date", [2500] = "email", [4999] = "number" });
        var report = await Importer.ImportAsync(School, new StringReader(file), Options);

        Assert.False(report.Imported);
        // Rows as Excel shows them: the header is row 1, so student 17 (from 0) is row 19.
        Assert.Equal(
            [(19, "geboortedatum"), (2502, "mentor e-mail"), (5001, "leerlingnummer")],
            report.Problems.Select(p => (p.Row, p.Field)).OrderBy(p => p.Row));
        Assert.Equal("Niets geïmporteerd: 3 rijen met fouten. Herstel ze en importeer opnieuw.", report.Summary);
        Assert.Empty(await _store.ListStudentsAsync(School));
        Assert.Contains("Rij 19, veld 'geboortedatum': '31-02-2012' is geen bestaande datum", report.Problems.OrderBy(p => p.Row).First().ToString());
    }

    [Fact]
    public async Task GoodRowsOnly_ImportsTheValidRows_AndReportsTheRest()
    {
        var file = Generate(5000, bad: new() { [17] = "date", [2500] = "email", [4999] = "number" });
        var report = await Importer.ImportAsync(School, new StringReader(file), Options with { GoodRowsOnly = true });
        Assert.True(report.Imported);
        Assert.Equal(4997, report.Added);
        Assert.Equal(3, report.Problems.Count);
        Assert.Equal(4997, (await _store.ListStudentsAsync(School)).Count);
    }

    [Fact]
    public async Task ReimportingTheSameFile_ChangesNothing_AndAStudentWhoLeftIsMarkedNotDeleted()
    {
        var file = Generate(50);
        var first = await Importer.ImportAsync(School, new StringReader(file), Options);
        Assert.Equal(50, first.Added);

        var again = await Importer.ImportAsync(School, new StringReader(file), Options);
        Assert.Equal((0, 0, 50, 0), (again.Added, again.Changed, again.Unchanged, again.MarkedLeft));

        var withoutLast = string.Join('\n', file.Split('\n').Where(l => !l.StartsWith("100049;", StringComparison.Ordinal)));
        var later = await Importer.ImportAsync(School, new StringReader(withoutLast), Options);
        Assert.Equal(1, later.MarkedLeft);
        var students = await _store.ListStudentsAsync(School);
        Assert.Equal(50, students.Count);
        var left = students.Single(s => s.StudentId == RosterImporter.StudentIdFor(School, "100049"));
        Assert.Equal(new DateOnly(2026, 11, 23), JsonSerializer.Deserialize<RosterStudentDetails>(left.Details.Json)!.VertrokkenOp);
    }

    [Fact]
    public async Task CommaSeparated_WithBom_AndOtherHeaderNames_IsUnderstood()
    {
        var csv = "\uFEFFStamnummer,Voornaam,Voorvoegsel,Achternaam,Geb. datum,Groep,E-mail mentor,Woonplaats\n"
            + "2001,Daan,van,Dijk,03-04-2012,2b,max.mentor@demoschool.example.nl,Utrecht\n"
            + "2002,Sara,,O'Brien,2011-12-01,3a,\"zora.zorg@demoschool.example.nl\",\"Stichtse Vecht\"\n";
        var report = await Importer.ImportAsync(School, new StringReader(csv), Options);
        Assert.True(report.Imported, string.Join("; ", report.Problems));
        var sara = (await _store.ListStudentsAsync(School)).Select(s => JsonSerializer.Deserialize<RosterStudentDetails>(s.Details.Json)!).Single(s => s.Leerlingnummer == "2002");
        Assert.Equal("Sara O'Brien", sara.DisplayName);
        Assert.Equal("Stichtse Vecht", sara.Woongemeente);
    }

    [Fact]
    public async Task MissingColumn_IsNamed()
    {
        var report = await Importer.ImportAsync(School, new StringReader("Leerlingnummer;Roepnaam;Achternaam\n1;A;B\n"), Options);
        Assert.False(report.Imported);
        Assert.Contains(report.Problems, p => p.Field == "geboortedatum" && p.Message.StartsWith("Geen kolom gevonden", StringComparison.Ordinal));
    }

    [Fact]
    public void StudentIds_HoldNoNamesAndAreStable()
    {
        var id = RosterImporter.StudentIdFor(School, "100001");
        Assert.Equal(id, RosterImporter.StudentIdFor(School, "100001"));
        Assert.NotEqual(id, RosterImporter.StudentIdFor("99ZZ00", "100001"));
        Assert.DoesNotContain("100001", id);
    }

    [Fact]
    public async Task Progress_IsReportedForLargeFiles()
    {
        var seen = new List<int>();
        await Importer.ImportAsync(School, new StringReader(Generate(1200)), Options, new SyncProgress(seen.Add));
        Assert.Contains(seen, n => n >= 500 && n < 1200);
        Assert.Equal(1200, seen[^1]);
    }

    private static string Generate(int rows, Dictionary<int, string>? bad = null)
    {
        var sb = new StringBuilder("Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Klas;Mentor e-mail;Woongemeente\n");
        for (var i = 0; i < rows; i++)
        {
            var kind = bad?.GetValueOrDefault(i);
            var number = kind == "number" ? "100000" : (100000 + i).ToString(CultureInfo.InvariantCulture);
            var birth = kind == "date" ? "31-02-2012" : new DateOnly(2011, 1, 1).AddDays(i % 700).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
            var mentor = kind == "email" ? "mentor-at-school" : $"mentor{i % 40}@demoschool.example.nl";
            sb.Append(CultureInfo.InvariantCulture, $"{number};Leerling{i};{(i % 3 == 0 ? "van" : string.Empty)};Achternaam{i};{birth};{1 + (i % 6)}{(char)('a' + (i % 4))};{mentor};Gemeente{i % 12}\n");
        }

        return sb.ToString();
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
