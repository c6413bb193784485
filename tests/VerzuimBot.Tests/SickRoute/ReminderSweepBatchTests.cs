using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VerzuimBot.Development;
using VerzuimBot.Storage;
using VerzuimBot.Tables;
using VerzuimBot.Tables.Instrumentation;
using VerzuimBot.Tasks;
using VerzuimBot.Tests.UnauthorisedRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.SickRoute;

/// <summary>
/// Issue 17, the reminder sweep: a mentor's morning of reminders costs a fixed number of store writes, not two per task, and
/// with two instances sweeping the same store each reminder still arrives exactly once. Thirty pupils of Max's class 2b are
/// reported sick on Friday 9 October 2026; 002 Bijlage 1 stap 1: the mentor's contact reminder of each falls due on the
/// second school day, Tuesday 13 October at 08:30 (one morning overview of thirty items, issue 21 item 3).
/// </summary>
public sealed class ReminderSweepBatchTests
{
    private const int Pupils = 30;
    private static readonly DateTimeOffset Friday = new(2026, 10, 9, 8, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset TuesdayReminder = new(2026, 10, 13, 8, 30, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task ThirtyRemindersForOneMentor_TakeOneClaimAndOneMarkTransaction_PlusReads()
    {
        await using var route = await ThirtyPupilsReportedSickAsync();
        var services = route.App.Services;
        var cards = route.CardsOf(Max).Count;

        int delivered;
        var sweep = TableCallCounter.Begin();
        using (sweep)
        {
            delivered = await services.GetRequiredService<ReminderSweeper>().SweepAsync(CancellationToken.None);
        }

        Assert.Equal(Pupils, delivered);
        AssertEachContactReminderOnce(route, cards);
        // One claim, one "delivered" (was a claim and a mark per task), and the school's due hints moved on in one.
        Assert.Equal(3, sweep.Count(TableOperation.Transaction));
        Assert.True(sweep.Writes <= 3, sweep.ToString());
        // Reads: the registry and the school's due hints; per pupil the roster entry, the dossier range and who holds the
        // mentor role; per message sent (the overview is split where one Teams message would be too large) the mentor's
        // identity, absence and conversation reference.
        var messages = route.CardsOf(Max).Count - cards;
        Assert.True(sweep.Reads <= 2 + (3 * Pupils) + (3 * messages), sweep.ToString());
        Assert.Empty(await services.GetRequiredService<TaskStore>().ListDueAsync(TuesdayReminder.AddDays(1).AddHours(-1)));
        // Moved on at once: the next sweep does not look at these thirty pupils again.
        Assert.Empty(await services.GetRequiredService<TaskStore>().ListDueStudentsAsync(TuesdayReminder.AddHours(1)));
    }

    [Fact] // 004 Verzuimschema, VO column: 9 hours in one go reach the rungs of 3, 6 and 9 hours, due together on Mon 2 Nov 2026 08:30.
    public async Task ThreeRungsOfOneStudentDueTogether_AreCheckedOnOneReadOfHisRosterEntryDossierAndVerzuimcoordinator()
    {
        await using var route = new RouteHarness(services: WithoutTheBackgroundSweep);
        await route.SetClockAsync(LadderHarness.At(LadderHarness.D(2026, 11, 2), 7, 45));
        await route.EveryoneSaysHelloAsync(Rita, Vera);
        await route.SayAsync(Rita, "9 uur ongeoorloofd Daan 2b");
        var services = route.App.Services;
        ((DevelopmentClock)services.GetRequiredService<TimeProvider>()).SetNow(LadderHarness.At(LadderHarness.D(2026, 11, 2), 8, 30));
        await services.GetRequiredService<ReminderSweeper>().SweepAsync(CancellationToken.None);

        var cards = route.CardsOf(Vera).Count;
        ((DevelopmentClock)services.GetRequiredService<TimeProvider>()).SetNow(LadderHarness.At(LadderHarness.D(2026, 11, 3), 8, 30));
        int delivered;
        var sweep = TableCallCounter.Begin();
        using (sweep)
        {
            delivered = await services.GetRequiredService<ReminderSweeper>().SweepAsync(CancellationToken.None);
        }

        // The three open rungs come again on Tuesday's overview (issue 21 item 3), checked on one read of each.
        Assert.Equal(3, delivered);
        Assert.Equal(cards + 1, route.CardsOf(Vera).Count);
        Assert.Equal(1, sweep.Calls.Count(c => c is ("Schools", TableOperation.Get))); // the roster entry
        // The registry, the school's due hints, the dossier range, the verzuimcoördinator role's range.
        Assert.Equal(4, sweep.Calls.Count(c => c is ("Schools", TableOperation.QueryPage)));
        Assert.Equal(3, sweep.Count(TableOperation.Transaction)); // claim, mark, the student's due hint moved on
    }

    [Fact]
    public async Task TwoInstancesSweepingAtOnce_WhenTheOtherClaimedFirst_FallBackToOneByOne_AndEachReminderArrivesOnce()
    {
        var race = new ClaimRace();
        await using var route = await ThirtyPupilsReportedSickAsync(race.Install);
        var services = route.App.Services;
        var cards = route.CardsOf(Max).Count;

        // Both instances list the same thirty tasks; just before this one's claim transaction the other sweeps them all, so
        // that transaction fails on a changed row and this one claims each task on its own: it wins none.
        var other = ActivatorUtilities.CreateInstance<ReminderSweeper>(services);
        var otherDelivered = 0;
        race.Arm(async () => otherDelivered = await other.SweepAsync(CancellationToken.None));
        var delivered = await ActivatorUtilities.CreateInstance<ReminderSweeper>(services).SweepAsync(CancellationToken.None);

        Assert.True(race.Fired);
        Assert.Equal((0, Pupils), (delivered, otherDelivered));
        AssertEachContactReminderOnce(route, cards);
    }

    [Fact]
    public async Task HalfTheTasksClaimedByAnInstanceThatThenCrashed_TheSweepWinsExactlyTheOtherHalf_AndTheRestArriveAfterTheLease()
    {
        var race = new ClaimRace();
        await using var route = await ThirtyPupilsReportedSickAsync(race.Install);
        var services = route.App.Services;
        var clock = (DevelopmentClock)services.GetRequiredService<TimeProvider>();
        var cards = route.CardsOf(Max).Count;
        var tasks = services.GetRequiredService<TaskStore>();

        // Between this sweep's listing and its claim, another instance claims half of the tasks and dies before sending.
        race.Arm(async () =>
        {
            var half = (await tasks.ListDueAsync(TuesdayReminder)).Take(Pupils / 2).ToList();
            Assert.All(await tasks.TryClaimManyAsync(half, "crashed-host", TuesdayReminder, TimeSpan.FromMinutes(2)), Assert.NotNull);
        });
        Assert.Equal(Pupils / 2, await ActivatorUtilities.CreateInstance<ReminderSweeper>(services).SweepAsync(CancellationToken.None));
        Assert.True(race.Fired);
        Assert.Equal(Pupils / 2, ContactRemindersSince(route, cards).Count);

        // Their lease runs out (counted from that claim): the next sweep sends the other half, nothing twice.
        clock.SetNow(TuesdayReminder.AddMinutes(1));
        Assert.Equal(0, await services.GetRequiredService<ReminderSweeper>().SweepAsync(CancellationToken.None));
        clock.SetNow(TuesdayReminder.AddMinutes(3));
        Assert.Equal(Pupils / 2, await services.GetRequiredService<ReminderSweeper>().SweepAsync(CancellationToken.None));
        AssertEachContactReminderOnce(route, cards);
    }

    [Fact]
    public async Task FourSweepsOfTwoInstancesRacing_DeliverEachReminderExactlyOnce()
    {
        await using var route = await ThirtyPupilsReportedSickAsync();
        var services = route.App.Services;
        var cards = route.CardsOf(Max).Count;

        var first = services.GetRequiredService<ReminderSweeper>();
        var second = ActivatorUtilities.CreateInstance<ReminderSweeper>(services);
        var delivered = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).SweepAsync(CancellationToken.None))));

        Assert.Equal(Pupils, delivered.Sum());
        AssertEachContactReminderOnce(route, cards);
    }

    /// <summary>
    /// Sweeps now, after the host's own sweep that may still run, and takes away the wake-ups the test's facts left for it:
    /// the next sweep is the test's, not one of the host's at a moment the test does not control.
    /// </summary>
    /// <summary>
    /// Only the tests sweep: the host's background sweep, woken by the setup's facts, could otherwise run after the clock
    /// has moved and send the reminders before the measured sweep does (it raced the ladder test once in CI).
    /// </summary>
    private static void WithoutTheBackgroundSweep(IServiceCollection services) =>
        services.Remove(services.Single(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationType == typeof(ReminderScheduler)));

    private static void AssertEachContactReminderOnce(RouteHarness route, int cards)
    {
        var reminders = ContactRemindersSince(route, cards);
        Assert.Equal(Pupils, reminders.Count);
        Assert.Equal(Pupils, reminders.Distinct().Count());
    }

    /// <summary>The contact reminders on the overviews Max received after his first <paramref name="cards"/> cards, one entry per item.</summary>
    private static List<string> ContactRemindersSince(RouteHarness route, int cards) =>
        [.. route.CardsOf(Max).Skip(cards).SelectMany(OverviewItems).Select(Plain).Where(item => item.Contains("Neem contact op", StringComparison.Ordinal))];

    /// <summary>Thirty extra pupils in Max's class 2b, each reported sick on Friday with the quick form (parents do not call the mentor); the clock then at Tuesday's reminder time.</summary>
    private static async Task<RouteHarness> ThirtyPupilsReportedSickAsync(Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < Pupils; i++)
        {
            var prefix = $"Demo:Students:{100 + i}:";
            settings[prefix + "Leerlingnummer"] = $"{300000 + i}";
            settings[prefix + "Roepnaam"] = "Pupil";
            settings[prefix + "Achternaam"] = $"Nummer{i:00}";
            settings[prefix + "Geboortedatum"] = "2013-04-01";
            settings[prefix + "Klas"] = "2b";
            settings[prefix + "MentorEmail"] = Max.Upn;
            settings[prefix + "Woongemeente"] = "Utrecht";
        }

        var route = new RouteHarness(settings, all =>
        {
            WithoutTheBackgroundSweep(all);
            services?.Invoke(all);
        });
        await route.SetClockAsync(Friday);
        await route.EveryoneSaysHelloAsync(Rita, Max);
        await route.SayAsync(Rita, "ziekmelding formulier");
        var form = route.CardsOf(Rita).Last(c => c.GetRawText().Contains("ziekmelding.opslaan", StringComparison.Ordinal));
        for (var i = 0; i < Pupils; i++)
        {
            var pressed = await route.PressAsync(Rita, form, "ziekmelding.opslaan", new() { ["leerling"] = $"{300000 + i}", ["eersteDag"] = "2026-10-09", ["terug"] = string.Empty, ["ouderBeltMentor"] = "nee" });
            Assert.Contains("Ziekmelding opgeslagen", pressed.Text, StringComparison.Ordinal);
        }

        // Friday's notices to the mentor are out before the test moves the clock, so Tuesday's sweep is the only one.
        var tasks = route.App.Services.GetRequiredService<TaskStore>();
        await route.App.Services.GetRequiredService<ReminderSweeper>().SweepAsync(CancellationToken.None);
        Assert.Empty(await tasks.ListDueAsync(Friday.AddHours(1)));
        Assert.Equal(Pupils, (await tasks.ListDueAsync(TuesdayReminder)).Count);
        ((DevelopmentClock)route.App.Services.GetRequiredService<TimeProvider>()).SetNow(TuesdayReminder); // no sweep yet: the test starts it
        return route;
    }

    /// <summary>Runs a step of "the other instance" just before the next transaction that claims several tasks at once.</summary>
    private sealed class ClaimRace
    {
        private Func<Task>? _before;

        public bool Fired { get; private set; }

        public void Arm(Func<Task> before) => Interlocked.Exchange(ref _before, before);

        public void Install(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(ITableStoreFactory));
            services.Replace(ServiceDescriptor.Singleton<ITableStoreFactory>(sp => new Factory((ITableStoreFactory)original.ImplementationFactory!(sp), this)));
        }

        private async Task BeforeAsync(IReadOnlyList<TableTransactionAction> actions)
        {
            // A claim is one replaced row per task, with Status "Claimed".
            var batchedClaim = actions.Count > 2 && actions.All(a => a.Type == TableTransactionActionType.UpdateReplace && a.Entity.GetString("Status") == "Claimed");
            if (batchedClaim && Interlocked.Exchange(ref _before, null) is { } before)
            {
                Fired = true;
                await before();
            }
        }

        private sealed class Factory(ITableStoreFactory inner, ClaimRace race) : ITableStoreFactory
        {
            public ITableStore GetTable(string tableName) => new Store(inner.GetTable(tableName), race);
        }

        private sealed class Store(ITableStore inner, ClaimRace race) : ITableStore
        {
            public string TableName => inner.TableName;

            public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => inner.CreateIfNotExistsAsync(cancellationToken);

            public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) => inner.GetAsync(partitionKey, rowKey, cancellationToken);

            public Task<string> AddAsync(TableEntity entity, CancellationToken cancellationToken = default) => inner.AddAsync(entity, cancellationToken);

            public Task<string> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) => inner.UpsertAsync(entity, mode, cancellationToken);

            public Task<string> UpdateAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default) => inner.UpdateAsync(entity, ifMatch, mode, cancellationToken);

            public Task DeleteAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default) => inner.DeleteAsync(partitionKey, rowKey, ifMatch, cancellationToken);

            public async Task<IReadOnlyList<string>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
            {
                await race.BeforeAsync(actions);
                return await inner.SubmitTransactionAsync(actions, cancellationToken);
            }

            public Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default) => inner.QueryPageAsync(query, continuationToken, cancellationToken);

            public IAsyncEnumerable<TableEntity> QueryAsync(TableQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);
        }
    }
}
