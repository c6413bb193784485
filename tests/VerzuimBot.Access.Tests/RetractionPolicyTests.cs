using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Tests;

// issue 19 item 3: "herstel" takes back only what the role itself records; kernpartner decisions stand.
public sealed class RetractionPolicyTests
{
    private static readonly DateTimeOffset At = new(2026, 10, 16, 9, 0, 0, TimeSpan.FromHours(2));
    private static readonly EventId Id = new("ev-1");

    private static Actor By(Role role) => new(new StaffId("iemand@example.nl"), role);

    public static TheoryData<DossierEvent, Role[]> Recorders => new()
    {
        { new ZiekmeldingRecorded(Id, At, By(Role.Receptie), new DateOnly(2026, 10, 9), null, true), [Role.Receptie, Role.Verzuimcoordinator, Role.Zorgcoordinator, Role.Mentor] },
        { new UnauthorisedHoursRecorded(Id, At, By(Role.Receptie), new DateOnly(2026, 10, 9), 3), [Role.Receptie, Role.Verzuimcoordinator] },
        { new GesprekRecorded(Id, At, By(Role.Zorgcoordinator), new DateOnly(2026, 10, 16), GesprekOutcome.Monitoring), [Role.Zorgcoordinator, Role.Mentor] },
        { new PlanVanAanpakAgreed(Id, At, By(Role.Zorgcoordinator), new DateOnly(2026, 10, 16), new StaffId("z@example.nl")), [Role.Zorgcoordinator] },
        { new LadderActionCompleted(Id, At, By(Role.Verzuimcoordinator), 3, "Gesprek met ouders", null), [Role.Verzuimcoordinator] },

        // A kernpartner's record is theirs alone, even of a kind the school records too.
        { new LadderActionCompleted(Id, At, By(Role.Leerplichtambtenaar), 16, "Uitnodiging", null), [] },
        { new ConsultScheduled(Id, At, By(Role.Jeugdarts), new DateOnly(2026, 10, 27)), [] },

        // Kernpartner decisions and overleg records stand as recorded, whoever recorded them.
        { new LeerplichtJudgementRecorded(Id, At, By(Role.Leerplichtambtenaar), false, "Langdurig ziek", "RBL"), [] },
        { new KernpartnerDecisionRecorded(Id, At, By(Role.Zorgcoordinator), "12AB00", "Kernpartneroverleg gewenst?", "nee", "Loopt al"), [] },
        { new DoorzettingsmachtResolved(Id, At, By(Role.Swv), new DateOnly(2026, 10, 16), "SWV", "Plaats"), [] },
        { new OverlegActionAgreed(Id, At, By(Role.Zorgcoordinator), "a-1", "Bellen", Role.Mentor, new DateOnly(2026, 10, 20)), [] },
        { new EventRetracted(Id, At, By(Role.Receptie), new EventId("ev-0"), "Verkeerd"), [] },
    };

    [Theory]
    [MemberData(nameof(Recorders))]
    public void RecordersOf_OnlyTheRolesThatRecordTheKind_NobodyForAKernpartnersRecordOrDecision(DossierEvent fact, Role[] roles) =>
        Assert.Equal(roles, RetractionPolicy.RecordersOf(fact));
}
