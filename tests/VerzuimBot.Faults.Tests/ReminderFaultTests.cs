using VerzuimBot.Load.Sink;
using VerzuimBot.Load.Targets;
using Xunit.Abstractions;

namespace VerzuimBot.Faults.Tests;

/// <summary>
/// Issue 10 item 4, with counts at the sink by task id: two instances on one Azurite, one killed with
/// SIGKILL mid-storm and restarted; and a sink that answers 429 and 500 for a while. Every due reminder
/// must arrive; duplicates only for tasks in flight at the kill (per person: a morning overview carries all of theirs). Bounded: each run ends within minutes.
/// </summary>
public sealed class ReminderFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_instances_one_killed_mid_storm_every_due_reminder_arrives()
    {
        await using var storm = await StormHarness.StartAsync(conversationRps: 7, appRps: 50);
        storm.Azurite = await Azurite.StartAsync(storm.Work);
        await storm.SeedAsync(students: 600, mentors: 60);
        Assert.Equal(600, storm.Due.Count);

        // A short lease, so the killed instance's claims are offered again within the run.
        var a = await storm.StartHostAsync("host-a", leaseSeconds: 10);
        var b = await storm.StartHostAsync("host-b", leaseSeconds: 10);
        _ = storm.SetClockAsync(a, StormHarness.StormAt);
        _ = storm.SetClockAsync(b, StormHarness.StormAt);

        Assert.True(await storm.WaitUntilAsync(() => storm.Arrived >= 150, TimeSpan.FromSeconds(60)), $"only {storm.Arrived} arrived before the kill");
        await a.Process.KillAsync();
        var atKill = storm.Arrived;
        var restarted = await storm.StartHostAsync("host-a-restarted", leaseSeconds: 10, startAt: StormHarness.StormAt.AddSeconds(30));
        _ = storm.SetClockAsync(restarted, StormHarness.StormAt.AddSeconds(30));

        var all = await storm.WaitUntilAsync(() => storm.Arrived == storm.Due.Count, TimeSpan.FromSeconds(150));
        var duplicates = storm.Sink.TaskDeliveries.Where(t => t.Value > 1).ToList();
        output.WriteLine($"due {storm.Due.Count}; arrived before the kill {atKill}; arrived {storm.Arrived}; duplicates {duplicates.Count}; 429 {storm.Sink.Counters.Snapshot().Throttled}");
        Assert.True(all, $"{storm.Due.Count - storm.Arrived} due reminders never arrived");

        // At most the tasks the killed instance had claimed and sent but not yet marked delivered: those of the people it was
        // sending to, its parallelism (8), each with one morning overview of their 10 students' reminders (issue 21 item 3).
        Assert.True(duplicates.Count <= 8 * (600 / 60), $"{duplicates.Count} duplicates");
        Assert.DoesNotContain(storm.Sink.TaskDeliveries.Keys, k => !storm.Due.Contains(k));
    }

    [Fact]
    public async Task Sink_answering_500_429_and_timing_out_for_a_while_loses_nothing()
    {
        await using var storm = await StormHarness.StartAsync(conversationRps: 0, appRps: 0);
        await storm.SeedAsync(students: 200, mentors: 20);
        var host = await storm.StartHostAsync("host");

        // First 500s, then 429s, then no answer within the bot's 15 s attempt timeout, each for ten seconds, while the storm starts.
        storm.Sink.Fault = SinkFault.ServerError;
        _ = storm.SetClockAsync(host, StormHarness.StormAt);
        await Task.Delay(TimeSpan.FromSeconds(10));
        storm.Sink.Fault = SinkFault.Throttle;
        await Task.Delay(TimeSpan.FromSeconds(10));
        storm.Sink.Fault = SinkFault.Hang;
        await Task.Delay(TimeSpan.FromSeconds(10));
        storm.Sink.Fault = SinkFault.None;
        var duringFault = storm.Arrived;

        // Failed sends were rescheduled 1–4 minutes later (the sweeper's back-off): move the bot's clock past them.
        await (await storm.SetClockAsync(host, StormHarness.StormAt.AddMinutes(10))).Content.ReadAsStringAsync();
        var all = await storm.WaitUntilAsync(() => storm.Arrived == storm.Due.Count, TimeSpan.FromSeconds(90));
        var counters = storm.Sink.Counters.Snapshot();
        output.WriteLine($"due {storm.Due.Count}; arrived during the fault {duringFault}; arrived {storm.Arrived}; 500 or timed out {counters.Failed}; 429 answered {counters.Throttled}; duplicates {storm.Sink.TaskDeliveries.Count(t => t.Value > 1)}");
        Assert.True(all, $"{storm.Due.Count - storm.Arrived} due reminders never arrived");
        Assert.Equal(0, storm.Sink.TaskDeliveries.Count(t => t.Value > 1));
    }
}
