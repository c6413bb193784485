using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Identities;
using VerzuimBot.Access.Roles;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Tests;

// issue 7 item 2: identities and role commands, store-backed.
public sealed class RolesAndIdentitiesTests
{
    private readonly AccessFixture _fixture = new();

    private static TeamsUser Max => new(AccessFixture.SchoolTenant, "aad-max", "Max@School.example.nl", "Max Mentor");

    private static TeamsUser BeheerderUser => new(AccessFixture.SchoolTenant, "aad-beheer", AccessFixture.Beheerder, "Bea Beheer");

    [Theory]
    [InlineData("rol toekennen mentor max@school.nl 2b", Role.Mentor, "max@school.nl", "klas:2b")]
    [InlineData("Rol Toekennen Mentor MAX@school.nl klas 3A", Role.Mentor, "max@school.nl", "klas:3A")]
    [InlineData("rol toekennen verzuimcoördinator v@school.nl", Role.Verzuimcoordinator, "v@school.nl", "")]
    [InlineData("rol toekennen leerplichtambtenaar l@rbl.nl gemeenten Utrecht, Stichtse Vecht", Role.Leerplichtambtenaar, "l@rbl.nl", "gemeenten:Utrecht,Stichtse Vecht")]
    [InlineData("rol toekennen jeugdarts j@ggd.nl scholen 12AB00,34CD00", Role.Jeugdarts, "j@ggd.nl", "scholen:12AB00,34CD00")]
    [InlineData("rol toekennen lokaal team w@gemeente.nl Zeist", Role.LokaalTeam, "w@gemeente.nl", "gemeenten:Zeist")]
    [InlineData("rol toekennen ib-er ib@school.nl", Role.Zorgcoordinator, "ib@school.nl", "")]
    public void Parse_AssignCommands_BecomeTypedRequests(string text, Role role, string email, string scope)
    {
        var assign = Assert.IsType<AssignRoleCommand>(RoleCommandParser.Parse(text, AccessFixture.School, AccessFixture.Ids).Command);

        Assert.Equal((role, email, scope), (assign.Role, assign.Email, assign.Scope.ToStorage()));
    }

    [Fact]
    public void Parse_MentorOfOneStudent_StoresTheStudentIdNotTheLeerlingnummer()
    {
        var assign = Assert.IsType<AssignRoleCommand>(RoleCommandParser.Parse("rol toekennen mentor max@school.nl leerling 100017", AccessFixture.School, AccessFixture.Ids).Command);

        Assert.Equal(RoleScope.Student(AccessFixture.Ids.For(new SchoolId(AccessFixture.School), "100017").Value), assign.Scope);
    }

