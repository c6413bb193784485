namespace VerzuimBot.Access.Roles;

/// <summary>A typed beheer command about roles (from chat or CLI).</summary>
public abstract record RoleCommand;
