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

/// <summary>
/// Sends a sweep's tasks per person (issue 21 item 3): one task is its own card, as always; two or more for the same
/// person, or a task that is still open from an earlier day (a ladder rung's reminder), come as one morning overview.
/// So nobody gets a pile of cards in a random order, and an unticked rung is not a new card every morning.
/// </summary>
internal sealed class MorningDelivery(StaffMessenger messenger, TaskCards cards, MorningOverview overview)
{
    /// <summary>Well below Teams' message size (about 80 KB of UTF-16 with the activity around the card).</summary>
    internal const int MostCharacters = 36_000;

    /// <summary>
    /// Sends each person their card, claiming each task (once, however many people receive it) just before the card goes out;
    /// a task is finished once every person it goes to was sent theirs. A task nobody can receive is claimed and finished at once.
    /// </summary>
    /// <returns>How many tasks <paramref name="finish"/> marked delivered.</returns>
    public async Task<int> SendAsync(
        IReadOnlyList<ReadyTask> ready, DateTimeOffset now, ParallelOptions parallel,
        Func<ReadyTask, CancellationToken, Task<TaskClaim?>> claim, Func<ReadyTask, TaskClaim, SendOutcome, CancellationToken, Task<bool>> finish)
    {
        var claims = new ConcurrentDictionary<ReadyTask, Lazy<Task<TaskClaim?>>>();
        var reached = new ConcurrentDictionary<ReadyTask, int>();
        var failed = new ConcurrentDictionary<ReadyTask, ConnectorException>();
        var perPerson = ready
            .SelectMany(t => t.People.Select(p => (Person: p, Task: t)))
            .GroupBy(x => (EmailAddress.Normalise(x.Person.Email), x.Person.Organisation.Id))
            .Select(g => (g.First().Person, Tasks: g.Select(x => x.Task).Distinct().ToList()))
            .ToList();
        var waiting = perPerson.SelectMany(p => p.Tasks).CountBy(t => t).ToDictionary(c => c.Key, c => new StrongBox<int>(c.Value));
        var delivered = 0;

        Task<TaskClaim?> ClaimOnce(ReadyTask task, CancellationToken ct) => claims.GetOrAdd(task, t => new Lazy<Task<TaskClaim?>>(() => claim(t, ct))).Value;

        async Task FinishAsync(ReadyTask task, CancellationToken ct)
        {
            if (await ClaimOnce(task, ct).ConfigureAwait(false) is { } claimed
                && await finish(task, claimed, new SendOutcome(reached.GetValueOrDefault(task), failed.GetValueOrDefault(task)), ct).ConfigureAwait(false))
            {
                Interlocked.Increment(ref delivered);
            }
        }

        await Parallel.ForEachAsync(ready.Where(t => !waiting.ContainsKey(t)), parallel, async (task, ct) => await FinishAsync(task, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Parallel.ForEachAsync(perPerson, parallel, async (person, ct) =>
        {
            var mine = new List<ReadyTask>();
            foreach (var task in MorningOverview.InOrder(person.Tasks, t => t.Student, t => t.Task))
            {
                if (await ClaimOnce(task, ct).ConfigureAwait(false) is not null)
                {
                    mine.Add(task);
                }
            }

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

            foreach (var task in person.Tasks.Where(t => Interlocked.Decrement(ref waiting[t].Value) == 0))
            {
                await FinishAsync(task, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

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
