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

/// <summary>Everything a task card's answer is judged on: who pressed, for which student, the dossier and what is open now.</summary>
internal sealed record RouteActionContext(StaffMember Staff, StudentRecord Student, DossierView Dossier, SchoolProtocol Protocol, IReadOnlyList<DueTask> Open, DateTimeOffset Now, string TaskId)
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
}

/// <summary>Opens the context of a card press and answers the common cases (unknown student, not yours, already done).</summary>
internal sealed class RouteActionSupport(ActingStaff acting, StudentDirectory students, DossierService dossiers, SchoolProtocols protocols, StudentGuard guard, RouteCards cards, TimeProvider time)
{
    public const string Incomplete = "Deze kaart mist gegevens die ik nodig heb. Er is niets veranderd.";
    public const string UnknownStudent = "Deze leerling staat niet (meer) op de leerlingenlijst van de school. Er is niets veranderd.";

    public RouteCards Cards => cards;

    public async Task<(RouteActionContext? Context, CardActionResult? Refusal)> OpenAsync(Activity activity, CardData data, CancellationToken cancellationToken)
    {
        var resolved = await acting.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return (null, CardActionResult.Say(resolved.Refusal!));
        }

        if (data.Id("school") is not { } school || data.Id("leerling") is not { } studentId)
        {
            return (null, CardActionResult.Say(Incomplete));
        }

        var student = await students.GetAsync(school, studentId, cancellationToken).ConfigureAwait(false);
        if (student is null)
        {
            return (null, CardActionResult.Say(UnknownStudent));
        }

        var dossier = await dossiers.ReadAsync(school, student.Id, cancellationToken).ConfigureAwait(false);
        var protocol = protocols.For(school);
        var now = time.GetUtcNow();
        return (new RouteActionContext(staff, student, dossier, protocol, protocol.Engine.Evaluate(dossier, now), now, data.Id("taak") ?? string.Empty), null);
    }

    /// <summary>
    /// The common start of answering a task card: who pressed, the task still open (else "al
    /// afgehandeld" from the latest <typeparamref name="TDone"/>), and the presser's role for this student now.
    /// </summary>
    public async Task<TaskActionStart> StartTaskAsync<TDone>(Activity activity, CardData data, TaskKind[] kinds, AccessAction[] actions, CancellationToken cancellationToken)
        where TDone : DossierEvent
    {
        var (context, refusal) = await OpenAsync(activity, data, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return new TaskActionStart(null, null, null, refusal);
        }

        if (context.OpenTask(kinds) is not { } task)
        {
            return new TaskActionStart(null, null, null, AlreadyDone<TDone>(context));
        }

        var decision = await AllowAsync(context, cancellationToken, actions).ConfigureAwait(false);
        return decision.IsAllowed ? new TaskActionStart(context, task, decision, null) : new TaskActionStart(null, null, null, CardActionResult.Say(decision.Reason!));
    }

    /// <summary>The first of <paramref name="actions"/> the presser may do for this student now; the refusal of the first otherwise.</summary>
    public async Task<AccessDecision> AllowAsync(RouteActionContext context, CancellationToken cancellationToken, params AccessAction[] actions)
    {
        AccessDecision? first = null;
        foreach (var action in actions)
        {
            var decision = await guard.CheckAsync(context.Staff, action, context.Student, context.Dossier, cancellationToken).ConfigureAwait(false);
            if (decision.IsAllowed)
            {
                return decision;
            }

            first ??= decision;
        }

        return first!;
    }

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

    public CardActionResult Done(RouteActionContext context, string title, IEnumerable<Fact> facts, AccessDecision decision) =>
        CardActionResult.Replace(cards.Done(title, [new Fact("Leerling", context.Student.Label), .. facts], PeopleNames.WithRole(context.Staff, decision.Grant!.Role), time.GetUtcNow()));

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

/// <summary>Either everything needed to act on a task card, or the answer to give instead (<see cref="Early"/>).</summary>
internal sealed record TaskActionStart(RouteActionContext? Context, DueTask? Task, AccessDecision? Decision, CardActionResult? Early);
