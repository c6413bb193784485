using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Tests;

// issue 7 item 4 / domain.md §8: every rule, allowed and denied.
public sealed class AccessPolicyTests
{
    private const string School = "12AB00";
    private const string Other = "34CD00";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = Now.AddDays(-30);

    private static readonly StudentContext StudentOf2b = new(School, "s-2b", "2b", "Utrecht");
    private static readonly StudentContext StudentOf3a = new(School, "s-3a", "3a", "Utrecht");

    private static AccessActor Actor(params RoleGrant[] grants) => new("user@example.nl", "tenant", grants);

    private static RoleGrant AtSchool(Role role, RoleScope? scope = null, string school = School, DateTimeOffset? until = null) =>
        new(role, school, OrganisationKind.School, scope ?? RoleScope.Organisation, Earlier, until);

    /// <summary>Every kernpartner here serves both schools and both gemeenten, and both schools name it (issue 19 item 4).</summary>
    private static readonly ServiceArea Everywhere = ServiceArea.Of([School, Other], ["Utrecht", "Zeist"], [School, Other]);

    private static RoleGrant Leerplicht(params string[] gemeenten) => new(Role.Leerplichtambtenaar, "rbl", OrganisationKind.Leerplicht, RoleScope.Gemeenten(gemeenten), Earlier, Area: Everywhere);

    private static RoleGrant Jeugdarts(params string[] schools) => new(Role.Jeugdarts, "ggd", OrganisationKind.Jeugdgezondheidszorg, RoleScope.Scholen(schools), Earlier, Area: Everywhere);

    private static RoleGrant Swv(params string[] schools) => new(Role.Swv, "swv", OrganisationKind.Swv, RoleScope.Scholen(schools), Earlier, Area: Everywhere);

    private static RoleGrant LokaalTeam(params string[] gemeenten) => new(Role.LokaalTeam, "wijkteam", OrganisationKind.LokaalTeam, RoleScope.Gemeenten(gemeenten), Earlier, Area: Everywhere);

    // Mentor: own mentees only (by klas or by student).
    [Fact]
    public void Decide_MentorOf2bAsksAboutStudentOf2b_Allowed()
    {
        var decision = AccessPolicy.Decide(Actor(AtSchool(Role.Mentor, RoleScope.Klas("2B"))), AccessAction.ViewDossier, StudentOf2b, Now);

        Assert.True(decision.IsAllowed);
        Assert.False(decision.IsOutsideSchool);
    }

    [Fact]
    public void Decide_MentorOf2bAsksAboutStudentOf3a_Denied()
    {
        var decision = AccessPolicy.Decide(Actor(AtSchool(Role.Mentor, RoleScope.Klas("2b"))), AccessAction.ViewDossier, StudentOf3a, Now);

        Assert.False(decision.IsAllowed);
        Assert.Equal("denied-not-mentee", decision.LogCode);
        Assert.Equal("Je bent geen mentor van deze leerling: je ziet alleen je eigen mentorleerlingen.", decision.Reason);
    }

    [Fact]
    public void Decide_MentorOfOneStudent_AllowedForThatStudentOnly()
    {
        var actor = Actor(AtSchool(Role.Mentor, RoleScope.Student("s-3a")));

        Assert.True(AccessPolicy.Decide(actor, AccessAction.AnswerMentorCard, StudentOf3a, Now).IsAllowed);
        Assert.False(AccessPolicy.Decide(actor, AccessAction.AnswerMentorCard, StudentOf2b, Now).IsAllowed);
    }

    [Fact]
    public void Decide_MentorOfSameKlasAtAnotherSchool_Denied()
    {
        var decision = AccessPolicy.Decide(Actor(AtSchool(Role.Mentor, RoleScope.Klas("2b"), school: Other)), AccessAction.ViewDossier, StudentOf2b, Now);

        Assert.Equal("denied-other-school", decision.LogCode);
    }

