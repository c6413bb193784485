using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Conversation;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Staff;
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
internal sealed class OverlegChatSupport(ActingStaff acting, StudentDirectory students, DossierService dossiers, OverlegStore store, StudentGuard guard, TimeProvider time)
{
    public const string WrongChat = "Deze kaart werkt alleen in de groepschat van het overleg. Er is niets veranderd.";

    public async Task<(OverlegChatContext? Context, CardActionResult? Refusal)> OpenAsync(Activity activity, CardData data, CancellationToken cancellationToken)
    {
        if (data.Id("school") is not { } school || data.Id("leerling") is not { } studentId || data.Id("overleg") is not { } overlegId)
        {
            return (null, CardActionResult.Say(RouteActionSupport.Incomplete));
        }

        var overleg = await store.FindAsync(school, studentId, overlegId, cancellationToken).ConfigureAwait(false);
        if (overleg is null)
        {
            return (null, CardActionResult.Say("Dit overleg ken ik niet (meer). Er is niets veranderd."));
        }

        if (activity.Conversation?.Id is not { } conversation || ConversationCapture.ChannelOf(conversation) != overleg.ConversationId)
        {
            return (null, CardActionResult.Say(WrongChat));
        }

        if (await students.GetAsync(school, studentId, cancellationToken).ConfigureAwait(false) is not { } student)
        {
            return (null, CardActionResult.Say(RouteActionSupport.UnknownStudent));
        }

        var dossier = await dossiers.ReadAsync(school, student.Id, cancellationToken).ConfigureAwait(false);
        return (new OverlegChatContext(overleg, student, dossier, time.GetUtcNow(), activity.ReplyToId), null);
    }

    /// <summary>
    /// <see cref="OpenAsync"/>, then the presser as a participant who may decide for this student now: a role of a
    /// participating organisation, and the policy's <see cref="AccessAction.KernpartnerDecision"/> for that role (audited).
    /// Else a Dutch refusal.
    /// </summary>
    public async Task<ParticipantPress> OpenAsParticipantAsync(Activity activity, CardData data, CancellationToken cancellationToken)
    {
        var (context, refusal) = await OpenAsync(activity, data, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return new ParticipantPress(null, null, null, refusal);
        }

        var resolved = await acting.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return new ParticipantPress(null, null, null, CardActionResult.Say(resolved.Refusal!));
        }

        var participant = OverlegAccess.AsParticipant(staff, context.Overleg.Partners);
        if (participant.Actor.Grants.Count == 0)
        {
            return new ParticipantPress(null, null, null, CardActionResult.Say(OverlegAccess.NotAParticipant(context.Overleg.Partners)));
        }

        var decision = await guard.CheckAsync(participant, AccessAction.KernpartnerDecision, context.Student, context.Dossier, cancellationToken).ConfigureAwait(false);
        return decision.IsAllowed
            ? new ParticipantPress(context, participant, decision, null)
            : new ParticipantPress(null, null, null, CardActionResult.Say(decision.Reason! + " Er is niets veranderd."));
    }
}

/// <summary>Either a participant's press to act on (<see cref="Context"/>, <see cref="Staff"/>, <see cref="Decision"/>), or the answer to give instead.</summary>
internal sealed record ParticipantPress(OverlegChatContext? Context, StaffMember? Staff, AccessDecision? Decision, CardActionResult? Refusal);
