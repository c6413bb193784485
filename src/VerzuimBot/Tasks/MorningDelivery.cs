using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using VerzuimBot.Access;
using VerzuimBot.Connector.Client;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Staff;
using StoredTask = VerzuimBot.Storage.DueTask;
using TaskClaim = VerzuimBot.Storage.TaskClaim;

namespace VerzuimBot.Tasks;

/// <summary>A due task the sweeper claimed and checked against the dossier, ready to be sent to <see cref="People"/>.</summary>
internal sealed class ReadyTask(StoredTask stored, DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, IReadOnlyList<Recipient> people)
{
    public StoredTask Stored { get; } = stored;

    public DueTask Task { get; } = task;

    public StudentRecord Student { get; } = student;

    public DossierView Dossier { get; } = dossier;

    public SchoolProtocol Protocol { get; } = protocol;

    public IReadOnlyList<Recipient> People { get; } = people;
}

/// <summary>How sending a ready task went: how many of its people it reached, or the connector's failure (then it is tried again).</summary>
internal sealed record SendOutcome(int Reached, ConnectorException? Failure);

/// <summary>A claimed task after its people were sent their cards, and how that went.</summary>
internal sealed record SentTask(ReadyTask Task, TaskClaim Claim, SendOutcome Outcome);

/// <summary>
/// Sends a sweep's tasks per person (issue 21 item 3): one task is its own card, as always; two or more for the same
/// person, or a task that is still open from an earlier day (a ladder rung's reminder), come as one morning overview.
/// So nobody gets a pile of cards in a random order, and an unticked rung is not a new card every morning.
/// </summary>
internal sealed class MorningDelivery(StaffMessenger messenger, TaskCards cards, MorningOverview overview)
{
    /// <summary>Well below Teams' message size (about 80 KB of UTF-16 with the activity around the card).</summary>
    internal const int MostCharacters = 36_000;

    /// <summary>Tasks nobody can receive, claimed and rescheduled together (one claim transaction of a school).</summary>
    private const int NobodySlice = 50;

