using VerzuimBot.AbsenceImport.Nightly;
using VerzuimBot.Infra.Tests.Infrastructure;

namespace VerzuimBot.Infra.Tests;

// infra/example.bicepparam (an SWV, its kernpartners and two schools) evaluated offline with "bicep snapshot": the app
// settings a deployment would really write, so the template's lambdas are proven to produce the keys the host reads
// (Tenants:Organisations[] with the kernpartner service areas, Schools:Items:<BRIN> with the issue 20 calendar and the
// nightly absence import) and nothing for fields that are not given.
public sealed class ExampleDeploymentTests(DeploymentSnapshot snapshot) : IClassFixture<DeploymentSnapshot>
{
    [Fact]
    public void Snapshot_EvaluatesWithoutADiagnostic() => snapshot.AssertEvaluatedCleanly();

    [Fact]
    public void Organisations_BecomeTenantsOrganisations_WithTheKernpartnerServiceAreas()
    {
        var settings = snapshot.AppSettingsStartingWith("Tenants__Organisations__");

        // A kernpartner: the schools or gemeenten it serves; a school: its SharePoint tenant and the kernpartners it works with.
        Assert.Equal("SWV-2801", settings["Tenants__Organisations__0__Id"]);
        Assert.Equal("Swv", settings["Tenants__Organisations__0__Kind"]);
        Assert.Equal(["12AB00", "34CD00"], Indexed(settings, "Tenants__Organisations__0__Scholen__"));
        Assert.Equal(["Voorbeeldstad", "Dorpsveen"], Indexed(settings, "Tenants__Organisations__1__Gemeenten__"));
        Assert.Equal("12AB00", settings["Tenants__Organisations__3__Id"]);
        Assert.Equal("voorbeeldcollege", settings["Tenants__Organisations__3__SharePointTenant"]);
        Assert.Equal(["SWV-2801", "RBL-VOORBEELD", "GGD-VOORBEELD"], Indexed(settings, "Tenants__Organisations__3__Kernpartners__"));
        Assert.Equal(["00000000-0000-0000-0000-000000000000"], Indexed(settings, "Tenants__Organisations__3__TenantIds__"));
        Assert.Equal(["ict@voorbeeldcollege.nl"], Indexed(settings, "Tenants__Organisations__3__Beheerders__"));

        // Fields an organisation does not have are not written at all (an empty SharePointTenant would still be a value).
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("Tenants__Organisations__0__SharePointTenant", StringComparison.Ordinal) || k.StartsWith("Tenants__Organisations__0__Kernpartners", StringComparison.Ordinal) || k.StartsWith("Tenants__Organisations__3__Scholen", StringComparison.Ordinal));
        Assert.Equal(5, settings.Keys.Count(k => k.EndsWith("__Id", StringComparison.Ordinal)));
    }

    [Fact]
    public void Schools_BecomeSchoolsItems_WithProfileRegionStudyDaysOwnHolidaysAndTheNightlyImport()
    {
        var settings = snapshot.AppSettingsStartingWith("Schools__");
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Schools__DefaultProfile"] = "utrecht-west-vo",
                ["Schools__DefaultHolidayRegion"] = "midden",
                ["Schools__Items__12AB00__AbsenceImport__Nightly__SiteId"] = "voorbeeldcollege.sharepoint.com,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000",
                ["Schools__Items__12AB00__AbsenceImport__Nightly__Folder"] = "Absenties/Nachtimport",
                ["Schools__Items__12AB00__AbsenceImport__Nightly__Mapping"] = "magister",
                ["Schools__Items__34CD00__Profile"] = "po-vo-verzuimschema",
                ["Schools__Items__34CD00__HolidayRegion"] = "zuid",
                ["Schools__Items__34CD00__StudyDays__0"] = "2027-03-10",
                ["Schools__Items__34CD00__Holidays__0__Name"] = "Voorjaarsvakantie",
                ["Schools__Items__34CD00__Holidays__0__First"] = "2027-02-06",
                ["Schools__Items__34CD00__Holidays__0__Last"] = "2027-02-14",
            },
            settings);
    }

    [Fact]
    public void NightlyImport_OnlyForTheSchoolThatNamesItsFolder_AtTheHostsDefaultTime()
    {
        // No absenceImportNightlyAt in the example: no AbsenceImport__NightlyAt, so the host's default (02:30) holds.
        Assert.Empty(snapshot.AppSettingsStartingWith("AbsenceImport__"));

        var configuration = DeploymentSnapshot.HostConfiguration(snapshot.AppSettings);
        Assert.Empty(NightlyImportTemplateTests.NightlyImportProblems(configuration));
        var settings = NightlyImportSettings.From(configuration, defaultMapping: "somtoday");
        Assert.Equal(new TimeOnly(2, 30), settings.RunAt);
        Assert.Equal(
            new NightlyImportFolder("12AB00", "voorbeeldcollege.sharepoint.com,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000", null, "Absenties/Nachtimport", "magister"),
            Assert.Single(settings.Folders));
    }

    [Fact]
    public void EverySettingName_IsWrittenOnce_AndThePseudonymKeyIsOnlyAReference()
    {
        var names = snapshot.AppSettings.Select(s => s.Key).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(
            "[reference(resourceId(subscription().subscriptionId, resourceGroup().name, 'Microsoft.Resources/deployments', 'pseudonymkey'), '2025-04-01').outputs.keyReference.value]",
            Assert.Single(snapshot.AppSettings, s => s.Key == "Privacy__PseudonymKey").Value);
        Assert.DoesNotContain(snapshot.Resources, r => r["type"]!.GetValue<string>() == "Microsoft.KeyVault/vaults/secrets");
    }

    private static List<string> Indexed(Dictionary<string, string> settings, string prefix) =>
        Enumerable.Range(0, 100).Select(j => settings.GetValueOrDefault(prefix + j)).TakeWhile(v => v is not null).Select(v => v!).ToList();
}