    // School staff: their school.
    [Theory]
    [InlineData(Role.Verzuimcoordinator, AccessAction.ViewDossier)]
    [InlineData(Role.Zorgcoordinator, AccessAction.ViewDossier)]
    [InlineData(Role.Receptie, AccessAction.LogZiekmelding)]
    [InlineData(Role.Receptie, AccessAction.LogUnauthorisedAbsence)]
    [InlineData(Role.Verzuimcoordinator, AccessAction.CompleteLadderAction)]
    [InlineData(Role.Zorgcoordinator, AccessAction.AanmeldingJeugdarts)]
    [InlineData(Role.Beheerder, AccessAction.InzageExport)]
    public void Decide_SchoolStaffForStudentOfOwnSchool_Allowed(Role role, AccessAction action)
    {
        Assert.True(AccessPolicy.Decide(Actor(AtSchool(role)), action, StudentOf3a, Now).IsAllowed);
    }

    [Theory]
    [InlineData(Role.Verzuimcoordinator, AccessAction.ViewDossier)]
    [InlineData(Role.Receptie, AccessAction.LogZiekmelding)]
    [InlineData(Role.Zorgcoordinator, AccessAction.AanmeldingJeugdarts)]
    [InlineData(Role.Beheerder, AccessAction.DeleteStudentData)]
    public void Decide_SchoolStaffForStudentOfAnotherSchool_Denied(Role role, AccessAction action)
    {
        var decision = AccessPolicy.Decide(Actor(AtSchool(role, school: Other)), action, StudentOf3a, Now);

        Assert.Equal(("denied-other-school", "Deze leerling staat niet ingeschreven op jouw school."), (decision.LogCode, decision.Reason));
    }

    [Fact]
    public void Decide_ReceptieOpensTheDossier_DeniedReceptieSeesOnlyTheOverview()
    {
        var receptie = Actor(AtSchool(Role.Receptie));

        Assert.Equal("denied-role", AccessPolicy.Decide(receptie, AccessAction.ViewDossier, StudentOf2b, Now).LogCode);
        Assert.True(AccessPolicy.Decide(receptie, AccessAction.ViewAbsenceOverview, StudentOf2b, Now).IsAllowed);
    }

