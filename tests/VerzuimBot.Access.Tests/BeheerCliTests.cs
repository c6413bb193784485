using VerzuimBot.Access.Cli;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Tests;

// The beheerder's CLI, end to end over the SQLite store.
public sealed class BeheerCliTests
{
    private readonly AccessFixture _fixture = new();

    private BeheerCli Cli => new(_fixture.Importer, _fixture.RoleService, _fixture.Audit, _fixture.Inzage, _fixture.Eraser, _fixture.RetentionJob(), _fixture.Migration, AccessFixture.Ids, _fixture.Tenants, _fixture.Time);

    [Fact]
    public async Task RosterImport_BadFile_ExitsOneWithRowsOnError_ThenGoodRowsOnlyImports()
    {
        var file = Path.Combine(_fixture.Directory, "leerlingen.csv");
        await File.WriteAllTextAsync(file, RosterImportTests.Generate(20, bad: new() { [3] = "email" }), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var (code, output, error) = await RunAsync("roster", "import", file, "--school", AccessFixture.School, "--type", "VO");
        Assert.Equal(1, code);
        Assert.Contains("Rij 5, veld 'mentor e-mail'", error, StringComparison.Ordinal);

        (code, output, _) = await RunAsync("roster", "import", file, "--school", AccessFixture.School, "--type", "VO", "--good-rows-only");
        Assert.Equal(0, code);
        Assert.Contains("19 nieuw, 0 gewijzigd", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolesAndAudit_ByLeerlingnummer()
    {
        var (code, output, _) = await RunAsync("roles", "assign", "mentor", "max@school.example.nl", "leerling", "100003", "--org", AccessFixture.School, "--door", AccessFixture.Beheerder);
        Assert.Equal(0, code);
        Assert.Contains("heeft nu de rol mentor", output, StringComparison.Ordinal);

        (code, output, _) = await RunAsync("audit", "100003", "--school", AccessFixture.School);
        Assert.Equal(0, code);
        Assert.Contains($"{AccessFixture.Beheerder} (beheerder, 12AB00) · rol mentor (leerling {AccessFixture.Ids.For(new SchoolId(AccessFixture.School), "100003").Value}) toegekend aan max@school.example.nl", output, StringComparison.Ordinal);
        Assert.DoesNotContain("100003", output.Split('\n', 2)[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_UnknownCommandOrMissingOption_ExitsTwo()
    {
        Assert.Equal(2, (await RunAsync("iets")).Code);
        var (code, _, error) = await RunAsync("audit", "100003");
        Assert.Equal(2, code);
        Assert.Equal("Optie --school is verplicht.", error.Trim());
        Assert.Equal(1, (await RunAsync("delete", "100003", "--school", AccessFixture.School)).Code);
    }

    [Fact]
    public async Task RetentionRun_PrintsDutchSummary()
    {
        var (code, output, _) = await RunAsync("retention", "run");

        Assert.Equal(0, code);
        Assert.StartsWith("Bewaartermijn: 0 dossiers geanonimiseerd", output, StringComparison.Ordinal);
    }

    // issue 19 item 4: the console operator acts as beheerder of every organisation, yet cannot widen a kernpartner's scope.
    [Theory]
    [InlineData("jeugdarts", "ggd-utrecht", "scholen", "99ZZ99")] // a school that is not configured at all
    [InlineData("jeugdarts", "ggd-utrecht", "scholen", AccessFixture.OtherSchool)] // served by the GGD, but the school does not name it
    [InlineData("leerplichtambtenaar", "rbl-utrecht", "gemeenten", "Amersfoort")]
    public async Task RolesAssign_KernpartnerScopeOutsideTheServiceArea_RefusedInDutch_NothingStored(string role, string organisation, string kind, string value)
    {
        var (code, _, error) = await RunAsync("roles", "assign", role, "k@partner.example.nl", kind, value, "--org", organisation);

        Assert.Equal(1, code);
        Assert.Contains($"{value} valt buiten het werkgebied van", error, StringComparison.Ordinal);
        Assert.Empty(await _fixture.Roster.ListRoleAssignmentsAsync(organisation));
        Assert.Empty(await _fixture.AuditStore.ListForSchoolAsync(organisation, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task RolesAssign_KernpartnerScopeInsideTheServiceArea_IsGranted()
    {
        Assert.Equal(0, (await RunAsync("roles", "assign", "jeugdarts", "j@ggd.example.nl", "scholen", AccessFixture.School, "--org", "ggd-utrecht")).Code);
        Assert.Equal(0, (await RunAsync("roles", "assign", "leerplichtambtenaar", "l@rbl.example.nl", "gemeenten", "Zeist", "--org", "rbl-utrecht")).Code);
        Assert.Single(await _fixture.Roster.ListRoleAssignmentsAsync("ggd-utrecht"));
        Assert.Single(await _fixture.Roster.ListRoleAssignmentsAsync("rbl-utrecht"));
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Cli.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