    [Theory]
    [InlineData("rol toekennen koning max@school.nl", "'koning' is geen rol.")]
    [InlineData("rol toekennen mentor max-at-school 2b", "'max-at-school' is geen geldig e-mailadres.")]
    [InlineData("rol toekennen mentor max@school.nl", "Geef bij mentor de klas ('klas 2b') of de leerling ('leerling 123456').")]
    [InlineData("rol toekennen leerplichtambtenaar l@rbl.nl", "Geef bij leerplichtambtenaar de gemeenten, bijvoorbeeld 'gemeenten Utrecht, Stichtse Vecht'.")]
    [InlineData("rol toekennen receptie r@school.nl 2b", "De rol receptie geldt voor de hele organisatie; laat '2b' weg.")]
    [InlineData("rol weggeven mentor max@school.nl 2b", "Gebruik:")]
    public void Parse_BadCommand_ExplainsInDutch(string text, string expectedStart)
    {
        var result = RoleCommandParser.Parse(text, AccessFixture.School, AccessFixture.Ids);

        Assert.False(result.IsSuccess);
        Assert.StartsWith(expectedStart, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ListAndRevoke()
    {
        Assert.Equal(new ListRolesCommand(null), RoleCommandParser.Parse("rollen", AccessFixture.School, AccessFixture.Ids).Command);
        Assert.Equal(new ListRolesCommand("max@school.nl"), RoleCommandParser.Parse("rollen Max@school.nl", AccessFixture.School, AccessFixture.Ids).Command);
        Assert.IsType<RevokeRoleCommand>(RoleCommandParser.Parse("rol intrekken mentor max@school.nl 2b", AccessFixture.School, AccessFixture.Ids).Command);
    }

    [Fact]
    public async Task FirstContact_LinksByUpn_AndTheAssignedRoleWorksUntilRevoked()
    {
        var beheerder = await LinkAndResolveAsync(BeheerderUser);
        Assert.Contains(beheerder.Grants, g => g.Role == Role.Beheerder && g.OrganisationId == AccessFixture.School);

        var unknown = await _fixture.IdentityService.LinkOnFirstContactAsync(Max);
        Assert.Equal(("linked-no-roles", "max@school.example.nl"), (unknown.LogCode, unknown.Email));

        var assigned = await _fixture.RoleService.ExecuteAsync(beheerder, AccessFixture.School, Command("rol toekennen mentor max@school.example.nl 2b"));
        Assert.True(assigned.Succeeded, assigned.Text);
        Assert.Equal("max@school.example.nl heeft nu de rol mentor (klas 2b) bij Demoschool.", assigned.Text);

        var student = new StudentContext(AccessFixture.School, "s-1", "2b", "Utrecht");
        var max = (await _fixture.IdentityService.ResolveActorAsync(Max.TenantId, Max.AadObjectId))!;
        Assert.True(AccessPolicy.Decide(max, AccessAction.AnswerMentorCard, student, _fixture.Time.GetUtcNow()).IsAllowed);

        _fixture.Time.Advance(TimeSpan.FromHours(1));
        var revoked = await _fixture.RoleService.ExecuteAsync(beheerder, AccessFixture.School, Command("rol intrekken mentor max@school.example.nl 2b"));
        Assert.True(revoked.Succeeded, revoked.Text);

        var maxAfter = (await _fixture.IdentityService.ResolveActorAsync(Max.TenantId, Max.AadObjectId))!;
        Assert.Equal("denied-no-role", AccessPolicy.Decide(maxAfter, AccessAction.AnswerMentorCard, student, _fixture.Time.GetUtcNow()).LogCode);

        var trail = await _fixture.AuditStore.ListForSchoolAsync(AccessFixture.School, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal(["rol-toegekend", "rol-ingetrokken"], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal(AccessFixture.Beheerder, e.ActorId));
        Assert.Equal(_fixture.Time.GetUtcNow(), trail[^1].OccurredAt);
    }

    [Fact]
    public async Task Execute_ByNonBeheerder_RefusedAndNothingChanges()
    {
        var beheerder = await LinkAndResolveAsync(BeheerderUser);
        await _fixture.RoleService.ExecuteAsync(beheerder, AccessFixture.School, Command("rol toekennen zorgcoordinator max@school.example.nl"));
        var max = await LinkAndResolveAsync(Max);

        var result = await _fixture.RoleService.ExecuteAsync(max, AccessFixture.School, Command("rol toekennen beheerder max@school.example.nl"));

        Assert.False(result.Succeeded);
        Assert.Equal("Dit mag alleen een beheerder van 12AB00.", result.Text);
        Assert.DoesNotContain(await _fixture.Roster.ListRolesOfUserAsync(AccessFixture.School, "max@school.example.nl"), a => a.Role == nameof(Role.Beheerder));
    }

    [Fact]
    public async Task Execute_RoleThatDoesNotFitTheOrganisation_Refused()
    {
        var beheerder = await LinkAndResolveAsync(BeheerderUser);

        var result = await _fixture.RoleService.ExecuteAsync(beheerder, AccessFixture.School, Command("rol toekennen jeugdarts j@ggd.example.nl scholen 12AB00"));

        Assert.False(result.Succeeded);
        Assert.Empty(await _fixture.Roster.ListRoleAssignmentsAsync(AccessFixture.School));
    }

    [Fact]
    public async Task Execute_AssignTwiceAndList_OneRowAndDutchLines()
    {
        var beheerder = await LinkAndResolveAsync(BeheerderUser);
        await _fixture.RoleService.ExecuteAsync(beheerder, AccessFixture.School, Command("rol toekennen mentor max@school.example.nl 2b"));

        var again = await _fixture.RoleService.ExecuteAsync(beheerder, AccessFixture.School, Command("rol toekennen mentor max@school.example.nl 2b"));
        var list = await _fixture.RoleService.ExecuteAsync(beheerder, AccessFixture.School, Command("rollen"));

        Assert.Contains("had de rol mentor (klas 2b) al; niets gewijzigd", again.Text, StringComparison.Ordinal);
        Assert.Single(await _fixture.Roster.ListRoleAssignmentsAsync(AccessFixture.School));
        Assert.Equal(
            ["Rollen bij Demoschool:", $"- {AccessFixture.Beheerder}: beheerder (hele organisatie, uit de configuratie)", "- max@school.example.nl: mentor (klas 2b), sinds 23-11-2026"],
            list.Lines);
    }

    [Fact]
    public async Task ResolveActor_UserOfAnotherTenant_GetsNoGrantsOfThisSchool()
    {
        var beheerder = await LinkAndResolveAsync(BeheerderUser);
        await _fixture.RoleService.ExecuteAsync(beheerder, AccessFixture.School, Command("rol toekennen zorgcoordinator arts@ggd.example.nl"));

        // The same e-mail address arriving from the GGD tenant: only GGD grants count.
        var fromGgd = await LinkAndResolveAsync(new TeamsUser(AccessFixture.GgdTenant, "aad-arts", "arts@ggd.example.nl", null));

        Assert.Empty(fromGgd.Grants);
        Assert.Null(await _fixture.IdentityService.ResolveActorAsync("tenant-unknown", "aad-arts"));
        Assert.Equal("tenant-not-allowed", (await _fixture.IdentityService.LinkOnFirstContactAsync(new TeamsUser("tenant-unknown", "x", "a@b.nl", null))).LogCode);
    }

    [Fact]
    public async Task LinkOnFirstContact_WithoutUpn_RefusedInDutch()
    {
        var result = await _fixture.IdentityService.LinkOnFirstContactAsync(new TeamsUser(AccessFixture.SchoolTenant, "aad-x", null, "Naam"));

        Assert.False(result.IsLinked);
        Assert.StartsWith("Je Teams-account heeft geen bruikbaar e-mailadres", result.Message, StringComparison.Ordinal);
    }

    private static RoleCommand Command(string text) => RoleCommandParser.Parse(text, AccessFixture.School, AccessFixture.Ids).Command!;

    private async Task<AccessActor> LinkAndResolveAsync(TeamsUser user)
    {
        await _fixture.IdentityService.LinkOnFirstContactAsync(user);
        return (await _fixture.IdentityService.ResolveActorAsync(user.TenantId, user.AadObjectId))!;
    }
}
