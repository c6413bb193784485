namespace VerzuimBot.Access.Authorization;

/// <summary>
/// Where a kernpartner organisation works (issue 19 item 4): the schools (BRIN) and gemeenten configured for it, and the
/// schools that name it as one of their kernpartners. A kernpartner's role reaches a student only inside this area,
/// whatever scope it was given, so a grant made before the bounds were configured, or beyond them, gives no access.
/// Pure; values compare case-insensitively.
/// </summary>
public sealed record ServiceArea(IReadOnlySet<string> Scholen, IReadOnlySet<string> Gemeenten, IReadOnlySet<string> PartnerSchools)
{
    public static ServiceArea Of(IEnumerable<string> scholen, IEnumerable<string> gemeenten, IEnumerable<string> partnerSchools) =>
        new(Set(scholen), Set(gemeenten), Set(partnerSchools));

    /// <summary>Whether a role scoped by <paramref name="kind"/> may reach a student of <paramref name="schoolId"/> living in <paramref name="woongemeente"/>.</summary>
    public bool Covers(RoleScopeKind kind, string schoolId, string woongemeente) =>
        PartnerSchools.Contains(schoolId) && kind switch
        {
            RoleScopeKind.Scholen => Scholen.Contains(schoolId),
            RoleScopeKind.Gemeenten => Gemeenten.Contains(woongemeente),
            _ => false,
        };

    /// <summary>The schools or gemeenten of <paramref name="scope"/> that lie outside the area (empty: the scope may be granted).</summary>
    public IReadOnlyList<string> Outside(RoleScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Kind switch
        {
            RoleScopeKind.Scholen => scope.Values.Where(s => !Scholen.Contains(s) || !PartnerSchools.Contains(s)).ToList(),
            RoleScopeKind.Gemeenten => scope.Values.Where(g => !Gemeenten.Contains(g)).ToList(),
            _ => [],
        };
    }

    /// <summary>
    /// The schools whose students a role with <paramref name="scope"/> can reach: its own schools inside the area, every
    /// partner school for a gemeenten scope (a child may live anywhere), and for a role of the whole organisation (the
    /// SWV's digest) every school of the area.
    /// </summary>
    public IReadOnlyList<string> Schools(RoleScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Kind switch
        {
            RoleScopeKind.Scholen => scope.Values.Where(s => Scholen.Contains(s) && PartnerSchools.Contains(s)).ToList(),
            RoleScopeKind.Gemeenten => PartnerSchools.Order(StringComparer.OrdinalIgnoreCase).ToList(),
            RoleScopeKind.Organisation => Scholen.Where(PartnerSchools.Contains).Order(StringComparer.OrdinalIgnoreCase).ToList(),
            _ => [],
        };
    }

    private static HashSet<string> Set(IEnumerable<string> values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
