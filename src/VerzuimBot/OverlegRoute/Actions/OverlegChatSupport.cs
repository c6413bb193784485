using VerzuimBot.Access.Authorization;
using VerzuimBot.Conversation;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Storage;
using VerzuimBot.CardActions;

namespace VerzuimBot.OverlegRoute.Actions;

/// <summary>A press on the summary card in the overleg's group chat: the overleg, its student and dossier, and the message pressed.</summary>
internal sealed record OverlegChatContext(OverlegRecord Overleg, StudentRecord Student, DossierView Dossier, DateTimeOffset Now, string? MessageId);

/// <summary>
/// Opens a press on the summary card. Presses in a group chat come from different people: each is judged on the
/// presser (never on the card), and the card only works in the group chat of its own overleg.
/// </summary>
internal sealed class OverlegChatSupport(StudentDirectory students, DossierService dossiers, OverlegStore store, TimeProvider time)
{
    public const string WrongChat = "Deze kaart werkt alleen in de groepschat van het overleg. Er is niets veranderd.";

    /// <summary>
    /// A press by anyone in the chat (the refresh: the summary holds only what every member may see): the overleg the card
    /// names, pressed in its own group chat. Anything else is refused like any card, the same whether the overleg exists or not.
    /// </summary>
    public async Task<(OverlegChatContext? Context, CardActionResult? Refusal)> OpenInChatAsync(CardPress press, CancellationToken cancellationToken)
    {
        var data = press.Data;
        if (data.Id("school") is not { } school || data.Id("leerling") is not { } studentId || data.Id("overleg") is not { } overlegId
            || await store.FindAsync(school, studentId, overlegId, cancellationToken).ConfigureAwait(false) is not { } overleg
            || !InItsChat(press.Activity, overleg)
            || await students.GetAsync(school, studentId, cancellationToken).ConfigureAwait(false) is not { } student)
        {
            return (null, CardActionResult.Refused("overleg-not-in-this-chat"));
        }

        var dossier = await dossiers.ReadAsync(school, student.Id, cancellationToken).ConfigureAwait(false);
        return (new OverlegChatContext(overleg, student, dossier, time.GetUtcNow(), press.Activity.ReplyToId), null);
    }

    /// <summary>What a participant's press must pass in the opening: a kernpartner decision for the student on the card.</summary>
    public static CardAccess ParticipantAccess { get; } = CardAccess.Student(AccessAction.KernpartnerDecision);

    /// <summary>
    /// A participant's press (an action or a decision in the overleg), once the opening allowed the presser a kernpartner
    /// decision for this student: the overleg the card names, pressed in its own group chat, and the presser as a participant
    /// (a role of a participating organisation, and the policy for that role), handed to <paramref name="act"/>. Else a Dutch refusal.
    /// </summary>
    public async Task<CardActionResult> AsParticipantAsync(CardPress press, Func<Participation, CardData, CancellationToken, Task<CardActionResult>> act, CancellationToken cancellationToken)
    {
        var context = press.Context;
        if (press.Data.Id("overleg") is not { } overlegId || await store.FindAsync(context.Student.SchoolId, context.Student.Id.Value, overlegId, cancellationToken).ConfigureAwait(false) is not { } overleg)
        {
            return Refused("Dit overleg ken ik niet (meer). Er is niets veranderd.");
        }

        if (!InItsChat(press.Activity, overleg))
        {
            return Refused(WrongChat);
        }

        var participant = OverlegAccess.AsParticipant(context.Staff, overleg.Partners);
        if (participant.Actor.Grants.Count == 0)
        {
            return Refused(OverlegAccess.NotAParticipant(overleg.Partners));
        }

        var decision = context.Narrowed(participant, new Permit(AccessAction.KernpartnerDecision));
        return decision.IsAllowed
            ? await act(new Participation(new OverlegChatContext(overleg, context.Student, context.Dossier, context.Now, press.Activity.ReplyToId), participant, decision), press.Data, cancellationToken).ConfigureAwait(false)
            : Refused(decision.Reason! + " Er is niets veranderd.");
    }

    private static bool InItsChat(Activity activity, OverlegRecord overleg) =>
        activity.Conversation?.Id is { } conversation && ConversationCapture.ChannelOf(conversation) == overleg.ConversationId;

    private static CardActionResult Refused(string message) => CardActionResult.Say(message);
}

/// <summary>A participant's press to act on: the overleg and student, the presser as a participant, and the policy's decision for them.</summary>
internal sealed record Participation(OverlegChatContext Context, StaffMember Staff, AccessDecision Decision);
