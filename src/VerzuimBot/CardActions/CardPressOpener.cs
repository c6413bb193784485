using VerzuimBot.Access.Tenants;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Staff;

namespace VerzuimBot.CardActions;

/// <summary>
/// Either a press the handler may act on, or the answer to give instead: a refusal (with a code, and the presser when known,
/// for the audit), or "al afgehandeld" to someone allowed to see it.
/// </summary>
internal sealed record CardOpening(CardPress? Press, StaffMember? Presser, CardActionResult? Answer);

/// <summary>
/// The one opening of every card press (issue 19 item 1), in this order: who pressed (from the activity, never the card);
/// whether any of their roles could do this at all (from the verb and the card's data only, so the answer does not depend
/// on the student); the student the card names; the policy for that student now (allowed changes audited); and only then
/// the dossier's open tasks, and for a task card whether its task is still open. Every refusal on the student's side is one
/// neutral sentence.
/// </summary>
internal sealed class CardPressOpener(
    ActingStaff acting, StudentDirectory students, DossierService dossiers, SchoolProtocols protocols, TenantPolicy tenants, StudentGuard guard, RouteActionSupport support, TimeProvider time)
{
    /// <summary>The one refusal that says why (the presser may act for this student, the protocol stops them): LeerplichtReportRule.</summary>
    private const string SickOnlyToLeerplicht = "denied-sick-only-to-leerplicht";

    public async Task<CardOpening> OpenAsync(string verb, CardAccess access, Activity activity, CardData data, CancellationToken cancellationToken)
    {
        if (access.Kind == CardAccessKind.Conversation)
        {
            return new CardOpening(new CardPress(verb, activity, data, null, null), null, null);
        }

        var resolved = await acting.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return Refuse(null, resolved.Refusal!, "presser-without-role");
        }

        var now = time.GetUtcNow();
        var school = data.Id("school");
        var studentId = data.Id("leerling");

        // Only a configured school's protocol is looked up: a forged school id must not fill the protocol cache.
        var protocol = access.Kind == CardAccessKind.Student && school is not null && tenants.FindOrganisation(school) is { IsSchool: true } ? protocols.For(school) : null;
        var permits = access.Permits(data, protocol);
        if (permits.Count == 0)
        {
            return Refuse(staff, CardRefusals.Neutral, "card-not-ours");
        }

        var held = staff.Actor.Grants.Where(g => g.IsValidAt(now)).Select(g => g.Role).ToHashSet();
        if (!permits.SelectMany(p => p.Roles).Any(held.Contains))
        {
            // Decided on the presser's own roles only: the same answer for any student, existing or not.
            return Refuse(staff, StudentGuard.WrongRole(permits, staff.Actor, now), "denied-role");
        }

        if (access.Kind == CardAccessKind.Role)
        {
            return new CardOpening(new CardPress(verb, activity, data, staff, null), staff, null);
        }

        if (school is null || studentId is null || await students.GetAsync(school, studentId, cancellationToken).ConfigureAwait(false) is not { } student)
        {
            return Refuse(staff, CardRefusals.Neutral, "unknown-student");
        }

        var dossier = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
        var decision = await guard.CheckAsync(staff, permits, student, dossier, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            return Refuse(staff, decision.LogCode == SickOnlyToLeerplicht ? decision.Reason! : CardRefusals.Neutral, decision.LogCode);
        }

        protocol ??= protocols.For(student.SchoolId);
        var context = new RouteActionContext(staff, student, dossier, protocol, protocol.Engine.Evaluate(dossier, now), now, data.Id("taak") ?? string.Empty, decision);
        if (access.Task is not { } answers)
        {
            return new CardOpening(new CardPress(verb, activity, data, staff, context), staff, null);
        }

        return context.OpenTask(answers.Kinds) is { } task
            ? new CardOpening(new CardPress(verb, activity, data, staff, context, task), staff, null)
            : new CardOpening(null, staff, answers.AlreadyDone(support, context));
    }

    private static CardOpening Refuse(StaffMember? staff, string message, string code) => new(null, staff, new CardActionResult(null, message, code));
}
