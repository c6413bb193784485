using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Tests;

// issue 7 item 5: audit of changes and of reads from outside the school.
public sealed class AuditTrailTests
{
    private readonly AccessFixture _fixture = new();
    private readonly StudentContext _student = new(AccessFixture.School, "s-abc", "2b", "Utrecht", ReportedToLeerplicht: true);

    [Fact]
    public async Task RecordRead_ByLeerplichtOutsideTheSchool_IsAuditedButNotByOwnStaff()
    {
        var leerplicht = new AccessActor("lpa@rbl.example.nl", AccessFixture.RblTenant, [new RoleGrant(Role.Leerplichtambtenaar, "rbl-utrecht", OrganisationKind.Leerplicht, RoleScope.Gemeenten("Utrecht"), DateTimeOffset.MinValue, Area: _fixture.Tenants.FindOrganisation("rbl-utrecht")!.Area)]);
        var zorg = new AccessActor("zorg@school.example.nl", AccessFixture.SchoolTenant, [new RoleGrant(Role.Zorgcoordinator, AccessFixture.School, OrganisationKind.School, RoleScope.Organisation, DateTimeOffset.MinValue)]);
        var now = _fixture.Time.GetUtcNow();

        Assert.True(await _fixture.Audit.RecordReadAsync(leerplicht, AccessPolicy.Decide(leerplicht, AccessAction.ViewDossier, _student, now), AccessAction.ViewDossier, _student));
        Assert.False(await _fixture.Audit.RecordReadAsync(zorg, AccessPolicy.Decide(zorg, AccessAction.ViewDossier, _student, now), AccessAction.ViewDossier, _student));
        _fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await _fixture.Audit.RecordChangeAsync(zorg, AccessPolicy.Decide(zorg, AccessAction.ReportToLeerplicht, _student, now), AccessAction.ReportToLeerplicht, _student);

        var lines = await _fixture.Audit.StudentTrailAsync(AccessFixture.School, _student.StudentId);
        Assert.Equal(
            ["23-11-2026 09:00 · lpa@rbl.example.nl (leerplichtambtenaar, rbl-utrecht) · dossier ingezien",
             "23-11-2026 09:05 · zorg@school.example.nl (zorgcoördinator, 12AB00) · gemeld bij leerplicht"],
            lines);
    }

    [Fact]
    public async Task RecordRead_DeniedDecision_WritesNothing()
    {
        var nobody = new AccessActor("x@example.nl", "t", []);

        Assert.False(await _fixture.Audit.RecordReadAsync(nobody, AccessPolicy.Decide(nobody, AccessAction.ViewDossier, _student, _fixture.Time.GetUtcNow()), AccessAction.ViewDossier, _student));
        Assert.Empty(await _fixture.Audit.StudentTrailAsync(AccessFixture.School, _student.StudentId));
    }

    [Fact]
    public async Task Record_SameEntryIdTwice_OneLine()
    {
        var record = new AuditRecord(AccessFixture.School, "s-abc", "a@b.nl", "mentor", AccessFixture.School, "x", "dossier ingezien");

        await _fixture.Audit.RecordAsync(record, "entry-1");
        await _fixture.Audit.RecordAsync(record, "entry-1");

        Assert.Single(await _fixture.Audit.StudentTrailAsync(AccessFixture.School, "s-abc"));
    }
}
