using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using VerzuimBot.AbsenceImport.Nightly;
using VerzuimBot.Hosting.Startup;
using VerzuimBot.Infra.Tests.Infrastructure;

namespace VerzuimBot.Infra.Tests;

// The nightly absence import (issue 22) from the template: schools[].absenceImport becomes
// Schools:Items:<BRIN>:AbsenceImport:Nightly with only the fields given, absenceImportNightlyAt becomes AbsenceImport:NightlyAt
// only when set, and the host reads what the template writes: its start-up check finds nothing wrong and
// NightlyImportSettings finds each school's folder. Evaluated offline by "bicep snapshot" on parameters of our own.
public sealed class NightlyImportTemplateTests(NightlyImportTemplateTests.Deployment deployment) : IClassFixture<NightlyImportTemplateTests.Deployment>
{
    private const string SiteA = "schoola.sharepoint.com,11111111-1111-1111-1111-111111111111,22222222-2222-2222-2222-222222222222";
    private const string SiteB = "schoolb.sharepoint.com,33333333-3333-3333-3333-333333333333,44444444-4444-4444-4444-444444444444";

    /// <summary>Three schools: one with every field, one with only the two required ones (and an empty driveId), one without the import.</summary>
    public sealed class Deployment() : DeploymentSnapshot($$"""
        using 'main.bicep'

        param resourceBaseName = 'verzuimbot-nacht'
        param absenceImportNightlyAt = '03:15'
        param organisations = [
          {
            id: '12AB00'
            kind: 'School'
            name: 'School A'
            tenantIds: [
              '00000000-0000-0000-0000-000000000000'
            ]
            beheerders: [
              'ict@schoola.nl'
            ]
          }
        ]
        param schools = [
          {
            brin: '12AB00'
            absenceImport: {
              siteId: '{{SiteA}}'
              folder: 'Absenties/Nachtimport'
              driveId: 'b!bibliotheek-a'
              mapping: 'somtoday'
            }
          }
          {
            brin: '34CD00'
            absenceImport: {
              siteId: '{{SiteB}}'
              folder: 'Export'
              driveId: ''
            }
          }
          {
            brin: '56EF00'
            profile: 'po-vo-verzuimschema'
          }
        ]
        """);

    [Fact]
    public void Snapshot_EvaluatesWithoutADiagnostic() => deployment.AssertEvaluatedCleanly();

    [Fact]
    public void EachSchool_GetsExactlyTheNightlySettingsItGives_NothingForAnEmptyField()
    {
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Schools__Items__12AB00__AbsenceImport__Nightly__SiteId"] = SiteA,
                ["Schools__Items__12AB00__AbsenceImport__Nightly__Folder"] = "Absenties/Nachtimport",
                ["Schools__Items__12AB00__AbsenceImport__Nightly__DriveId"] = "b!bibliotheek-a",
                ["Schools__Items__12AB00__AbsenceImport__Nightly__Mapping"] = "somtoday",
                ["Schools__Items__34CD00__AbsenceImport__Nightly__SiteId"] = SiteB,
                ["Schools__Items__34CD00__AbsenceImport__Nightly__Folder"] = "Export",
            },
            deployment.AppSettingsStartingWith("Schools__Items__").Where(s => s.Key.Contains("__AbsenceImport__", StringComparison.Ordinal)).ToDictionary());
    }

    [Fact]
    public void ASchoolWithoutAbsenceImport_GetsNoNightlySetting()
    {
        Assert.Equal(new Dictionary<string, string> { ["Schools__Items__56EF00__Profile"] = "po-vo-verzuimschema" }, deployment.AppSettingsStartingWith("Schools__Items__56EF00__"));
    }

    [Fact]
    public void TheRunTime_IsWrittenOnce_WhenGiven()
    {
        // Not given (infra/example.bicepparam): ExampleDeploymentTests.NightlyImport_OnlyForTheSchoolThatNamesItsFolder_AtTheHostsDefaultTime.
        Assert.Equal(KeyValuePair.Create("AbsenceImport__NightlyAt", "03:15"), Assert.Single(deployment.AppSettings, s => s.Key.StartsWith("AbsenceImport__", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheHost_PassesItsStartupCheck_AndReadsEachSchoolsFolder()
    {
        var configuration = DeploymentSnapshot.HostConfiguration(deployment.AppSettings);
        Assert.Empty(NightlyImportProblems(configuration));

        var settings = NightlyImportSettings.From(configuration, defaultMapping: "magister");
        Assert.Equal(new TimeOnly(3, 15), settings.RunAt);
        Assert.Equal(
            [
                new NightlyImportFolder("12AB00", SiteA, "b!bibliotheek-a", "Absenties/Nachtimport", "somtoday"),
                new NightlyImportFolder("34CD00", SiteB, null, "Export", "magister"),
            ],
            settings.Folders.OrderBy(f => f.SchoolId, StringComparer.Ordinal));
    }

    [Fact]
    public void TheHostsCheck_WouldRefuseASchoolWithoutItsSite()
    {
        // The check above is not vacuous: the same settings without one school's SiteId stop the host, naming the section.
        var configuration = DeploymentSnapshot.HostConfiguration(deployment.AppSettings.Where(s => s.Key != "Schools__Items__34CD00__AbsenceImport__Nightly__SiteId"));
        var problem = Assert.Single(NightlyImportProblems(configuration));
        Assert.StartsWith("  - Schools:Items:34CD00:AbsenceImport:Nightly (environment variable Schools__Items__34CD00__AbsenceImport__Nightly): SiteId missing", problem, StringComparison.Ordinal);
    }

    /// <summary>
    /// The host's start-up problems (ProductionConfiguration, the check that stops the process) about the schools and the
    /// nightly import. The others are left out: settings such as Bot:MicrosoftAppId are ARM expressions here, resolved
    /// only by a real deployment.
    /// </summary>
    internal static IReadOnlyList<string> NightlyImportProblems(IConfiguration configuration) =>
        ProductionConfiguration.Problems(configuration, new HostingEnvironment { EnvironmentName = "Production" })
            .Where(p => p.StartsWith("  - Schools", StringComparison.Ordinal) || p.StartsWith("  - AbsenceImport", StringComparison.Ordinal))
            .ToList();
}
