using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Access.Cli;
using VerzuimBot.Access.Retention;
using VerzuimBot.Storage;
using VerzuimBot.Tables;
using VerzuimBot.Tests.Infrastructure;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Beheer;

// issue 19 item 8, with the clock moved: each school's own bewaartermijn, and abandoned dialogs (they hold a child's
// name) expire after a day of inactivity and go on erasure and with the retention run.
public sealed class RetentionInTheHostTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task ClosedCase_OfASchoolWhoseProfileKeepsTwelveMonths_IsAnonymisedAfterTwelveMonths()
    {
        using var profile = OwnProfile.Write("utrecht-west-vo", "kort-bewaren", source => source["bewaartermijnMaanden"] = 12);
        await using var route = new RouteHarness(profile.ForDemoSchool);
        await route.SetClockAsync(Monday);
        var dossiers = route.App.Services.GetRequiredService<DossierStore>();
        await dossiers.AppendAsync("99DE00", "s-gesloten", 0, [new DossierEvent("e-1", new StoredEnvelope("ziekmelding", "{}"), Monday)], DossierStatus.Closed);
        var job = route.App.Services.GetRequiredService<RetentionJob>();

        await route.SetClockAsync(Monday.AddMonths(11));
        Assert.Equal(0, (await job.RunAsync()).Anonymised);
        Assert.Single((await dossiers.ReadAsync("99DE00", "s-gesloten")).Events);

        await route.SetClockAsync(Monday.AddMonths(12).AddDays(1));
        Assert.Equal(1, (await job.RunAsync()).Anonymised);
        Assert.Empty((await dossiers.ReadAsync("99DE00", "s-gesloten")).Events);
        var trail = await route.App.Services.GetRequiredService<VerzuimBot.Access.Audit.AuditTrail>().StudentTrailAsync("99DE00", "s-gesloten");
        Assert.Contains(trail, line => line.Contains("bewaartermijn van 12 maanden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClosedCase_OfASchoolNoLongerConfigured_IsAnonymisedToo()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(Monday);
        var dossiers = route.App.Services.GetRequiredService<DossierStore>();
        await dossiers.AppendAsync("77XX00", "s-elders", 0, [new DossierEvent("e-1", new StoredEnvelope("ziekmelding", "{}"), Monday)], DossierStatus.Closed);

        await route.SetClockAsync(Monday.AddMonths(24).AddDays(1));
        Assert.Equal(1, (await route.App.Services.GetRequiredService<RetentionJob>().RunAsync()).Anonymised);
        Assert.Empty((await dossiers.ReadAsync("77XX00", "s-elders")).Events);
    }

    [Fact]
    public async Task AbandonedZiekmelding_AfterADayWithoutAnswer_IsGone_AndTheNextMessageStartsAfresh()
    {
        await using var route = await ZiekmeldingHalfWayAsync();

        await route.SetClockAsync(Monday.AddHours(25));
        var later = await route.SayAsync(Rita, "weet ik niet");

        Assert.DoesNotContain(later, t => t.Contains("contact opnemen met de mentor", StringComparison.Ordinal));
        Assert.DoesNotContain("Daan", await DialogStatesTextAsync(route), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbandonedZiekmelding_IsRemovedByTheRetentionRun_WithoutAnyoneTypingAgain()
    {
        await using var route = await ZiekmeldingHalfWayAsync();
        var job = route.App.Services.GetRequiredService<RetentionJob>();

        await route.SetClockAsync(Monday.AddHours(23));
        await job.RunAsync();
        Assert.Contains("Daan de Vries", await DialogStatesTextAsync(route), StringComparison.Ordinal);

        await route.SetClockAsync(Monday.AddHours(25));
        await job.RunAsync();
        Assert.DoesNotContain("Daan", await DialogStatesTextAsync(route), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteOnRequest_RemovesTheDialogStatesThatHoldTheStudent()
    {
        await using var route = await ZiekmeldingHalfWayAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await route.App.Services.GetRequiredService<BeheerCli>().RunAsync(["delete", "123456", "--school", "99DE00", "--confirm"], output, error, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.DoesNotContain("Daan", await DialogStatesTextAsync(route), StringComparison.Ordinal);
        Assert.Contains(await route.SayAsync(Rita, "weet ik niet"), t => !t.Contains("contact opnemen met de mentor", StringComparison.Ordinal));
    }

    /// <summary>Rita began a ziekmelding for Daan on Monday and left it waiting for its next answer: the state holds his name.</summary>
    private static async Task<RouteHarness> ZiekmeldingHalfWayAsync()
    {
        var route = new RouteHarness();
        await route.SetClockAsync(Monday);
        await route.EveryoneSaysHelloAsync(Rita);
        Assert.Contains(await route.SayAsync(Rita, "ziek 123456"), t => t.StartsWith("Daan de Vries (2b). Wanneer denkt u", StringComparison.Ordinal));
        Assert.Contains("Daan de Vries", await DialogStatesTextAsync(route), StringComparison.Ordinal);
        return route;
    }

    /// <summary>Everything stored in the DialogStates table, as text.</summary>
    private static async Task<string> DialogStatesTextAsync(RouteHarness route)
    {
        var table = route.App.Services.GetRequiredService<ITableStoreFactory>().GetTable("DialogStates");
        await table.CreateIfNotExistsAsync();
        var text = new List<string>();
        await foreach (var row in table.QueryAsync(new TableQuery()))
        {
            text.AddRange(row.Properties.Values.OfType<string>());
        }

        return string.Join('\n', text);
    }
}
