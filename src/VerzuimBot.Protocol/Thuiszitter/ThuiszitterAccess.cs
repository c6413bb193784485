using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.Protocol.Thuiszitter;

/// <summary>An action of the route and the one role that may take it with that access action.</summary>
internal sealed record RoleAction(AccessAction Action, Role Role);

/// <summary>
/// The server-side check of the thuiszitter route (domain.md §8), with the same policy, audit and log as
/// <see cref="StudentGuard"/>. Two things are added for this route:
/// <list type="bullet">
/// <item>Only the role that owns a decision may take it (domain.md §6): the presser's grants are narrowed to
/// that role before the policy looks at scope, so a zorgcoördinator cannot answer the SWV's card even though
/// both may take kernpartner decisions.</item>
/// <item>The protocol itself tells kernpartners about a case, and <see cref="StudentContexts"/> counts that as
/// reported: the four-week contact with leerplicht (004 Werkwijzer punt 2, "ook wegens ziekte"), leerplicht
/// engaging the jeugdarts and the jeugdarts putting the aanvraag to the SWV (002 §7, 000), the SWV's own
/// escalation (002 Bijlage 2). Once leerplicht judged "ja", the new melding 'thuiszitter' is required
/// (004), so the sick-only rule of §8 no longer stands in its way.</item>
/// </list>
/// </summary>
internal sealed class ThuiszitterAccess(AuditTrail audit, TimeProvider time, ILogger<ThuiszitterAccess> logger)
{
    /// <summary>Whether the staff member may take the decision in one of <paramref name="allowed"/>; an allowed change is audited.</summary>
    public async Task<AccessDecision> CheckAsync(StaffMember staff, StudentRecord student, DossierView dossier, SchoolProtocol protocol, IReadOnlyList<RoleAction> allowed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var context = StudentContexts.For(student, dossier, protocol, now);
        var valid = staff.Actor.Grants.Where(g => g.IsValidAt(now)).ToList();
        AccessDecision? refusal = null;
        foreach (var (action, role) in allowed)
        {
            var narrowed = staff.Actor with { Grants = valid.Where(g => g.Role == role).ToList() };
            if (narrowed.Grants.Count == 0)
            {
                continue;
            }

            var decision = AccessPolicy.Decide(narrowed, action, context, now);
            if (decision.IsAllowed)
            {
                await audit.RecordChangeAsync(staff.Actor, decision, action, context, cancellationToken).ConfigureAwait(false);
                return decision;
            }

            refusal ??= decision;
        }

        refusal ??= AccessDecision.Denied(WrongRole(allowed.Select(a => a.Role), valid.Select(g => g.Role)), "denied-role");
        logger.LogWarning("Refused a thuiszitter decision for student {StudentId}: {Code}", student.Id.Value, refusal.LogCode);
        return refusal;
    }

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

    private static string WrongRole(IEnumerable<Role> allowed, IEnumerable<Role> held)
    {
        var mine = held.Distinct().Select(RoleNames.Dutch).ToList();
        var who = string.Join(" of ", allowed.Distinct().Select(RoleNames.Dutch));
        return mine.Count == 0
            ? "Je hebt op dit moment geen rol in VerzuimBot. Vraag de beheerder van je school om een rol."
            : $"Dit mag alleen een {who}. Jouw rol ({string.Join(", ", mine)}) geeft daar geen toegang toe. Er is niets veranderd.";
    }
}
