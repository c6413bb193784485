namespace VerzuimBot.Access.Authorization;

public enum RoleScopeKind
{
    /// <summary>The whole organisation that granted the role.</summary>
    Organisation = 1,
    Klas,
    Student,
    Gemeenten,
    Scholen,
}
