using VerzuimBot.Protocol.Dossiers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Access.Cli;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol;
using VerzuimBot.Storage;
using VerzuimBot.Tests.Infrastructure;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Beheer;

// issue 19 item 5: a student id is a keyed pseudonym (Privacy:PseudonymKey), not a hash anyone can compute from BRIN and
// leerlingnummer; outside Development the host does not start without the key; data of earlier versions is migrated.
public sealed class StudentPseudonymTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

    /// <summary>What an attacker computes from a school's BRIN and a leerlingnummer (the ids of earlier versions).</summary>
    private static string Computable(string school, string leerlingnummer) =>
        "s-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{school}|{leerlingnummer}")))[..20];

    [Fact]
    public async Task StudentId_IsNotTheHashAnyoneCanComputeFromBrinAndLeerlingnummer()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(Monday);
        await route.EveryoneSaysHelloAsync(Rita);
        var roster = route.App.Services.GetRequiredService<RosterStore>();

        Assert.Null(await roster.FindStudentAsync("99DE00", Computable("99DE00", "123456")));
        Assert.Contains(await route.SayAsync(Rita, "ziek 123456"), t => t.StartsWith("Daan de Vries (2b). Wanneer denkt u", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfiguredPseudonymKey_IsTheKeyOfTheHmac()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3)).ToArray();
        await using var route = new RouteHarness(new() { ["Privacy:PseudonymKey"] = Convert.ToBase64String(key) });
        await route.SetClockAsync(Monday);
        await route.EveryoneSaysHelloAsync(Rita);
        var keyed = "s-" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("99DE00|123456")))[..20];

        Assert.NotNull(await route.App.Services.GetRequiredService<RosterStore>().FindStudentAsync("99DE00", keyed));
        Assert.Contains(await route.SayAsync(Rita, "ziek 123456"), t => t.StartsWith("Daan de Vries (2b). Wanneer denkt u", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "is not configured")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", "needs at least 32")]
    [InlineData("geen base64!", "not valid base64")]
    public void OutsideDevelopment_WithoutAUsablePseudonymKey_TheHostRefusesToStart(string configured, string problem)
    {
        // The start-up check the host runs before it builds (Program.cs; the process exit itself: StartupConfigurationTests).
        var configuration = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(new Microsoft.Extensions.Configuration.ConfigurationBuilder(),
                new Dictionary<string, string?> { ["Privacy:PseudonymKey"] = configured }).Build();
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" };

        var problems = string.Join(Environment.NewLine, VerzuimBot.Hosting.Startup.ProductionConfiguration.Problems(configuration, environment));

        var line = Assert.Single(problems.Split(Environment.NewLine), l => l.Contains("Privacy:PseudonymKey", StringComparison.Ordinal));
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.DoesNotContain(configured.Length > 0 ? configured : "\u0000", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopment_WithoutAKey_TheHostStartsWithTheDevelopmentKey_AndSaysSo()
    {
        var logs = new CapturingLoggerProvider();
        await using var route = new RouteHarness(services: logs.AddTo);
        await route.SetClockAsync(Monday);

        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Privacy:PseudonymKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PseudonymsMigrate_ByTheCli_MovesAStudentOfAnEarlierVersion_SoEveryRouteFindsThemUnderTheKeyedId()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(Monday);
        await route.EveryoneSaysHelloAsync(Rita);
        var services = route.App.Services;
        var roster = services.GetRequiredService<RosterStore>();
        var keyed = route.StudentIdOf("123456").Value;
        var unkeyed = Computable("99DE00", "123456");

        // As an earlier version stored Daan: roster entry, dossier and due tasks under the computable id.
        var entry = (await roster.FindStudentAsync("99DE00", keyed))!;
        await roster.UpsertStudentAsync(entry with { StudentId = unkeyed });
        await roster.RemoveStudentAsync("99DE00", keyed);
        var rita = new Actor(new StaffId(Rita.Upn), Role.Receptie);
        var recorded = await services.GetRequiredService<DossierService>().RecordAsync("99DE00", new StudentId(unkeyed), new ZiekmeldingRecorded(new EventId("e-oud"), Monday, rita, new DateOnly(2026, 11, 23), null, false));
        var oldTask = recorded.Scheduled.First(t => t.Kind == VerzuimBot.Domain.Rules.TaskKind.MentorContactReminder).Id.Value;
        Assert.StartsWith(unkeyed, oldTask, StringComparison.Ordinal);
        var overleggen = services.GetRequiredService<VerzuimBot.Storage.OverlegStore>();
        await overleggen.SaveAsync(new VerzuimBot.Storage.OverlegRecord("99DE00", unkeyed, "o-1", "mdo", ["school"], Tenant, "19:overleg@thread.v2", BotApp.ServiceUrl, "28:bot", null, "ev-overleg-o-1", Monday), CancellationToken.None);

        var cli = services.GetRequiredService<BeheerCli>();
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(2, await cli.RunAsync(["pseudonyms", "migrate"], output, error, CancellationToken.None));
        Assert.Contains("--from-unkeyed", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await cli.RunAsync(["pseudonyms", "migrate", "--from-unkeyed"], output, error, CancellationToken.None));
        Assert.StartsWith("Pseudoniemen: 1 leerlingen hebben nu een gesleutelde id", output.ToString(), StringComparison.Ordinal);

        Assert.Null(await roster.FindStudentAsync("99DE00", unkeyed));
        Assert.Empty(await overleggen.ListAsync("99DE00", unkeyed, CancellationToken.None));
        Assert.Equal(keyed, Assert.Single(await overleggen.ListAsync("99DE00", keyed, CancellationToken.None)).StudentId);
        Assert.Contains((await route.DaanAsync()).Events, e => e.Id.Value == "e-oud");
        var tasks = services.GetRequiredService<TaskStore>();
        Assert.Null(await tasks.GetAsync("99DE00", unkeyed, oldTask));
        Assert.Equal(keyed, (await tasks.GetAsync("99DE00", keyed, keyed + oldTask[unkeyed.Length..]))!.Definition.StudentId);
        Assert.Contains(await route.SayAsync(Rita, "beter 123456"), t => t.Contains("Daan de Vries", StringComparison.Ordinal));
        Assert.Contains((await route.DaanAsync()).Events, e => e is BeterMeldingRecorded);
    }
}
