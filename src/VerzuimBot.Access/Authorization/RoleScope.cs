namespace VerzuimBot.Access.Authorization;

/// <summary>
/// For whom a role holds: the organisation, a klas or a student (mentor), gemeenten
/// (leerplicht, lokaal team) or schools (jeugdarts, SWV). Stored as text in the role
/// assignment's scope: "", "klas:2b", "leerling:s-…", "gemeenten:Utrecht,Zeist", "scholen:12AB00,34CD00".
/// </summary>
public sealed record RoleScope(RoleScopeKind Kind, IReadOnlyList<string> Values)
{
    public static readonly RoleScope Organisation = new(RoleScopeKind.Organisation, []);

    public static RoleScope Klas(string klas) => new(RoleScopeKind.Klas, [klas.Trim()]);

    public static RoleScope Student(string studentId) => new(RoleScopeKind.Student, [studentId.Trim()]);

    public static RoleScope Gemeenten(params IEnumerable<string> gemeenten) => new(RoleScopeKind.Gemeenten, Clean(gemeenten));

    public static RoleScope Scholen(params IEnumerable<string> schools) => new(RoleScopeKind.Scholen, Clean(schools));

    public bool Contains(string value) => Values.Any(v => string.Equals(v, value.Trim(), StringComparison.OrdinalIgnoreCase));

    public string ToStorage() => Kind switch
    {
        RoleScopeKind.Organisation => string.Empty,
        RoleScopeKind.Klas => "klas:" + Values[0],
        RoleScopeKind.Student => "leerling:" + Values[0],
        RoleScopeKind.Gemeenten => "gemeenten:" + string.Join(',', Values),
        RoleScopeKind.Scholen => "scholen:" + string.Join(',', Values),
        _ => throw new InvalidOperationException($"Unknown scope kind {Kind}."),
    };

    /// <summary>Reads a stored scope; null for text this version does not know (never widened to "organisation").</summary>
    public static RoleScope? FromStorage(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return Organisation;
        }

        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var value = stored[(colon + 1)..];
        return stored[..colon] switch
        {
            "klas" when value.Length > 0 => Klas(value),
            "leerling" when value.Length > 0 => Student(value),
            "gemeenten" => Gemeenten(value.Split(',')) is { Values.Count: > 0 } g ? g : null,
            "scholen" => Scholen(value.Split(',')) is { Values.Count: > 0 } s ? s : null,
            _ => null,
        };
    }

    /// <summary>Dutch, for lists shown to a beheerder.</summary>
    public string Describe() => Kind switch
    {
        RoleScopeKind.Organisation => "hele organisatie",
        RoleScopeKind.Klas => "klas " + Values[0],
        RoleScopeKind.Student => "leerling " + Values[0],
        RoleScopeKind.Gemeenten => "gemeenten " + string.Join(", ", Values),
        RoleScopeKind.Scholen => "scholen " + string.Join(", ", Values),
        _ => Kind.ToString(),
    };

    public bool Equals(RoleScope? other) =>
        other is not null && Kind == other.Kind && Values.SequenceEqual(other.Values, StringComparer.OrdinalIgnoreCase);

    public override int GetHashCode() => HashCode.Combine(Kind, Values.Count);

    private static List<string> Clean(IEnumerable<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
