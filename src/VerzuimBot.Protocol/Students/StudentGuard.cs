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

    public Task<AccessDecision> CheckAsync(StaffMember staff, AccessAction action, StudentRecord student, DossierView dossier, CancellationToken cancellationToken) =>
        CheckAsync(staff, [new Permit(action)], student, dossier, cancellationToken);

    /// <summary>The first of <paramref name="permits"/> the person holds for this student now (audited), or the first refusal (logged).</summary>
    public async Task<AccessDecision> CheckAsync(StaffMember staff, IReadOnlyList<Permit> permits, StudentRecord student, DossierView dossier, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var context = StudentContexts.For(student, dossier, protocols.For(student.SchoolId), now);
        var (decision, action) = Decide(staff.Actor, permits, context, now);
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

    /// <summary>The policy over several permits, each on the grants it allows: the first allowed one, else the first refusal.</summary>
    public static (AccessDecision Decision, AccessAction Action) Decide(AccessActor actor, IReadOnlyList<Permit> permits, StudentContext context, DateTimeOffset now)
    {
        (AccessDecision Decision, AccessAction Action)? refusal = null;
        foreach (var permit in permits)
        {
            var judged = permit.Role is { } role ? actor with { Grants = actor.Grants.Where(g => g.Role == role && g.IsValidAt(now)).ToList() } : actor;
            if (judged.Grants.Count == 0)
            {
                continue;
            }

            var decision = AccessPolicy.Decide(judged, permit.Action, context, now);
            if (decision.IsAllowed)
            {
                return (decision, permit.Action);
            }

            refusal ??= (decision, permit.Action);
        }

        return refusal ?? (AccessDecision.Denied(WrongRole(permits, actor, now), "denied-role"), permits.Count > 0 ? permits[0].Action : AccessAction.ViewDossier);
    }

    /// <summary>"Dit mag alleen een …": the roles of <paramref name="permits"/> against the roles the person holds now (nothing about any student).</summary>
    public static string WrongRole(IReadOnlyList<Permit> permits, AccessActor actor, DateTimeOffset now)
    {
        var mine = actor.Grants.Where(g => g.IsValidAt(now)).Select(g => RoleNames.Dutch(g.Role)).Distinct().ToList();
        var who = string.Join(" of ", permits.SelectMany(p => p.Roles).Distinct().Select(RoleNames.Dutch));
        return mine.Count == 0
            ? "Je hebt op dit moment geen rol in VerzuimBot. Vraag de beheerder van je school om een rol."
            : $"Dit mag alleen een {who}. Jouw rol ({string.Join(", ", mine)}) geeft daar geen toegang toe. Er is niets veranderd.";
    }
}
