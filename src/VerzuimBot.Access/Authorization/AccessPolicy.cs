using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Authorization;

/// <summary>
/// Who may do what for which student, now (domain.md §8). Pure: no I/O, time only through the
/// <c>now</c> argument. Only the acting person's own grants count: a card pressed by someone it
/// was forwarded to is judged on the presser's roles. A grant counts only while valid at
/// <c>now</c>. The first grant that allows the action wins (own-school grants are tried first, so
/// the audit records the closest role). A kernpartner reaches a student only inside its organisation's
/// <see cref="ServiceArea"/> (issue 19 item 4).
/// </summary>
public static class AccessPolicy
{
    private static readonly Role[] SchoolStaff = [Role.Receptie, Role.Verzuimcoordinator, Role.Zorgcoordinator, Role.Mentor];

    /// <summary>Which roles may perform each student-level action at all (scope is checked afterwards).</summary>
    private static readonly Dictionary<AccessAction, Role[]> StudentActions = new()
    {
        [AccessAction.ViewAbsenceOverview] = SchoolStaff,
        [AccessAction.ViewDossier] = [Role.Verzuimcoordinator, Role.Zorgcoordinator, Role.Mentor, Role.Leerplichtambtenaar, Role.Jeugdarts, Role.Swv, Role.LokaalTeam],
        [AccessAction.LogZiekmelding] = SchoolStaff,
        [AccessAction.LogBeterMelding] = SchoolStaff,
        [AccessAction.LogUnauthorisedAbsence] = [Role.Receptie, Role.Verzuimcoordinator],
        [AccessAction.CompleteLadderAction] = [Role.Verzuimcoordinator],
        [AccessAction.AnswerMentorCard] = [Role.Mentor],
        [AccessAction.RecordGesprek] = [Role.Zorgcoordinator, Role.Mentor],
        [AccessAction.AanmeldingJeugdarts] = [Role.Zorgcoordinator],
        [AccessAction.ReportToLeerplicht] = [Role.Verzuimcoordinator, Role.Zorgcoordinator],
        [AccessAction.DecideLeerplicht] = [Role.Leerplichtambtenaar],
        [AccessAction.JeugdartsTerugkoppeling] = [Role.Jeugdarts],
        [AccessAction.EvaluatePlanVanAanpak] = [Role.Zorgcoordinator],
        [AccessAction.KernpartnerDecision] = [Role.Zorgcoordinator, Role.Leerplichtambtenaar, Role.Jeugdarts, Role.Swv],
        [AccessAction.RecordSchorsing] = [Role.Verzuimcoordinator, Role.Zorgcoordinator],
        [AccessAction.RecordAuthorisedAbsence] = [Role.Receptie, Role.Verzuimcoordinator],
        [AccessAction.DecideExtraVerlof] = [Role.Verzuimcoordinator],
        [AccessAction.RecordLeftSchool] = [Role.Verzuimcoordinator, Role.Leerplichtambtenaar],
        [AccessAction.ViewAuditTrail] = [Role.Beheerder],
        [AccessAction.InzageExport] = [Role.Beheerder],
        [AccessAction.DeleteStudentData] = [Role.Beheerder],
        [AccessAction.RetractEvent] = SchoolStaff,
    };

    private static readonly Dictionary<AccessAction, Role[]> OrganisationActions = new()
    {
        [AccessAction.ManageRoles] = [Role.Beheerder],
        [AccessAction.ImportRoster] = [Role.Beheerder],
        [AccessAction.ImportAbsences] = [Role.Beheerder, Role.Verzuimcoordinator],
        [AccessAction.ViewSwvDigest] = [Role.Swv],
    };

    /// <summary>The roles that may perform <paramref name="action"/> at all, before any scope (student- or organisation-level).</summary>
    public static IReadOnlyList<Role> RolesFor(AccessAction action) =>
        StudentActions.TryGetValue(action, out var roles) || OrganisationActions.TryGetValue(action, out roles)
            ? roles
            : throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown action.");

    /// <summary>
    /// Whether one of the actor's valid grants at the student's own school reaches the student without looking at the
    /// dossier (a mentor: their klas or leerling; the school's other roles: every student): which students a search by
    /// name or number may offer, so "not yours" and "unknown" read the same (issue 19 item 2).
    /// </summary>
    public static bool ReachesAtOwnSchool(AccessActor actor, StudentContext student, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(student);
        return actor.Grants.Any(g => g.IsValidAt(now) && IsOwnSchool(g, student) && ScopeRefusal(g, student) is null);
    }

    /// <summary>Decides a student-level action.</summary>
    public static AccessDecision Decide(AccessActor actor, AccessAction action, StudentContext student, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(student);
        if (!StudentActions.TryGetValue(action, out var roles))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Not a student-level action; use DecideForOrganisation.");
        }

        var valid = actor.Grants.Where(g => g.IsValidAt(now)).OrderByDescending(g => IsOwnSchool(g, student)).ToList();
        if (valid.Count == 0)
        {
            return AccessDecision.Denied("Je hebt op dit moment geen rol in VerzuimBot. Vraag de beheerder van je school om een rol.", "denied-no-role");
        }