    /// <summary>
    /// Sends each person their card, claiming that person's tasks together (each task once, however many people receive it)
    /// just before the card goes out; the tasks whose every person was sent theirs are finished together. Tasks nobody can
    /// receive are claimed and rescheduled in slices, after the people.
    /// </summary>
    /// <returns>How many tasks <paramref name="finish"/> marked delivered.</returns>
    public async Task<int> SendAsync(
        IReadOnlyList<ReadyTask> ready, DateTimeOffset now, ParallelOptions parallel,
        Func<IReadOnlyList<ReadyTask>, CancellationToken, Task<IReadOnlyList<TaskClaim?>>> claim, Func<IReadOnlyList<SentTask>, CancellationToken, Task<int>> finish)
    {
        var claims = new ConcurrentDictionary<ReadyTask, Task<TaskClaim?>>();
        var reached = new ConcurrentDictionary<ReadyTask, int>();
        var failed = new ConcurrentDictionary<ReadyTask, ConnectorException>();
        var perPerson = ready
            .SelectMany(t => t.People.Select(p => (Person: p, Task: t)))
            .GroupBy(x => (EmailAddress.Normalise(x.Person.Email), x.Person.Organisation.Id))
            .Select(g => (g.First().Person, Tasks: g.Select(x => x.Task).Distinct().ToList()))
            .ToList();
        var waiting = perPerson.SelectMany(p => p.Tasks).CountBy(t => t).ToDictionary(c => c.Key, c => new StrongBox<int>(c.Value));
        var delivered = 0;

        // The tasks of the list that are claimed, in its order. A task another person's claim already took on is awaited,
        // not claimed twice; the rest are claimed in one call (one transaction per school partition).
        async Task<List<(ReadyTask Task, TaskClaim Claim)>> ClaimAsync(IReadOnlyList<ReadyTask> tasks, CancellationToken ct)
        {
            var mine = new List<(ReadyTask Task, TaskCompletionSource<TaskClaim?> Claim)>();
            foreach (var task in tasks)
            {
                var source = new TaskCompletionSource<TaskClaim?>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (claims.TryAdd(task, source.Task))
                {
                    mine.Add((task, source));
                }
            }

            if (mine.Count > 0)
            {
                try
                {
                    var won = await claim([.. mine.Select(m => m.Task)], ct).ConfigureAwait(false);
                    for (var i = 0; i < mine.Count; i++)
                    {
                        mine[i].Claim.SetResult(won[i]);
                    }
                }
                catch (Exception ex)
                {
                    mine.ForEach(m => m.Claim.TrySetException(ex));
                    throw;
                }
            }

            var claimed = new List<(ReadyTask Task, TaskClaim Claim)>();
            foreach (var task in tasks)
            {
                if (await claims[task].ConfigureAwait(false) is { } won)
                {
                    claimed.Add((task, won));
                }
            }

            return claimed;
        }

        async Task FinishAsync(IEnumerable<(ReadyTask Task, TaskClaim Claim)> tasks, CancellationToken ct)
        {
            var sent = tasks.Select(t => new SentTask(t.Task, t.Claim, new SendOutcome(reached.GetValueOrDefault(t.Task), failed.GetValueOrDefault(t.Task)))).ToList();
            if (sent.Count > 0)
            {
                Interlocked.Add(ref delivered, await finish(sent, ct).ConfigureAwait(false));
            }
        }

        async Task SendToAsync((Recipient Person, List<ReadyTask> Tasks) person, CancellationToken ct)
        {
            var mine = (await ClaimAsync([.. MorningOverview.InOrder(person.Tasks, t => t.Student, t => t.Task)], ct).ConfigureAwait(false)).Select(c => c.Task).ToList();
            var parts = mine is [var only] && !only.Task.Key.IsReminder
                ? new List<(List<ReadyTask> Tasks, JsonNodeCard Card)> { (mine, cards.For(only.Task, only.Student, only.Dossier, only.Protocol, now)) }
                : [.. mine.Chunk(OverviewEntry.Most).SelectMany(chunk => Overviews([.. chunk], now))];
            foreach (var (tasks, card) in parts)
            {
                try
                {
                    if (await messenger.SendAsync([person.Person], card, ct).ConfigureAwait(false) > 0)
                    {
                        foreach (var task in tasks)
                        {
                            reached.AddOrUpdate(task, 1, (_, n) => n + 1);
                        }
                    }
                }
                catch (ConnectorException ex)
                {
                    foreach (var task in tasks)
                    {
                        failed[task] = ex;
                    }
                }
            }

            // Every task whose last person this was is finished now; claimed ones only (the others are someone else's).
            var done = person.Tasks.Where(t => Interlocked.Decrement(ref waiting[t].Value) == 0).ToList();
            var finished = new List<(ReadyTask Task, TaskClaim Claim)>();
            foreach (var task in done)
            {
                if (await claims[task].ConfigureAwait(false) is { } won)
                {
                    finished.Add((task, won));
                }
            }

            await FinishAsync(finished, ct).ConfigureAwait(false);
        }

        // People first, then the tasks nobody can receive (rescheduled), in slices: a morning can hold tens of thousands of
        // those, and neither the cards nor the memory should wait for all of them at once.
        var nobody = ready.Where(t => !waiting.ContainsKey(t)).OrderBy(t => t.Stored.Definition.SchoolId, StringComparer.Ordinal).Chunk(NobodySlice);
        var steps = perPerson.Select(person => (Func<CancellationToken, Task>)(ct => SendToAsync(person, ct)))
            .Concat(nobody.Select(slice => (Func<CancellationToken, Task>)(async ct => await FinishAsync(await ClaimAsync(slice, ct).ConfigureAwait(false), ct).ConfigureAwait(false))));
        await Parallel.ForEachAsync(steps, parallel, async (step, ct) => await step(ct).ConfigureAwait(false)).ConfigureAwait(false);
        return delivered;
    }

    /// <summary>
    /// One overview per <see cref="OverviewEntry.Most"/> tasks (what one overview can carry and refresh; it also bounds the
    /// work and memory of rendering a very large morning), or, for a morning too large for one Teams message (each item carries its own card), halves of it in
    /// order until each fits.
    /// </summary>
    private List<(List<ReadyTask> Tasks, JsonNodeCard Card)> Overviews(List<ReadyTask> tasks, DateTimeOffset now)
    {
        var card = overview.ForDelivery(tasks.Select(t => (t.Task, t.Student, t.Dossier, t.Protocol)), now);
        if (tasks.Count == 1 || card.Content.GetRawText().Length <= MostCharacters)
        {
            return [(tasks, card)];
        }

        var half = tasks.Count / 2;
        return [.. Overviews(tasks[..half], now), .. Overviews(tasks[half..], now)];
    }
}
