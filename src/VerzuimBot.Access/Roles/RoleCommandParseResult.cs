namespace VerzuimBot.Access.Roles;

/// <summary>Either a command or a Dutch explanation of what is wrong with the text.</summary>
public sealed record RoleCommandParseResult(RoleCommand? Command, string? Error)
{
    public bool IsSuccess => Command is not null;
}
