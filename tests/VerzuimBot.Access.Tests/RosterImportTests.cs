using System.Globalization;
using System.Text;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Tests;

// issue 7 item 1: roster import from school administration exports.
public sealed class RosterImportTests
{
    private static readonly SchoolId School = new(AccessFixture.School);
    private static readonly RosterImportOptions Options = new(SchoolType.VO, new RosterColumnMapping());
    private readonly AccessFixture _fixture = new();

    [Fact]
    public async Task ImportAsync_FiveThousandRowsWithThreeBadRows_ReportsExactlyThoseRowsAndImportsNothing()
    {
        var file = Generate(5000, bad: new() { [17] = "date", [2500] = "email", [4999] = "number" });

        var report = await _fixture.Importer.ImportAsync(School, new StringReader(file), Options);

        Assert.False(report.Imported);
        Assert.Equal(5000, report.Rows);
        // Rows as a spreadsheet shows them: the header is row 1, so student 17 (from 0) is row 19.
        Assert.Equal(
            [(19, "geboortedatum"), (2502, "mentor e-mail"), (5001, "leerlingnummer")],
            report.Problems.Select(p => (p.Row, p.Field)).OrderBy(p => p.Row));
        Assert.Equal("Rij 19, veld 'geboortedatum': '31-02-2012' is geen bestaande datum.", report.Problems.OrderBy(p => p.Row).First().ToString());
        Assert.Contains("Dubbel leerlingnummer: komt ook voor in rij 2.", report.Problems.Single(p => p.Row == 5001).Message, StringComparison.Ordinal);
        Assert.StartsWith("Niets geïmporteerd: 3 rijen met fouten.", report.Summary, StringComparison.Ordinal);
        Assert.Empty(await _fixture.Roster.ListStudentsAsync(AccessFixture.School));
    }

