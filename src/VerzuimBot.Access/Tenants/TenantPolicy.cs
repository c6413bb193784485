using VerzuimBot.Access.Authorization;

namespace VerzuimBot.Access.Tenants;

/// <summary>
/// The tenant allow-list (issue 7 item 3). Pure: built from configuration, no I/O. An activity from
/// a tenant that no configured organisation lists is refused; an allowed tenant maps to the
/// organisation(s) whose people use it (a school board's tenant may host several schools).
/// Each kernpartner gets its <see cref="ServiceArea"/> from its own lists and the schools that name it.
/// </summary>
public sealed class TenantPolicy
{
    internal const string RefusalText =
        "Sorry, VerzuimBot is niet beschikbaar voor jouw organisatie. Denk je dat dit niet klopt? Neem dan contact op met de beheerder van je school.";

    private readonly Dictionary<string, List<Organisation>> _byTenant = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Organisation> _byId = new(StringComparer.OrdinalIgnoreCase);

    public TenantPolicy(TenantAllowListOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var configured in options.Organisations)
        {
            if (string.IsNullOrWhiteSpace(configured.Id))
            {
                throw new ArgumentException("Every organisation in the tenant allow-list needs an Id.", nameof(options));
            }

            var organisation = new Organisation(
                configured.Id.Trim(),
                configured.Kind,
                string.IsNullOrWhiteSpace(configured.Name) ? configured.Id.Trim() : configured.Name.Trim(),
                configured.TenantIds.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList(),
                configured.Beheerders.Where(b => !string.IsNullOrWhiteSpace(b)).Select(EmailAddress.Normalise).ToList())
            {
                SharePointHosts = SharePointHostsOf(configured),
            };
            if (!_byId.TryAdd(organisation.Id, organisation))
            {
                throw new ArgumentException($"Organisation '{organisation.Id}' appears twice in the tenant allow-list.", nameof(options));
            }
        }

        foreach (var configured in options.Organisations)
        {
            var organisation = _byId[configured.Id.Trim()];
            _byId[organisation.Id] = organisation = organisation.IsSchool
                ? organisation with { Kernpartners = KernpartnersOf(organisation, configured) }
                : organisation with { Area = AreaOf(organisation, configured, options) };
            foreach (var tenant in organisation.TenantIds)
            {
                if (!_byTenant.TryGetValue(tenant, out var list))
                {
                    _byTenant[tenant] = list = [];
                }

                list.Add(organisation);
            }
        }
    }

    public IReadOnlyCollection<Organisation> Organisations => _byId.Values;

    private List<string> KernpartnersOf(Organisation school, OrganisationOptions configured)
    {
        var ids = Clean(configured.Kernpartners);
        if (ids.FirstOrDefault(id => !_byId.TryGetValue(id, out var partner) || partner.IsSchool) is { } unknown)
        {
            throw new ArgumentException($"School '{school.Id}' names kernpartner '{unknown}', which is not a configured kernpartner organisation.", nameof(configured));
        }

        return ids.Select(id => _byId[id].Id).ToList();
    }

    private static ServiceArea AreaOf(Organisation kernpartner, OrganisationOptions configured, TenantAllowListOptions options) =>
        ServiceArea.Of(
            Clean(configured.Scholen),
            Clean(configured.Gemeenten),
            options.Organisations.Where(o => o.Kind == OrganisationKind.School && Clean(o.Kernpartners).Contains(kernpartner.Id, StringComparer.OrdinalIgnoreCase)).Select(o => o.Id.Trim()));

    private static List<string> Clean(IEnumerable<string> values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// A tenant name is one DNS label, so it can only ever name that tenant's own hosts (never "*.sharepoint.com"
    /// or another domain): letters, digits and hyphens.
    /// </summary>
    private static List<string> SharePointHostsOf(OrganisationOptions configured)
    {
        var name = configured.SharePointTenant?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(name))
        {
            return [];
        }

        if (name.Length > 63 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || name.StartsWith('-') || name.EndsWith('-'))
        {
            throw new ArgumentException($"SharePointTenant of organisation '{configured.Id}' must be the tenant's name only (e.g. \"demoschool\" for demoschool.sharepoint.com).", nameof(configured));
        }

        return [$"{name}.sharepoint.com", $"{name}-my.sharepoint.com"];
    }

    public Organisation? FindOrganisation(string organisationId) =>
        _byId.GetValueOrDefault(organisationId.Trim());

    /// <summary>Whether an activity from <paramref name="tenantId"/> is allowed, and for which organisations.</summary>
    public TenantCheck Check(string? tenantId)
    {
        if (string.IsNullOrWhiteSpace(tenantId))
        {
            return new TenantCheck(false, [], RefusalText, "tenant-missing");
        }

        return _byTenant.TryGetValue(tenantId.Trim(), out var organisations)
            ? new TenantCheck(true, organisations, null, null)
            : new TenantCheck(false, [], RefusalText, "tenant-not-allowed");
    }
}