    // Leerplicht: students of their gemeenten that were reported to them.
    [Fact]
    public void Decide_ReceptieTriesToDecideForLeerplicht_Denied()
    {
        var decision = AccessPolicy.Decide(Actor(AtSchool(Role.Receptie)), AccessAction.DecideLeerplicht, StudentOf2b with { ReportedToLeerplicht = true }, Now);

        Assert.False(decision.IsAllowed);
        Assert.Equal("denied-role", decision.LogCode);
        Assert.StartsWith("Dit mag alleen een leerplichtambtenaar.", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_LeerplichtOfWoongemeenteForReportedStudent_AllowedAndAuditedAsOutsideSchool()
    {
        var decision = AccessPolicy.Decide(Actor(Leerplicht("Utrecht", "Zeist")), AccessAction.DecideLeerplicht, StudentOf2b with { ReportedToLeerplicht = true }, Now);

        Assert.True(decision.IsAllowed);
        Assert.True(decision.IsOutsideSchool);
    }

    [Fact]
    public void Decide_LeerplichtForStudentNotReported_Denied()
    {
        Assert.Equal("denied-not-reported-leerplicht", AccessPolicy.Decide(Actor(Leerplicht("Utrecht")), AccessAction.ViewDossier, StudentOf2b, Now).LogCode);
    }

    [Fact]
    public void Decide_LeerplichtOfAnotherGemeente_Denied()
    {
        var decision = AccessPolicy.Decide(Actor(Leerplicht("Zeist")), AccessAction.ViewDossier, StudentOf2b with { ReportedToLeerplicht = true }, Now);

        Assert.Equal("denied-other-gemeente", decision.LogCode);
    }

    // Jeugdarts: students referred to them, of their schools.
    [Fact]
    public void Decide_JeugdartsOfTheSchoolForReferredStudent_Allowed()
    {
        Assert.True(AccessPolicy.Decide(Actor(Jeugdarts(School)), AccessAction.JeugdartsTerugkoppeling, StudentOf2b with { ReferredToJeugdarts = true }, Now).IsAllowed);
    }

    [Fact]
    public void Decide_JeugdartsOfAnotherSchool_Denied()
    {
        var decision = AccessPolicy.Decide(Actor(Jeugdarts(Other)), AccessAction.ViewDossier, StudentOf2b with { ReferredToJeugdarts = true }, Now);

        Assert.Equal(("denied-other-school", "Je bent geen jeugdarts van de school van deze leerling."), (decision.LogCode, decision.Reason));
    }

    [Fact]
    public void Decide_JeugdartsForStudentNotReferred_Denied()
    {
        Assert.Equal("denied-not-referred", AccessPolicy.Decide(Actor(Jeugdarts(School)), AccessAction.ViewDossier, StudentOf2b, Now).LogCode);
    }

    [Fact]
    public void Decide_JeugdartsTriesTheLeerplichtDecision_Denied()
    {
        Assert.Equal("denied-role", AccessPolicy.Decide(Actor(Jeugdarts(School)), AccessAction.DecideLeerplicht, StudentOf2b with { ReferredToJeugdarts = true, ReportedToLeerplicht = true }, Now).LogCode);
    }

    // SWV: cases reported to it, otherwise aggregates.
    [Fact]
    public void Decide_SwvForReportedCase_AllowedOtherwiseDenied()
    {
        var swv = Actor(Swv(School));

        Assert.True(AccessPolicy.Decide(swv, AccessAction.ViewDossier, StudentOf2b with { ReportedToSwv = true }, Now).IsAllowed);
        var denied = AccessPolicy.Decide(swv, AccessAction.ViewDossier, StudentOf2b, Now);
        Assert.Equal(("denied-not-reported-swv", "Deze casus is niet bij het SWV gemeld; je ziet alleen de totalen."), (denied.LogCode, denied.Reason));
        Assert.Equal("denied-other-school", AccessPolicy.Decide(Actor(Swv(Other)), AccessAction.ViewDossier, StudentOf2b with { ReportedToSwv = true }, Now).LogCode);
    }

    [Fact]
    public void DecideForOrganisation_SwvDigest_AllowedForSwvOfThatOrganisationOnly()
    {
        Assert.True(AccessPolicy.DecideForOrganisation(Actor(Swv(School)), AccessAction.ViewSwvDigest, "swv", Now).IsAllowed);
        Assert.False(AccessPolicy.DecideForOrganisation(Actor(AtSchool(Role.Zorgcoordinator)), AccessAction.ViewSwvDigest, "swv", Now).IsAllowed);
        Assert.False(AccessPolicy.DecideForOrganisation(Actor(Swv(School)), AccessAction.ViewSwvDigest, "ander-swv", Now).IsAllowed);
    }

    // Lokaal team: shared cases of their gemeente.
    [Fact]
    public void Decide_LokaalTeam_OnlySharedCasesOfItsGemeente()
    {
        var team = Actor(LokaalTeam("Utrecht"));

        Assert.True(AccessPolicy.Decide(team, AccessAction.ViewDossier, StudentOf2b with { SharedWithLokaalTeam = true }, Now).IsAllowed);
        Assert.Equal("denied-not-shared", AccessPolicy.Decide(team, AccessAction.ViewDossier, StudentOf2b, Now).LogCode);
        Assert.Equal("denied-other-gemeente", AccessPolicy.Decide(Actor(LokaalTeam("Zeist")), AccessAction.ViewDossier, StudentOf2b with { SharedWithLokaalTeam = true }, Now).LogCode);
    }

    // Beheer: beheerder of that organisation.
    [Fact]
    public void DecideForOrganisation_ManageRoles_OnlyBeheerderOfThatOrganisation()
    {
        Assert.True(AccessPolicy.DecideForOrganisation(Actor(AtSchool(Role.Beheerder)), AccessAction.ManageRoles, School, Now).IsAllowed);
        Assert.False(AccessPolicy.DecideForOrganisation(Actor(AtSchool(Role.Beheerder, school: Other)), AccessAction.ManageRoles, School, Now).IsAllowed);
        Assert.False(AccessPolicy.DecideForOrganisation(Actor(AtSchool(Role.Zorgcoordinator)), AccessAction.ImportRoster, School, Now).IsAllowed);
    }

    [Fact]
    public void Decide_BeheerderOpensTheDossier_DeniedBeheerIsNoCareRole()
    {
        Assert.Equal("denied-role", AccessPolicy.Decide(Actor(AtSchool(Role.Beheerder)), AccessAction.ViewDossier, StudentOf2b, Now).LogCode);
    }

    // Card forwarded and pressed by someone else: the presser's own roles decide.
    [Fact]
    public void Decide_MentorCardForwardedToAColleague_ThePressersOwnRolesDecide()
    {
        // The card was sent to the mentor of 2b; a mentor of 3a presses it.
        var presser = Actor(AtSchool(Role.Mentor, RoleScope.Klas("3a")));
        Assert.Equal("denied-not-mentee", AccessPolicy.Decide(presser, AccessAction.AnswerMentorCard, StudentOf2b, Now).LogCode);

        // A zorgcoördinator of the same school presses it: the mentor's answer is not theirs to give.
        var zorg = Actor(AtSchool(Role.Zorgcoordinator));
        Assert.Equal("denied-role", AccessPolicy.Decide(zorg, AccessAction.AnswerMentorCard, StudentOf2b, Now).LogCode);

        // The co-mentor of 2b presses it: allowed on their own grant.
        var coMentor = Actor(AtSchool(Role.Mentor, RoleScope.Klas("2b")));
        Assert.True(AccessPolicy.Decide(coMentor, AccessAction.AnswerMentorCard, StudentOf2b, Now).IsAllowed);
    }

    [Fact]
    public void Decide_JeugdartsCardForwardedToLeerplicht_Denied()
    {
        var leerplicht = Actor(Leerplicht("Utrecht"));

        Assert.Equal("denied-role", AccessPolicy.Decide(leerplicht, AccessAction.JeugdartsTerugkoppeling, StudentOf2b with { ReferredToJeugdarts = true, ReportedToLeerplicht = true }, Now).LogCode);
    }

    // Time: a revoked (ended) role no longer works; a future grant does not work yet.
    [Fact]
    public void Decide_RoleRevokedAtNoon_WorksBeforeAndNotAfter()
    {
        var noon = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var actor = Actor(AtSchool(Role.Mentor, RoleScope.Klas("2b"), until: noon));

        Assert.True(AccessPolicy.Decide(actor, AccessAction.AnswerMentorCard, StudentOf2b, noon.AddMinutes(-1)).IsAllowed);
        var after = AccessPolicy.Decide(actor, AccessAction.AnswerMentorCard, StudentOf2b, noon);
        Assert.Equal("denied-no-role", after.LogCode);
        Assert.Equal("Je hebt op dit moment geen rol in VerzuimBot. Vraag de beheerder van je school om een rol.", after.Reason);
    }

    [Fact]
    public void Decide_GrantStartingTomorrow_DoesNotWorkToday()
    {
        var grant = new RoleGrant(Role.Zorgcoordinator, School, OrganisationKind.School, RoleScope.Organisation, Now.AddDays(1));

        Assert.False(AccessPolicy.Decide(Actor(grant), AccessAction.ViewDossier, StudentOf2b, Now).IsAllowed);
    }

    [Fact]
    public void Decide_NoGrants_Denied()
    {
        Assert.Equal("denied-no-role", AccessPolicy.Decide(Actor(), AccessAction.ViewAbsenceOverview, StudentOf2b, Now).LogCode);
    }

    // §8 first rule: illness is not reported to leerplicht without the recorded judgement.
    [Fact]
    public void Decide_ReportSickOnlyCaseToLeerplicht_DeniedUntilTheJudgementIsRecorded()
    {
        var zorg = Actor(AtSchool(Role.Zorgcoordinator));
        var sickOnly = StudentOf2b with { LeerplichtFacts = new LeerplichtReportFacts(HasIllness: true, HasUnauthorisedAbsence: false, VermoedenOngeoorloofdRecorded: false) };

        var refused = AccessPolicy.Decide(zorg, AccessAction.ReportToLeerplicht, sickOnly, Now);
        Assert.Equal("denied-sick-only-to-leerplicht", refused.LogCode);
        Assert.StartsWith("Deze leerling is alleen ziek gemeld.", refused.Reason, StringComparison.Ordinal);

        var judged = sickOnly with { LeerplichtFacts = sickOnly.LeerplichtFacts! with { VermoedenOngeoorloofdRecorded = true } };
        Assert.True(AccessPolicy.Decide(zorg, AccessAction.ReportToLeerplicht, judged, Now).IsAllowed);
    }

    [Fact]
    public void LeerplichtReportRule_UnauthorisedHours_MayBeReported()
    {
        Assert.Null(LeerplichtReportRule.Check(new LeerplichtReportFacts(HasIllness: true, HasUnauthorisedAbsence: true, VermoedenOngeoorloofdRecorded: false)));
        Assert.NotNull(LeerplichtReportRule.Check(new LeerplichtReportFacts(HasIllness: false, HasUnauthorisedAbsence: false, VermoedenOngeoorloofdRecorded: false)));
    }

    [Fact]
    public void Decide_ActorWithSeveralGrants_PrefersTheOwnSchoolGrant()
    {
        var actor = Actor(Jeugdarts(School), AtSchool(Role.Zorgcoordinator));

        var decision = AccessPolicy.Decide(actor, AccessAction.ViewDossier, StudentOf2b with { ReferredToJeugdarts = true }, Now);

        Assert.Equal((Role.Zorgcoordinator, false), (decision.Grant!.Role, decision.IsOutsideSchool));
    }

    [Fact]
    public void RoleScope_StorageRoundTrip_AndUnknownScopeIsNeverWidened()
    {
        foreach (var scope in new[] { RoleScope.Organisation, RoleScope.Klas("2b"), RoleScope.Student("s-1"), RoleScope.Gemeenten("Utrecht", "Stichtse Vecht"), RoleScope.Scholen("12AB00") })
        {
            Assert.Equal(scope, RoleScope.FromStorage(scope.ToStorage()));
        }

        Assert.Null(RoleScope.FromStorage("afdeling:bovenbouw"));
        Assert.Null(RoleScope.FromStorage("klas:"));
    }

    // issue 19 item 4: a kernpartner's grant reaches a student only inside its organisation's service area, whatever scope it holds.
    [Theory]
    [InlineData("ggd-elsewhere", "denied-other-school")] // the GGD does not serve this school
    [InlineData("school-drops-ggd", "denied-other-school")] // the school no longer names the GGD as kernpartner
    [InlineData("no-area", "denied-other-school")] // a grant that carries no area (nothing configured) reaches nobody
    public void Decide_JeugdartsGrantOutsideTheServiceArea_Denied(string situation, string code)
    {
        var area = situation switch
        {
            "ggd-elsewhere" => ServiceArea.Of([Other], [], [School, Other]),
            "school-drops-ggd" => ServiceArea.Of([School, Other], [], [Other]),
            _ => null,
        };
        var grant = Jeugdarts(School) with { Area = area };

        var decision = AccessPolicy.Decide(Actor(grant), AccessAction.JeugdartsTerugkoppeling, StudentOf2b with { ReferredToJeugdarts = true }, Now);

        Assert.False(decision.IsAllowed);
        Assert.Equal(code, decision.LogCode);
        Assert.Equal("Je bent geen jeugdarts van de school van deze leerling.", decision.Reason);
    }

    [Fact]
    public void Decide_LeerplichtOfAGemeenteOutsideTheArea_OrOfASchoolThatDoesNotNameIt_Denied()
    {
        var reported = StudentOf2b with { ReportedToLeerplicht = true };
        var notUtrecht = Leerplicht("Utrecht") with { Area = ServiceArea.Of([], ["Zeist"], [School]) };
        var notThisSchool = Leerplicht("Utrecht") with { Area = ServiceArea.Of([], ["Utrecht"], [Other]) };

        Assert.Equal("denied-other-gemeente", AccessPolicy.Decide(Actor(notUtrecht), AccessAction.DecideLeerplicht, reported, Now).LogCode);
        Assert.Equal("denied-other-gemeente", AccessPolicy.Decide(Actor(notThisSchool), AccessAction.DecideLeerplicht, reported, Now).LogCode);
        Assert.True(AccessPolicy.Decide(Actor(Leerplicht("Utrecht") with { Area = ServiceArea.Of([], ["Utrecht"], [School]) }), AccessAction.DecideLeerplicht, reported, Now).IsAllowed);
    }

    [Fact]
    public void ServiceArea_OutsideAndReachableSchools_FollowBothSidesOfTheConfiguration()
    {
        var area = ServiceArea.Of(["12AB00", "56EF00"], ["Utrecht"], ["12ab00", "34CD00"]);

        Assert.Equal(["56EF00", "99ZZ99"], area.Outside(RoleScope.Scholen("12AB00", "56EF00", "99ZZ99")));
        Assert.Equal(["Zeist"], area.Outside(RoleScope.Gemeenten("utrecht", "Zeist")));
        Assert.Equal(["12AB00"], area.Schools(RoleScope.Scholen("12AB00", "56EF00")));
        Assert.Equal(["12ab00", "34CD00"], area.Schools(RoleScope.Gemeenten("Utrecht")));
        Assert.Equal(["12AB00"], area.Schools(RoleScope.Organisation));
    }

    // issue 19 item 2: what a search may offer: only students the person's own school roles reach, without the dossier.
    [Fact]
    public void ReachesAtOwnSchool_MentorHisKlasOnly_SchoolRolesTheirSchool_KernpartnersAndOtherSchoolsNever()
    {
        Assert.True(AccessPolicy.ReachesAtOwnSchool(Actor(AtSchool(Role.Mentor, RoleScope.Klas("2b"))), StudentOf2b, Now));
        Assert.False(AccessPolicy.ReachesAtOwnSchool(Actor(AtSchool(Role.Mentor, RoleScope.Klas("2b"))), StudentOf3a, Now));
        Assert.True(AccessPolicy.ReachesAtOwnSchool(Actor(AtSchool(Role.Receptie)), StudentOf3a, Now));
        Assert.True(AccessPolicy.ReachesAtOwnSchool(Actor(AtSchool(Role.Beheerder)), StudentOf3a, Now));
        Assert.False(AccessPolicy.ReachesAtOwnSchool(Actor(AtSchool(Role.Zorgcoordinator, school: Other)), StudentOf2b, Now));
        Assert.False(AccessPolicy.ReachesAtOwnSchool(Actor(AtSchool(Role.Receptie, until: Now)), StudentOf2b, Now));
        Assert.False(AccessPolicy.ReachesAtOwnSchool(Actor(Leerplicht("Utrecht"), Jeugdarts(School), Swv(School)), StudentOf2b with { ReportedToLeerplicht = true, ReferredToJeugdarts = true, ReportedToSwv = true }, Now));
    }

    [Fact]
    public void RolesFor_StudentAndOrganisationActions_AreThePolicysOwnLists()
    {
        Assert.Equal([Role.Leerplichtambtenaar], AccessPolicy.RolesFor(AccessAction.DecideLeerplicht));
        Assert.Equal([Role.Swv], AccessPolicy.RolesFor(AccessAction.ViewSwvDigest));
        Assert.Equal([Role.Receptie, Role.Verzuimcoordinator, Role.Zorgcoordinator, Role.Mentor], AccessPolicy.RolesFor(AccessAction.RetractEvent));
    }
}
