using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Students;

namespace VerzuimBot.CardActions;

/// <summary>How a card press is judged before its handler runs.</summary>
internal enum CardAccessKind
{
    /// <summary>The card names a student (school, leerling): the presser needs a permit for that student, now.</summary>
    Student,

    /// <summary>The card names no student: the presser needs a role that may do the action somewhere (a form that finds its student among the presser's own, the SWV's digest).</summary>
    Role,

    /// <summary>No role needed: the handler checks the press came from the conversation the card belongs to (the overleg summary in its group chat).</summary>
    Conversation,
}

/// <summary>
/// What a press of a verb must pass in the one opening every card action goes through (<see cref="CardPressOpener"/>,
/// issue 19 item 1). The permits follow from the verb, or from the card's own data and the school's protocol (which
/// checklist an item is on, which side of the ladder a rung card is): never from the student or the dossier, so a
/// refusal on them reads the same whether the student exists or not.
/// </summary>
internal sealed class CardAccess
{
    private readonly Func<CardData, SchoolProtocol?, IReadOnlyList<Permit>> _permits;

    private CardAccess(CardAccessKind kind, Func<CardData, SchoolProtocol?, IReadOnlyList<Permit>> permits, TaskRequirement? task = null)
    {
        Kind = kind;
        _permits = permits;
        Task = task;
    }

    public static CardAccess Conversation { get; } = new(CardAccessKind.Conversation, (_, _) => []);

    public CardAccessKind Kind { get; }

    /// <summary>For a task card: which task it answers, checked (after the permit) before the handler runs.</summary>
    public TaskRequirement? Task { get; }

    /// <summary>
    /// A task card for the student on the card: one of <paramref name="actions"/>, and then the card's task (one of
    /// <paramref name="kinds"/>) still open; otherwise the card is replaced by "al afgehandeld" from the latest <typeparamref name="TDone"/>.
    /// </summary>
    public static CardAccess ForTask<TDone>(TaskKind[] kinds, params AccessAction[] actions)
        where TDone : DossierEvent
    {
        Permit[] permits = [.. actions.Select(a => new Permit(a))];
        return new(CardAccessKind.Student, (_, _) => permits, new TaskRequirement(kinds, (support, context) => support.AlreadyDone<TDone>(context)));
    }

    /// <summary>For the student on the card: one of <paramref name="actions"/>, on any of the presser's grants.</summary>
    public static CardAccess Student(params AccessAction[] actions)
    {
        Permit[] permits = [.. actions.Select(a => new Permit(a))];
        return new(CardAccessKind.Student, (_, _) => permits);
    }

    /// <summary>For the student on the card: one of <paramref name="permits"/> (an action narrowed to the role that owns it).</summary>
    public static CardAccess Student(params Permit[] permits) => new(CardAccessKind.Student, (_, _) => permits);

    /// <summary>
    /// For the student on the card, with permits read from the card's data and the school's protocol (null when the card's
    /// school is not a configured school); none means the card is not one of ours, and it is refused.
    /// </summary>
    public static CardAccess Student(Func<CardData, SchoolProtocol?, IReadOnlyList<Permit>> permits) => new(CardAccessKind.Student, permits);

    /// <summary>No student on the card: a role that may do one of <paramref name="actions"/> at all.</summary>
    public static CardAccess Role(params AccessAction[] actions)
    {
        Permit[] permits = [.. actions.Select(a => new Permit(a))];
        return new(CardAccessKind.Role, (_, _) => permits);
    }

    public IReadOnlyList<Permit> Permits(CardData data, SchoolProtocol? protocol) => _permits(data, protocol);
}

/// <summary>The task a card answers (<see cref="Kinds"/>) and what to answer once it is no longer open.</summary>
internal sealed record TaskRequirement(TaskKind[] Kinds, Func<RouteActionSupport, RouteActionContext, CardActionResult> AlreadyDone);