        var holding = valid.Where(g => roles.Contains(g.Role)).ToList();
        if (holding.Count == 0)
        {
            return AccessDecision.Denied(
                $"Dit mag alleen een {string.Join(" of ", roles.Select(RoleNames.Dutch))}. Jouw rol ({string.Join(", ", valid.Select(g => RoleNames.Dutch(g.Role)).Distinct())}) geeft daar geen toegang toe.",
                "denied-role");
        }

        (string Reason, string Code)? firstRefusal = null;
        foreach (var grant in holding)
        {
            var refusal = ScopeRefusal(grant, student);
            if (refusal is null)
            {
                if (action == AccessAction.ReportToLeerplicht && student.LeerplichtFacts is { } facts && LeerplichtReportRule.Check(facts) is { } sickOnly)
                {
                    return AccessDecision.Denied(sickOnly, "denied-sick-only-to-leerplicht");
                }

                return AccessDecision.Allowed(grant, !IsOwnSchool(grant, student));
            }

            firstRefusal ??= refusal;
        }

        return AccessDecision.Denied(firstRefusal!.Value.Reason, firstRefusal.Value.Code);
    }

    /// <summary>Decides an organisation-level action (beheer, SWV digest).</summary>
    public static AccessDecision DecideForOrganisation(AccessActor actor, AccessAction action, string organisationId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(organisationId);
        if (!OrganisationActions.TryGetValue(action, out var roles))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Not an organisation-level action; use Decide.");
        }

        var grant = actor.Grants.FirstOrDefault(g => g.IsValidAt(now) && roles.Contains(g.Role) && SameId(g.OrganisationId, organisationId));
        return grant is null
            ? AccessDecision.Denied($"Dit mag alleen een {string.Join(" of ", roles.Select(RoleNames.Dutch))} van {organisationId}.", "denied-not-of-organisation")
            : AccessDecision.Allowed(grant, isOutsideSchool: false);
    }

    private static (string Reason, string Code)? ScopeRefusal(RoleGrant grant, StudentContext student)
    {
        switch (grant.Role)
        {
            case Role.Mentor:
                if (!IsOwnSchool(grant, student))
                {
                    return ("Je bent geen mentor op de school van deze leerling.", "denied-other-school");
                }

                return grant.Scope.Kind switch
                {
                    RoleScopeKind.Klas when grant.Scope.Contains(student.Klas) => null,
                    RoleScopeKind.Student when grant.Scope.Contains(student.StudentId) => null,
                    _ => ("Je bent geen mentor van deze leerling: je ziet alleen je eigen mentorleerlingen.", "denied-not-mentee"),
                };

            case Role.Receptie or Role.Verzuimcoordinator or Role.Zorgcoordinator or Role.Beheerder:
                return IsOwnSchool(grant, student)
                    ? null
                    : ("Deze leerling staat niet ingeschreven op jouw school.", "denied-other-school");

            case Role.Leerplichtambtenaar:
                if (!Reaches(grant, RoleScopeKind.Gemeenten, student.Woongemeente, student))
                {
                    return ("Deze leerling woont niet in een gemeente waarvoor jij leerplichtambtenaar bent.", "denied-other-gemeente");
                }

                return student.ReportedToLeerplicht
                    ? null
                    : ("Deze leerling is niet bij leerplicht gemeld.", "denied-not-reported-leerplicht");

            case Role.Jeugdarts:
                if (!Reaches(grant, RoleScopeKind.Scholen, student.SchoolId, student))
                {
                    return ("Je bent geen jeugdarts van de school van deze leerling.", "denied-other-school");
                }

                return student.ReferredToJeugdarts
                    ? null
                    : ("Deze leerling is niet bij de jeugdarts aangemeld.", "denied-not-referred");

            case Role.Swv:
                if (!Reaches(grant, RoleScopeKind.Scholen, student.SchoolId, student))
                {
                    return ("Deze school hoort niet bij jouw samenwerkingsverband.", "denied-other-school");
                }

                return student.ReportedToSwv
                    ? null
                    : ("Deze casus is niet bij het SWV gemeld; je ziet alleen de totalen.", "denied-not-reported-swv");

            case Role.LokaalTeam:
                if (!Reaches(grant, RoleScopeKind.Gemeenten, student.Woongemeente, student))
                {
                    return ("Deze leerling woont niet in de gemeente van jouw lokaal team.", "denied-other-gemeente");
                }

                return student.SharedWithLokaalTeam
                    ? null
                    : ("Deze casus is niet met het lokaal team gedeeld.", "denied-not-shared");

            default:
                return ("Deze rol geeft geen toegang tot leerlingen.", "denied-role");
        }
    }

    /// <summary>A kernpartner's scope holds the student's school or gemeente, and so does its organisation's service area.</summary>
    private static bool Reaches(RoleGrant grant, RoleScopeKind kind, string value, StudentContext student) =>
        grant.Scope.Kind == kind && grant.Scope.Contains(value) && grant.Area is { } area && area.Covers(kind, student.SchoolId, student.Woongemeente);

    private static bool IsOwnSchool(RoleGrant grant, StudentContext student) =>
        grant.OrganisationKind == OrganisationKind.School && SameId(grant.OrganisationId, student.SchoolId);

    private static bool SameId(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
