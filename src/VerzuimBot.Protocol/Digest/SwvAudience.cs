using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.Protocol.Digest;

/// <summary>For whom a digest is made: an SWV and the schools it covers (the school list of the SWV role's scope).</summary>
/// <param name="School">The one school asked for ("overzicht &lt;school&gt;"), null for the whole SWV.</param>
internal sealed record SwvAudience(string SwvId, string SwvName, IReadOnlyList<string> Schools, string? School = null);

/// <summary>
/// Who may see the SWV digest, and of which schools (domain.md §8): someone with the SWV role, for the schools of
/// that role's scope ("scholen:…") inside the SWV's service area (issue 19 item 4); an SWV role for the whole
/// organisation covers every school of the area.
/// </summary>
internal sealed class SwvAudiences(TenantPolicy tenants, TimeProvider time)
{
    public const string NotSwv = "Het overzicht is voor medewerkers van het samenwerkingsverband. Vraag de beheerder van het SWV om de rol \"medewerker SWV\" als je het nodig hebt.";

    public (SwvAudience? Audience, string? Refusal) For(StaffMember staff, string? school)
    {
        var now = time.GetUtcNow();
        var grant = staff.Actor.Grants.FirstOrDefault(g => g.Role == Role.Swv && g.IsValidAt(now));
        if (grant is null)
        {
            return (null, NotSwv);
        }

        var decision = AccessPolicy.DecideForOrganisation(staff.Actor, AccessAction.ViewSwvDigest, grant.OrganisationId, now);
        if (!decision.IsAllowed)
        {
            return (null, decision.Reason);
        }

        var schools = grant.ReachableSchools();
        if (!string.IsNullOrWhiteSpace(school))
        {
            var wanted = school.Trim();
            var match = schools.Where(s => string.Equals(s, wanted, StringComparison.OrdinalIgnoreCase)
                || SchoolName(s).Contains(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count != 1)
            {
                return (null, match.Count == 0
                    ? $"Ik ken geen school \"{wanted}\" bij jouw samenwerkingsverband. Jouw scholen: {string.Join(", ", schools.Select(Describe))}."
                    : $"Meer scholen passen bij \"{wanted}\". Typ \"overzicht\" met het BRIN-nummer: {string.Join(", ", match.Select(Describe))}.");
            }

            return (new SwvAudience(grant.OrganisationId, OrganisationName(grant.OrganisationId), match, match[0]), null);
        }

        return schools.Count == 0
            ? (null, "Aan jouw rol in het samenwerkingsverband zijn nog geen scholen gekoppeld. Vraag de beheerder van het SWV om dat te doen.")
            : (new SwvAudience(grant.OrganisationId, OrganisationName(grant.OrganisationId), schools), null);
    }

    /// <summary>
    /// The schools of a stored list (a channel subscription, an export link) that the SWV still serves: what was
    /// subscribed to earlier follows the configuration as it is now.
    /// </summary>
    public IReadOnlyList<string> WithinServiceArea(string swvId, IReadOnlyList<string> schools) =>
        tenants.FindOrganisation(swvId)?.Area?.Schools(RoleScope.Scholen(schools)) ?? [];

    public string SchoolName(string schoolId) => OrganisationName(schoolId);

    public string SwvName(string swvId) => OrganisationName(swvId);

    private string Describe(string schoolId) => $"{SchoolName(schoolId)} ({schoolId})";

    private string OrganisationName(string id) => tenants.FindOrganisation(id) is { Name.Length: > 0 } o ? o.Name : id;
}
