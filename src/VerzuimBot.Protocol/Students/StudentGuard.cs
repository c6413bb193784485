using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.Protocol.Students;

/// <summary>
/// The server-side check in front of every student command and card action (domain.md §8): the
/// acting person must hold a role for this student at this moment. Allowed changes are audited, and
/// so are reads by someone outside the school; a refusal is logged with a code, never with a name.
/// </summary>
internal sealed class StudentGuard(AuditTrail audit, SchoolProtocols protocols, TimeProvider time, ILogger<StudentGuard> logger)
{
    private static readonly HashSet<AccessAction> Reads = [AccessAction.ViewAbsenceOverview, AccessAction.ViewDossier];

    public async Task<AccessDecision> CheckAsync(StaffMember staff, AccessAction action, StudentRecord student, DossierView dossier, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var context = StudentContexts.For(student, dossier, protocols.For(student.SchoolId), now);
        var decision = AccessPolicy.Decide(staff.Actor, action, context, now);
        if (!decision.IsAllowed)
        {
            logger.LogWarning("Refused {Action} for student {StudentId}: {Code}", action, student.Id.Value, decision.LogCode);
            return decision;
        }

        if (Reads.Contains(action))
        {
            await audit.RecordReadAsync(staff.Actor, decision, action, context, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await audit.RecordChangeAsync(staff.Actor, decision, action, context, cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }
}