    [Fact]
    public async Task ImportAsync_GoodRowsOnly_ImportsTheValidRowsAndReportsTheRest()
    {
        var file = Generate(5000, bad: new() { [17] = "date", [2500] = "email", [4999] = "number" });

        var report = await _fixture.Importer.ImportAsync(School, new StringReader(file), Options with { GoodRowsOnly = true });

        Assert.True(report.Imported);
        Assert.Equal(4997, report.Added);
        Assert.Equal(3, report.BadRows);
        Assert.Equal(4997, (await _fixture.Roster.ListStudentsAsync(AccessFixture.School)).Count);
        Assert.Contains("3 rijen met fouten overgeslagen", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_SameFileAgain_ChangesNothingAndALeaverIsMarkedNotDeleted()
    {
        var file = Generate(50);
        var first = await _fixture.Importer.ImportAsync(School, new StringReader(file), Options);
        Assert.Equal(50, first.Added);
        var storedBefore = (await _fixture.Roster.ListStudentsAsync(AccessFixture.School)).ToDictionary(s => s.StudentId, s => s.UpdatedAt);

        _fixture.Time.Advance(TimeSpan.FromDays(1));
        var again = await _fixture.Importer.ImportAsync(School, new StringReader(file), Options);
        Assert.Equal((0, 0, 50, 0), (again.Added, again.Changed, again.Unchanged, again.MarkedLeft));
        Assert.Contains("0 gewijzigd", again.Summary, StringComparison.Ordinal);
        // No writes at all: every row keeps its first UpdatedAt.
        Assert.All(await _fixture.Roster.ListStudentsAsync(AccessFixture.School), s => Assert.Equal(storedBefore[s.StudentId], s.UpdatedAt));

        var withoutLast = string.Join('\n', file.Split('\n').Where(l => !l.StartsWith("100049;", StringComparison.Ordinal)));
        var later = await _fixture.Importer.ImportAsync(School, new StringReader(withoutLast), Options);
        Assert.Equal(1, later.MarkedLeft);
        var students = await _fixture.Roster.ListStudentsAsync(AccessFixture.School);
        Assert.Equal(50, students.Count);
        var left = students.Single(s => s.StudentId == AccessFixture.Ids.For(School, "100049").Value);
        Assert.Equal(new DateOnly(2026, 11, 24), RosterStudentDetails.FromEnvelope(left.Details)!.VertrokkenOp);

        var laterAgain = await _fixture.Importer.ImportAsync(School, new StringReader(withoutLast), Options);
        Assert.Equal((0, 0, 0), (laterAgain.Added, laterAgain.Changed, laterAgain.MarkedLeft));
    }

    [Fact]
    public async Task ImportAsync_CommaSeparatedWithBomAndOtherHeaders_IsUnderstood()
    {
        var csv = "\uFEFFStamnummer,Voornaam,Voorvoegsel,Achternaam,Geb. datum,Groep,E-mail mentor,Woonplaats/Gemeente\n"
            + "2001,Daan,van,Dijk,03-04-2012,2b,Max.Mentor@demoschool.example.nl,Utrecht\n"
            + "2002,Sara,,O'Brien,2011-12-01,3a,\"zora.zorg@demoschool.example.nl\",\"Stichtse Vecht\"\n";

        var report = await _fixture.Importer.ImportAsync(School, new StringReader(csv), Options with { SchoolType = SchoolType.PO });

        Assert.True(report.Imported, string.Join("; ", report.Problems));
        var details = (await _fixture.Roster.ListStudentsAsync(AccessFixture.School)).Select(s => RosterStudentDetails.FromEnvelope(s.Details)!).ToList();
        var sara = details.Single(s => s.Leerlingnummer == "2002");
        Assert.Equal(("Sara O'Brien", "Stichtse Vecht", SchoolType.PO), (sara.DisplayName, sara.Woongemeente, sara.SchoolType));
        Assert.Equal("max.mentor@demoschool.example.nl", details.Single(s => s.Leerlingnummer == "2001").MentorEmail);
    }

    [Fact]
    public async Task ImportAsync_MappingFromConfiguration_ReadsOwnHeaders()
    {
        var mapping = RosterColumnMapping.FromJson("""{"leerlingnummer": ["Llnr."], "klas": ["Lesgroep"]}""");
        var csv = "Llnr.;Roepnaam;Achternaam;Geboortedatum;Lesgroep;Mentor e-mail;Woongemeente\n7;Ali;Yilmaz;1-9-2013;1c;m@s.example.nl;Zeist\n";

        var report = await _fixture.Importer.ImportAsync(School, new StringReader(csv), Options with { Mapping = mapping });

        Assert.Equal(1, report.Added);
        Assert.Throws<FormatException>(() => RosterColumnMapping.FromJson("{\"klas\": "));
        Assert.Throws<FormatException>(() => RosterColumnMapping.FromJson("""{"onbekend": ["x"]}"""));
    }

    [Theory]
    [InlineData(";Jan;Jansen;01-01-2012;2b;m@s.example.nl;Utrecht", "leerlingnummer", "Leerlingnummer ontbreekt.")]
    [InlineData("5;Jan;Jansen;31-02-2012;2b;m@s.example.nl;Utrecht", "geboortedatum", "'31-02-2012' is geen bestaande datum.")]
    [InlineData("5;Jan;Jansen;2012/02/31x;2b;m@s.example.nl;Utrecht", "geboortedatum", "'2012/02/31x' is geen bekend datumformaat. Gebruik dd-mm-jjjj.")]
    [InlineData("5;Jan;Jansen;01-01-1950;2b;m@s.example.nl;Utrecht", "geboortedatum", "'01-01-1950' kan geen geboortedatum van een leerling zijn.")]
    [InlineData("5;Jan;Jansen;01-01-2012;;m@s.example.nl;Utrecht", "klas", "Klas is leeg.")]
    [InlineData("5;Jan;Jansen;01-01-2012;2b;mentor-at-school;Utrecht", "mentor e-mail", "'mentor-at-school' is geen geldig e-mailadres.")]
    [InlineData("5;Jan;Jansen;01-01-2012;2b;m@s.example.nl;", "woongemeente", "Woongemeente ontbreekt.")]
    public async Task ImportAsync_BadRow_NamesRowFieldAndProblemInDutch(string row, string field, string message)
    {
        var csv = "Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Klas;Mentor e-mail;Woongemeente\n4;Els;Bos;02-02-2012;2b;m@s.example.nl;Utrecht\n" + row + "\n";

        var report = await _fixture.Importer.ImportAsync(School, new StringReader(csv), Options);

        var problem = Assert.Single(report.Problems);
        Assert.Equal((3, field, message), (problem.Row, problem.Field, problem.Message));
        Assert.False(report.Imported);
    }

    [Fact]
    public async Task ImportAsync_MissingColumn_IsNamedAndNothingIsRead()
    {
        var report = await _fixture.Importer.ImportAsync(School, new StringReader("Leerlingnummer;Roepnaam;Achternaam\n1;A;B\n"), Options);

        Assert.False(report.Imported);
        Assert.Contains(report.Problems, p => p.Row == 1 && p.Field == "klas" && p.Message.StartsWith("Geen kolom gevonden", StringComparison.Ordinal));
        // Birth date and startkwalificatie are optional columns (issue 20): without them the age is unknown, not an error.
        Assert.DoesNotContain(report.Problems, p => p.Field is "geboortedatum" or "startkwalificatie");
    }

    [Fact] // issue 20 / 002 §1.1-1.2: the birth date and startkwalificatie come with the import; both optional, a wrong value is named.
    public async Task ImportAsync_BirthDateAndStartkwalificatie_AreOptional_AndValidated()
    {
        var csv = "Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Klas;Mentor e-mail;Woongemeente;Startkwalificatie\n"
            + "31;Eva;Dijk;14-03-2008;6v;m@s.example.nl;Utrecht;ja\n"
            + "32;Tim;Berg;;2b;m@s.example.nl;Utrecht;\n";
        var report = await _fixture.Importer.ImportAsync(School, new StringReader(csv), Options);
        Assert.True(report.Imported);
        var eva = RosterStudentDetails.FromEnvelope((await _fixture.Roster.FindStudentAsync(AccessFixture.School, AccessFixture.Ids.For(School, "31").Value))!.Details)!;
        Assert.Equal((new DateOnly(2008, 3, 14), (bool?)true), (eva.Geboortedatum, eva.Startkwalificatie));
        var tim = RosterStudentDetails.FromEnvelope((await _fixture.Roster.FindStudentAsync(AccessFixture.School, AccessFixture.Ids.For(School, "32").Value))!.Details)!;
        Assert.Equal(((DateOnly?)null, (bool?)null), (tim.Geboortedatum, tim.Startkwalificatie));

        var wrong = await _fixture.Importer.ImportAsync(School, new StringReader(csv.Replace(";ja\n", ";misschien\n", StringComparison.Ordinal)), Options);
        Assert.Equal((2, "startkwalificatie", "'misschien' is geen ja of nee."), (Assert.Single(wrong.Problems).Row, wrong.Problems[0].Field, wrong.Problems[0].Message));
    }

    [Fact]
    public void StudentIds_AreStableAndHoldNoLeerlingnummer()
    {
        var id = AccessFixture.Ids.For(School, "100001");

        Assert.Equal(id, AccessFixture.Ids.For(new SchoolId("12ab00"), " 100001 "));
        Assert.NotEqual(id, AccessFixture.Ids.For(new SchoolId("99ZZ00"), "100001"));
        Assert.DoesNotContain("100001", id.Value, StringComparison.Ordinal);
        Assert.Matches("^s-[0-9a-f]{20}$", id.Value);
    }

    [Fact]
    public async Task ImportAsync_LargeFile_ReportsProgress()
    {
        var seen = new List<int>();

        await _fixture.Importer.ImportAsync(School, new StringReader(Generate(1200)), Options, new SyncProgress(seen.Add));

        Assert.Equal([500, 1000, 1200], seen);
    }

    [Fact]
    public async Task ImportAsync_NeverLogsNames()
    {
        var csv = "Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Klas;Mentor e-mail;Woongemeente\n"
            + "1;Anneclaire;van der;Zwanenburg;31-02-2012;2b;m@s.example.nl;Utrecht\n"
            + "2;Hieronymus;;Bleekveld;01-01-2012;2b;m@s.example.nl;Utrecht\n";

        await _fixture.Importer.ImportAsync(School, new StringReader(csv), Options);
        await _fixture.Importer.ImportAsync(School, new StringReader(csv), Options with { GoodRowsOnly = true });

        Assert.NotEmpty(_fixture.Logs.Messages);
        foreach (var name in new[] { "Anneclaire", "Zwanenburg", "Hieronymus", "Bleekveld", "31-02-2012" })
        {
            Assert.DoesNotContain(_fixture.Logs.Messages, m => m.Contains(name, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact] // domain.md §8 / issue 7: the list says who mentors a klas; when that changes, the old mentor's derived role ends (audited), a beheerder's role stays.
    public async Task ImportAsync_MentorChanged_TheDerivedRoleOfTheFormerMentorEnds_ABeheerdersRoleStays()
    {
        const string Header = "Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Klas;Mentor e-mail;Woonplaats/Gemeente\n";
        var importer = new RosterImporter(_fixture.Roster, AccessFixture.Ids, _fixture.Time, _fixture.Logs.Logger<RosterImporter>(), _fixture.Audit);
        var before = Header + "100001;Daan;;Vries;14-03-2013;2b;max@school.example.nl;Utrecht\n100002;Emma;;Bakker;21-01-2013;3a;mo@school.example.nl;Utrecht\n";
        Assert.Equal(2, (await importer.ImportAsync(School, new StringReader(before), Options)).MentorRolesAdded);
        await _fixture.Roster.AssignRoleAsync(new VerzuimBot.Storage.RoleAssignment(AccessFixture.School, "Mentor", "mo@school.example.nl", "klas:4c", _fixture.Time.GetUtcNow()));

        // 2b gets a new mentor; 3a and the beheerder's 4c stay.
        _fixture.Time.Advance(TimeSpan.FromDays(7));
        var after = Header + "100001;Daan;;Vries;14-03-2013;2b;noor@school.example.nl;Utrecht\n100002;Emma;;Bakker;21-01-2013;3a;mo@school.example.nl;Utrecht\n";
        var report = await importer.ImportAsync(School, new StringReader(after), Options);
        Assert.Equal((1, 1), (report.MentorRolesAdded, report.MentorRolesRevoked));
        Assert.Contains("1 mentorrol(len) ingetrokken (niet meer mentor volgens de lijst)", report.Summary, StringComparison.Ordinal);
        var mentors = (await _fixture.Roster.ListRoleAssignmentsAsync(AccessFixture.School, "Mentor")).Select(a => (a.UserId, a.Scope)).OrderBy(a => a.Scope).ToList();
        Assert.Equal([("noor@school.example.nl", "klas:2b"), ("mo@school.example.nl", "klas:3a"), ("mo@school.example.nl", "klas:4c")], mentors);
        var audit = await _fixture.AuditStore.ListForSchoolAsync(AccessFixture.School, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Contains(audit, e => e.Action == "role-revoked" && e.Details.Json.Contains("Rol mentor (klas 2b) van max@school.example.nl ingetrokken", StringComparison.Ordinal));

        // A list with bad rows imported with --good-rows-only is not complete: it never ends a role.
        var partial = Header + "100001;Daan;;Vries;14-03-2013;2b;max@school.example.nl;Utrecht\n100002;Emma;;Bakker;31-02-2013;3a;x@school.example.nl;Utrecht\n";
        var partly = await importer.ImportAsync(School, new StringReader(partial), Options with { GoodRowsOnly = true });
        Assert.Equal(0, partly.MentorRolesRevoked);
        Assert.Contains(("noor@school.example.nl", "klas:2b"), (await _fixture.Roster.ListRoleAssignmentsAsync(AccessFixture.School, "Mentor")).Select(a => (a.UserId, a.Scope)));
    }

    internal static string Generate(int rows, Dictionary<int, string>? bad = null)
    {
        var sb = new StringBuilder("Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Klas;Mentor e-mail;Woonplaats/Gemeente\n");
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
}
