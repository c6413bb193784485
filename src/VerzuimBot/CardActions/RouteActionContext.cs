using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Staff;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.CardActions;

/// <summary>
/// Everything a student's card press is judged on, once <see cref="CardPressOpener"/> let it through: who pressed and the
/// permit that allowed it (<see cref="Decision"/>), for which student, the dossier and what is open now.
/// </summary>
internal sealed record RouteActionContext(StaffMember Staff, StudentRecord Student, DossierView Dossier, SchoolProtocol Protocol, IReadOnlyList<DueTask> Open, DateTimeOffset Now, string TaskId, AccessDecision Decision)
{
    public DateOnly Today => Domain.Calendar.SchoolClock.LocalDate(Now);

    public TaskReference Reference => new(TaskId, Student.SchoolId, Student.Id.Value);

    /// <summary>The facts this press stored so far (one press may store several).</summary>
    public HashSet<Domain.Identity.EventId> RecordedHere { get; } = [];

    /// <summary>
    /// The card's task is still open: the rules still produce a task of that kind on the same anchor
    /// (for any assignee: a shared task is done once, by whoever answers first).
    /// </summary>
    public DueTask? OpenTask(params TaskKind[] kinds)
    {
        if (TaskKey.Parse(TaskId) is not { } key || key.Student != Student.Id || !kinds.Contains(key.Kind))
        {
            return null;
        }

        return Open.FirstOrDefault(key.SameTaskAs);
    }

    /// <summary>
    /// The policy again for a narrower part of the presser (e.g. only the grants of the overleg's participants, or of an
    /// action's owner): not audited, as the opening already audited this press.
    /// </summary>
    public AccessDecision Narrowed(StaffMember narrowed, params Permit[] permits) =>
        StudentGuard.Decide(narrowed.Actor, permits, StudentContexts.For(Student, Dossier, Protocol, Now), Now).Decision;
}

/// <summary>What the route's task cards share once a press is open: the task still open or "al afgehandeld", the outcome card, and storing the answer.</summary>
internal sealed class RouteActionSupport(DossierService dossiers, RouteCards cards, TimeProvider time)
{
    public const string Incomplete = "Deze kaart mist gegevens die ik nodig heb. Er is niets veranderd.";

    public RouteCards Cards => cards;

    /// <summary>
    /// Pressed after the task was dealt with (by this person, someone else, or because the student is
    /// beter): the card is replaced by who did it and when, and nothing changes.
    /// </summary>
    public CardActionResult AlreadyDone<T>(RouteActionContext context)
        where T : DossierEvent
    {
        if (context.Dossier.Of<T>().LastOrDefault() is { } done)
        {
            return CardActionResult.Replace(cards.Done(
                $"Al afgehandeld: {EventDescriptions.Describe(done)}",
                [new Fact("Leerling", context.Student.Label)],
                PeopleNames.WithRole(done.RecordedBy),
                done.RecordedAt));
        }

        return CardActionResult.Say("Deze taak is niet meer nodig (de leerling is bijvoorbeeld beter gemeld, of de melding is hersteld). Er is niets veranderd.");
    }

    /// <summary>The card replaced by what was stored; <paramref name="decision"/> when a narrower one than the opening's allowed it.</summary>
    public CardActionResult Done(RouteActionContext context, string title, IEnumerable<Fact> facts, AccessDecision? decision = null) =>
        CardActionResult.Replace(cards.Done(title, [new Fact("Leerling", context.Student.Label), .. facts], PeopleNames.WithRole(context.Staff, (decision ?? context.Decision).Grant!.Role), time.GetUtcNow()));

    /// <summary>
    /// Stores the answer to the card, on condition that the card's task is still open in the dossier as stored at that
    /// moment (the check the action did on its earlier read, repeated atomically); a press without a task is stored as is.
    /// </summary>
    public async Task<RecordOutcome> RecordAsync(RouteActionContext context, DossierEvent fact, CancellationToken cancellationToken)
    {
        var outcome = await dossiers.RecordAsync(context.Student.SchoolId, context.Student.Id, fact, TaskStillOpen(context), cancellationToken).ConfigureAwait(false);
        context.RecordedHere.Add(fact.Id);
        return outcome;
    }

    /// <summary>
    /// Nothing but this press changed the dossier since it was read, or the card's task is still open without this
    /// press's own facts (one press may store several, e.g. every ticked ladder action, the last of which closes the task).
    /// </summary>
    private static Func<DossierView, bool>? TaskStillOpen(RouteActionContext context)
    {
        if (TaskKey.Parse(context.TaskId) is not { } key || !context.Open.Any(t => t.Id.Value == context.TaskId))
        {
            return null;
        }

        var read = context.Dossier.Events.Select(e => e.Id).ToHashSet();
        return dossier =>
        {
            if (dossier.Events.All(e => read.Contains(e.Id) || context.RecordedHere.Contains(e.Id)))
            {
                return true;
            }

            var withoutOurs = DossierView.From(dossier.Student, dossier.Events.Where(e => !context.RecordedHere.Contains(e.Id)));
            return context.Protocol.Engine.Evaluate(withoutOurs, context.Now).Any(key.SameTaskAs);
        };
    }
}

