using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.Protocol.Thuiszitter;

/// <summary>
/// Whether someone may see a thuiszitter case (domain.md §8), with the same policy and audit as <see cref="StudentGuard"/>.
/// The protocol itself tells kernpartners about a case, and <see cref="StudentContexts"/> counts that as reported: the
/// four-week contact with leerplicht (004 Werkwijzer punt 2, "ook wegens ziekte"), leerplicht engaging the jeugdarts and
/// the jeugdarts putting the aanvraag to the SWV (002 §7, 000), the SWV's own escalation (002 Bijlage 2). The route's
/// decisions are checked by the card-action pipeline with one <see cref="Permit"/> per owning role.
/// </summary>
internal sealed class ThuiszitterAccess(AuditTrail audit, TimeProvider time)
{
    /// <summary>Whether the staff member may see the case (ViewDossier); a read from outside the school is audited.</summary>
    public async Task<AccessDecision> CheckReadAsync(StaffMember staff, StudentRecord student, DossierView dossier, SchoolProtocol protocol, bool audited, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var context = StudentContexts.For(student, dossier, protocol, now);
        var decision = AccessPolicy.Decide(staff.Actor, AccessAction.ViewDossier, context, now);
        if (decision.IsAllowed && audited)
        {
            await audit.RecordReadAsync(staff.Actor, decision, AccessAction.ViewDossier, context, cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }
}
