using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Development;
using VerzuimBot.Tasks;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.SickRoute;

// issue 6 item 7: reminders are claimed exactly once across instances, and a failed send is retried later, never dropped.
public sealed class ReminderSchedulerTests
{
    private static readonly DateTimeOffset Friday = new(2026, 10, 9, 8, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset TuesdayReminder = new(2026, 10, 13, 8, 30, 0, TimeSpan.FromHours(2));

    private static async Task<RouteHarness> DaanIsSickAsync()
    {
        var route = new RouteHarness();
        await route.SetClockAsync(Friday);
        await route.EveryoneSaysHelloAsync(Rita, Max, Zora);
        foreach (var answer in new[] { "ziek 123456", "weet ik niet", "ja", "ja" })
        {
            await route.SayAsync(Rita, answer);
        }

        await route.WaitForCardAsync(Max, "Ziekmelding van je mentorleerling");
        return route;
    }

    [Fact]
    public async Task TwoInstancesSweepingTheSameStore_SendEachReminderOnce()
    {
        await using var route = await DaanIsSickAsync();
        var services = route.App.Services;
        ((DevelopmentClock)services.GetRequiredService<TimeProvider>()).SetNow(TuesdayReminder);

        // A second sweeper with its own instance id, as another host would have, on the same store.
        var first = services.GetRequiredService<ReminderSweeper>();
        var second = ActivatorUtilities.CreateInstance<ReminderSweeper>(services);
        var delivered = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? first : second).SweepAsync(CancellationToken.None)));

        Assert.Equal(1, delivered.Sum());
        Assert.Equal(1, route.CountCards(Max, "Neem contact op"));
    }

    [Fact]
    public async Task ASendThatFails_IsRetriedLater_AndArrivesOnce()
    {
        await using var route = await DaanIsSickAsync();
        route.App.Connector.FailActivities = true;
        await route.SetClockAsync(TuesdayReminder);
        Assert.True(route.App.Connector.FailedPosts >= 1);
        Assert.Equal(0, route.CountCards(Max, "Neem contact op"));

        // Teams is back; the reminder was put back for a minute later, not dropped.
        route.App.Connector.FailActivities = false;
        await route.SetClockAsync(TuesdayReminder.AddSeconds(30));
        Assert.Equal(0, route.CountCards(Max, "Neem contact op"));
        await route.SetClockAsync(TuesdayReminder.AddMinutes(2));
        await route.WaitForCardAsync(Max, "Neem contact op");
        await route.SetClockAsync(TuesdayReminder.AddMinutes(10));
        Assert.Equal(1, route.CountCards(Max, "Neem contact op"));
    }
}
