using VerzuimBot.Access.Tenants;

namespace VerzuimBot.Access.Tests;

// issue 7 item 3: tenant allow-list.
public sealed class TenantPolicyTests
{
    private readonly TenantPolicy _policy = new AccessFixture().Tenants;

    [Fact]
    public void Check_TenantOfASchool_AllowedAndMappedToTheSchool()
    {
        var check = _policy.Check(AccessFixture.SchoolTenant);

        Assert.True(check.IsAllowed);
        Assert.Equal([AccessFixture.School], check.Organisations.Select(o => o.Id));
    }

    [Fact]
    public void Check_TenantOfAKernpartner_AllowedAndMappedToThatOrganisation()
    {
        var organisation = Assert.Single(_policy.Check(AccessFixture.GgdTenant).Organisations);

        Assert.Equal((OrganisationKind.Jeugdgezondheidszorg, "ggd-utrecht"), (organisation.Kind, organisation.Id));
    }

    [Theory]
    [InlineData("tenant-unknown", "tenant-not-allowed")]
    [InlineData("", "tenant-missing")]
    [InlineData(null, "tenant-missing")]
    public void Check_UnknownOrMissingTenant_RefusedPolitelyInDutchWithLogSafeReason(string? tenant, string reason)
    {
        var check = _policy.Check(tenant);

        Assert.False(check.IsAllowed);
        Assert.Empty(check.Organisations);
        Assert.Equal(reason, check.LogReason);
        Assert.StartsWith("Sorry, VerzuimBot is niet beschikbaar voor jouw organisatie.", check.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateOrganisation_Refused()
    {
        var options = new TenantAllowListOptions { Organisations = [new() { Id = "A", TenantIds = ["t"] }, new() { Id = "a", TenantIds = ["u"] }] };

        Assert.Throws<ArgumentException>(() => new TenantPolicy(options));
    }

    [Fact]
    public void Check_TenantHostingTwoSchools_MapsToBoth()
    {
        var policy = new TenantPolicy(new TenantAllowListOptions { Organisations = [new() { Id = "A", TenantIds = ["board"] }, new() { Id = "B", TenantIds = ["BOARD"] }] });

        Assert.Equal(["A", "B"], policy.Check("board").Organisations.Select(o => o.Id));
    }

    // issue 19 item 10: a school's own SharePoint tenant is one name; nothing in it can widen the hosts a roster may come from.
    [Fact]
    public void SharePointTenant_GivesOnlyThatTenantsSharePointAndOneDriveHosts()
    {
        var policy = new TenantPolicy(new TenantAllowListOptions { Organisations = [new() { Id = "A", TenantIds = ["t"], SharePointTenant = "DemoSchool" }] });

        Assert.Equal(["demoschool.sharepoint.com", "demoschool-my.sharepoint.com"], policy.FindOrganisation("A")!.SharePointHosts);
    }

    [Theory]
    [InlineData("*")]
    [InlineData(".sharepoint.com")]
    [InlineData("evil.example/x")]
    [InlineData("demoschool.sharepoint.com")]
    [InlineData("-demo")]
    public void SharePointTenant_ThatIsNotOneTenantName_IsAConfigurationError(string configured)
    {
        var options = new TenantAllowListOptions { Organisations = [new() { Id = "A", TenantIds = ["t"], SharePointTenant = configured }] };

        Assert.Throws<ArgumentException>(() => new TenantPolicy(options));
    }

    // issue 19 item 4: both sides of a kernpartner's bounds come from the configuration.
    [Fact]
    public void ServiceArea_OfAKernpartner_IsItsOwnListsAndTheSchoolsThatNameIt()
    {
        var area = _policy.FindOrganisation("ggd-utrecht")!.Area!;

        Assert.Equal([AccessFixture.School, AccessFixture.OtherSchool], area.Scholen);
        Assert.Equal([AccessFixture.School], area.PartnerSchools);
        Assert.Null(_policy.FindOrganisation(AccessFixture.School)!.Area);
        Assert.Equal(["ggd-utrecht", "rbl-utrecht"], _policy.FindOrganisation(AccessFixture.School)!.Kernpartners);
    }

    [Fact]
    public void Kernpartners_NamingAnUnknownOrganisation_IsAConfigurationError()
    {
        var options = new TenantAllowListOptions { Organisations = [new() { Id = "A", TenantIds = ["t"], Kernpartners = ["GGD-TYPO"] }] };

        Assert.Throws<ArgumentException>(() => new TenantPolicy(options));
    }
}
