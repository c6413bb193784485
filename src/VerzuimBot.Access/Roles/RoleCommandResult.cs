namespace VerzuimBot.Access.Roles;

/// <summary>Outcome of a role command: Dutch lines for the beheerder; <see cref="Succeeded"/> false when refused or invalid.</summary>
public sealed record RoleCommandResult(bool Succeeded, IReadOnlyList<string> Lines)
{
    public string Text => string.Join(Environment.NewLine, Lines);
}
