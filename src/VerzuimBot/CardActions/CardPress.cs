using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.CardActions;

/// <summary>
/// A press that passed its <see cref="CardAccess"/>: the verb and the card's data, who pressed (absent for a
/// <see cref="CardAccessKind.Conversation"/> press), for a student's card the authorised <see cref="RouteActionContext"/>, and
/// for a task card the task it answers, still open.
/// </summary>
internal sealed record CardPress(string Verb, Activity Activity, CardData Data, StaffMember? Presser, RouteActionContext? Student, DueTask? OpenTask = null)
{
    public StaffMember Staff => Presser ?? throw new InvalidOperationException($"The access of {Verb} resolves no presser.");

    public RouteActionContext Context => Student ?? throw new InvalidOperationException($"The access of {Verb} names no student.");

    public DueTask Task => OpenTask ?? throw new InvalidOperationException($"The access of {Verb} names no task.");
}
