using System.Collections.Concurrent;
using VerzuimBot.Access;
using VerzuimBot.Connector.Client;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Staff;
using TaskClaim = VerzuimBot.Storage.TaskClaim;

namespace VerzuimBot.Tasks;

/// <summary>A due task the sweeper claimed and checked against the dossier, ready to be sent to <see cref="People"/>.</summary>
internal sealed class ReadyTask(TaskClaim claim, DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, IReadOnlyList<Recipient> people)
{
    public TaskClaim Claim { get; } = claim;

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
    public async Task<IReadOnlyDictionary<ReadyTask, SendOutcome>> SendAsync(IReadOnlyList<ReadyTask> ready, DateTimeOffset now, ParallelOptions parallel)
    {
        var reached = new ConcurrentDictionary<ReadyTask, int>();
        var failed = new ConcurrentDictionary<ReadyTask, ConnectorException>();
        var perPerson = ready
            .SelectMany(t => t.People.Select(p => (Person: p, Task: t)))
            .GroupBy(x => (EmailAddress.Normalise(x.Person.Email), x.Person.Organisation.Id))
            .Select(g => (g.First().Person, Tasks: g.Select(x => x.Task).Distinct().ToList()))
            .ToList();
        await Parallel.ForEachAsync(perPerson, parallel, async (person, ct) =>
        {
            var card = person.Tasks is [var only] && !only.Task.Key.IsReminder
                ? cards.For(only.Task, only.Student, only.Dossier, only.Protocol, now)
                : overview.ForDelivery(person.Tasks.Select(t => (t.Task, t.Student, t.Dossier, t.Protocol)), now);
            try
            {
                if (await messenger.SendAsync([person.Person], card, ct).ConfigureAwait(false) > 0)
                {
                    foreach (var task in person.Tasks)
                    {
                        reached.AddOrUpdate(task, 1, (_, n) => n + 1);
                    }
                }
            }
            catch (ConnectorException ex)
            {
                foreach (var task in person.Tasks)
                {
                    failed[task] = ex;
                }
            }
        }).ConfigureAwait(false);

        return ready.ToDictionary(t => t, t => new SendOutcome(reached.GetValueOrDefault(t), failed.GetValueOrDefault(t)));
    }
}
