using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.OverlegRoute;

/// <summary>
/// Who may do what in an overleg, on top of <see cref="AccessPolicy"/> (which still decides role and scope for the
/// student, now): the policy is asked with only the grants that fit the step, so a person is judged on the role the
/// step needs and not on another role they happen to hold.
/// </summary>
internal static class OverlegAccess
{
    /// <summary>The school (zorgcoördinator) or RBL (leerplichtambtenaar) decides whether an overleg is wanted (000; 002 Bijlage 2).</summary>
    public static readonly Role[] Deciders = [Role.Zorgcoordinator, Role.Leerplichtambtenaar];

    public const string NotADecider = "Over een kernpartneroverleg, MDO of groot overleg besluit de zorgcoördinator van de school of de leerplichtambtenaar. Er is niets veranderd.";

    public static StaffMember Only(StaffMember staff, Func<RoleGrant, bool> keep) =>
        staff with { Actor = staff.Actor with { Grants = staff.Actor.Grants.Where(keep).ToList() } };

    public static StaffMember AsDecider(StaffMember staff) => Only(staff, g => Deciders.Contains(g.Role));

    /// <summary>Only grants of organisations that take part in the overleg (ouders have no organisation in Teams).</summary>
    public static StaffMember AsParticipant(StaffMember staff, IEnumerable<string> partners)
    {
        var kinds = partners.Select(OverlegTerms.Partner).OfType<OverlegPartner>().Select(p => p.Organisation).OfType<OrganisationKind>().ToHashSet();
        return Only(staff, g => kinds.Contains(g.OrganisationKind));
    }

    public static string NotAParticipant(IEnumerable<string> partners) =>
        $"Alleen deelnemers van dit overleg ({OverlegTerms.PartnerList(partners)}) kunnen hier iets vastleggen; jouw organisatie doet niet mee. Er is niets veranderd.";

    /// <summary>The owner of an action marks it done: the mentor as mentor of this student, the others as kernpartner of this case.</summary>
    public static AccessAction CompleteActionFor(Role owner) => owner == Role.Mentor ? AccessAction.AnswerMentorCard : AccessAction.KernpartnerDecision;
}
