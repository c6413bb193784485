using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.Digest;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Tests.Infrastructure;
using VerzuimBot.Tests.SickRoute;

namespace VerzuimBot.Tests.Digest;

/// <summary>
/// The SWV digest judges age from the roster as the protocol does (004: a thuiszitter is leerplichtig, or 16-17 and
/// kwalificatieplichtig; 002 Bijlage 1: "Boven 18 jaar is de jongere zelf verantwoordelijk"), so it reports no leerplicht
/// step as overdue that the rules never ask for. Before, it computed every dossier without the birth date.
/// </summary>
public sealed class DigestAgeTests
{
    // Monday 7 December 2026, 10:00: Emma has been sick since Monday 2 November, 25 school days (region midden, no holiday between).
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(2008, 9, 3, 0)] // 18 since 3 Sep 2026: no judgement "thuiszitter volgens de definitie?", so nothing overdue
    [InlineData(2011, 5, 1, 1)] // 15: leerplichtig, the judgement was due after 4 weeks and is missing
    public async Task FourWeeksSick_TheLeerplichtJudgementIsOverdueOnlyForALeerplichtigeStudent(int year, int month, int day, int overdue)
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.FromHours(1)));
        await route.SetRosterFactsAsync("124001", new DateOnly(year, month, day));
        var emma = route.StudentIdOf("124001");
        var receptie = new Actor(new StaffId("rita.receptie@demoschool.example.nl"), Role.Receptie);
        await route.App.Services.GetRequiredService<DossierService>().RecordAsync(
            "99DE00", emma, new ZiekmeldingRecorded(new EventId("e-emma-1"), new DateTimeOffset(2026, 11, 2, 8, 5, 0, TimeSpan.FromHours(1)), receptie, new DateOnly(2026, 11, 2), null, false));
        await route.SetClockAsync(Monday);

        var digest = await route.App.Services.GetRequiredService<DigestQuery>().ComputeAsync(["99DE00"], Monday, Monday.AddDays(-7));

        Assert.Equal(overdue, digest.Total.Overdue[OverdueStep.OordeelLeerplicht]);
        var live = await route.App.Services.GetRequiredService<DossierService>().ReadAsync("99DE00", emma);
        Assert.Equal(overdue == 1, route.App.Services.GetRequiredService<VerzuimBot.Protocol.Schools.SchoolProtocols>().For("99DE00").Engine
            .Evaluate(live, Monday).Any(t => t.Kind == VerzuimBot.Domain.Rules.TaskKind.LeerplichtJudgement));
    }
}
