using VerzuimBot.Tables;
using VerzuimBot.Tables.Instrumentation;

namespace VerzuimBot.Storage.Tests.Stores;

/// <summary>
/// Issue 17, the reminder sweep: a person's tasks are claimed and marked in one transaction per school partition instead of
/// one write per task, and a conflict in such a transaction falls back to one task at a time, so the guarantees of the
/// single calls (exactly one instance wins a claim, a lost claim is not marked) hold on both backends.
/// </summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task Tasks_ClaimedAndMarkedTogether_TakeOneTransactionEach_PerFiftyTasksOfASchool()
    {
        var store = new TaskStore(new InstrumentedTableStoreFactory(_tables));
        await SeedDueAsync(store, 60, "school-1");
        await SeedDueAsync(store, 2, "school-2");
        var due = await store.ListDueAsync(Monday);
        Assert.Equal(62, due.Count);

        IReadOnlyList<TaskClaim?> claims;
        using (var claiming = TableCallCounter.Begin())
        {
            claims = await store.TryClaimManyAsync(due, "a", Monday, TimeSpan.FromMinutes(5));
            // One row per task, at most 100 per transaction: the 60 of school-1, the 2 of school-2.
            Assert.Equal(2, claiming.Count(TableOperation.Transaction));
            Assert.Equal(2, claiming.Writes);
        }

        Assert.All(claims, c => Assert.Equal("a", c!.ClaimedBy));
        Assert.Empty(await store.ListDueAsync(Monday.AddMinutes(1)));
        Assert.Equal(Monday.AddMinutes(5), (await store.GetAsync("school-1", "student-7", "t-7"))!.LeaseUntil);

        var completions = claims.Select((c, i) => i % 2 == 0 ? TaskCompletion.Delivered(c!, Monday.AddMinutes(1)) : TaskCompletion.RetryAt(c!, Monday.AddDays(1))).ToList();
        IReadOnlyList<DueTask?> written;
        using (var marking = TableCallCounter.Begin())
        {
            written = await store.CompleteManyAsync(completions);
            // What was written comes back: the sweep moves the students' hints on from it without reading the tasks again.
            Assert.Equal(completions.Select(c => c.IsDelivered ? DueTaskStatus.Delivered : DueTaskStatus.Pending), written.Select(t => t!.Status));
            Assert.Equal(completions.Select(c => c.IsDelivered ? c.Claim.Task.Definition.DueAt : Monday.AddDays(1)), written.Select(t => t!.Definition.DueAt));
            Assert.All(written, t => Assert.Equal(1, t!.Attempts));
            Assert.True(marking.Writes <= 4, marking.ToString()); // a reschedule is two rows (the task and a hint at its new time)
        }

        var stored = (await store.GetAsync("school-1", "student-0", "t-0"))!;
        Assert.Equal(DueTaskStatus.Delivered, stored.Status);
        Assert.Equal(stored.ETag, written.Single(t => (t!.Definition.SchoolId, t.Definition.TaskId) == ("school-1", "t-0"))!.ETag);
        var again = await store.ListDueAsync(Monday.AddDays(1));
        Assert.Equal(31, again.Count);
        Assert.All(again, t => Assert.Equal((DueTaskStatus.Pending, 1), (t.Status, t.Attempts)));
    }

    [Fact]
    public async Task Tasks_ClaimedTogether_AfterSomeWereTaken_WinExactlyTheFreeOnes()
    {
        var store = new TaskStore(_tables);
        await SeedDueAsync(store, 10, "school-1");
        var seen = await store.ListDueAsync(Monday);

        // Another instance claims three of them, one by one, after this one listed them: the transaction fails on the first.
        var taken = new[] { 2, 5, 9 };
        foreach (var i in taken)
        {
            Assert.NotNull(await store.TryClaimAsync(seen[i], "b", Monday, TimeSpan.FromMinutes(5)));
        }

        var claims = await store.TryClaimManyAsync(seen, "a", Monday, TimeSpan.FromMinutes(5));

        Assert.Equal(Enumerable.Range(0, 10).Where(i => !taken.Contains(i)), Enumerable.Range(0, 10).Where(i => claims[i] is not null));
        Assert.All(claims.OfType<TaskClaim>(), c => Assert.Equal("a", c.ClaimedBy));
        foreach (var i in taken)
        {
            Assert.Equal("b", (await store.GetAsync("school-1", $"student-{i}", $"t-{i}"))!.ClaimedBy);
        }
    }

    [Fact]
    public async Task Tasks_TwoInstancesClaimingOverlappingSetsTogether_EachTaskHasExactlyOneWinner()
    {
        var store = new TaskStore(_tables);
        await SeedDueAsync(store, 30, "school-1");
        var seenByA = await store.ListDueAsync(Monday);
        var seenByB = await store.ListDueAsync(Monday);

        var claims = await Task.WhenAll(
            store.TryClaimManyAsync(seenByA.Take(20).ToList(), "a", Monday, TimeSpan.FromMinutes(5)),
            store.TryClaimManyAsync(seenByB.Skip(10).ToList(), "b", Monday, TimeSpan.FromMinutes(5)),
            store.TryClaimManyAsync(seenByA.Reverse().ToList(), "c", Monday, TimeSpan.FromMinutes(5)));

        var won = claims.SelectMany(c => c.OfType<TaskClaim>()).ToList();
        Assert.Equal(30, won.Count);
        Assert.Equal(30, won.Select(c => c.Task.Definition.TaskId).Distinct().Count());
        foreach (var claim in won)
        {
            Assert.Equal(claim.ClaimedBy, (await store.GetAsync("school-1", claim.Task.Definition.StudentId!, claim.Task.Definition.TaskId))!.ClaimedBy);
        }

        Assert.All(await store.CompleteManyAsync(won.Select(c => TaskCompletion.Delivered(c, Monday)).ToList()), Assert.NotNull);
        Assert.Empty(await store.ListDueAsync(Monday.AddDays(1)));
    }

    [Fact]
    public async Task Tasks_MarkedTogether_WhenOneClaimWasLost_MarkTheOthers_AndLeaveTheLostOneToItsNewOwner()
    {
        var store = new TaskStore(_tables);
        await SeedDueAsync(store, 4, "school-1");
        var claims = await store.TryClaimManyAsync(await store.ListDueAsync(Monday), "crashed", Monday, TimeSpan.FromMinutes(5));

        // The lease of one ran out and another instance took it over before this one marked it.
        var offered = Assert.Single(await store.ListDueAsync(Monday.AddMinutes(6)), t => t.Definition.TaskId == "t-1");
        var taken = await store.TryClaimAsync(offered, "healthy", Monday.AddMinutes(6), TimeSpan.FromMinutes(5));
        Assert.NotNull(taken);

        var marked = await store.CompleteManyAsync(claims.Select(c => TaskCompletion.Delivered(c!, Monday.AddMinutes(7))).ToList());

        Assert.Equal([true, false, true, true], marked.Select(t => t is not null));
        var lost = (await store.GetAsync("school-1", "student-1", "t-1"))!;
        Assert.Equal((DueTaskStatus.Claimed, "healthy"), (lost.Status, lost.ClaimedBy));
        Assert.True(await store.MarkDeliveredAsync(taken, Monday.AddMinutes(8)));
        Assert.Empty(await store.ListDueAsync(Monday.AddDays(1)));
    }

    [Fact]
    public async Task Tasks_ListedTwiceInOneClaim_AreClaimedOnce()
    {
        var store = new TaskStore(_tables);
        await SeedDueAsync(store, 3, "school-1");
        var seen = await store.ListDueAsync(Monday);

        var claims = await store.TryClaimManyAsync([.. seen, seen[1]], "a", Monday, TimeSpan.FromMinutes(5));

        Assert.Equal([true, true, true, false], claims.Select(c => c is not null));
        Assert.Empty(await store.ListDueAsync(Monday.AddMinutes(1)));
    }

    private static async Task SeedDueAsync(TaskStore store, int count, string school)
    {
        for (var i = 0; i < count; i++)
        {
            await store.UpsertAsync(new DueTaskDefinition($"t-{i}", school, $"student-{i}", "MentorHerinnering", "Mentor", Monday.AddMinutes(-count).AddSeconds(i), new StoredEnvelope("Herinnering", "{\"dag\":3}")));
        }
    }
}
