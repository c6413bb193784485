namespace VerzuimBot.Domain.Identity;

/// <summary>The roles of domain.md §1. A person may hold several, each for a scope.</summary>
public enum Role
{
    Receptie = 1,
    Verzuimcoordinator,
    Mentor,
    Zorgcoordinator,
    Leerplichtambtenaar,
    Jeugdarts,
    Swv,
    LokaalTeam,
    Beheerder,
}

public enum SchoolType
{
    PO = 1,
    VO,
    VSO,
}

/// <summary>Who did something: a person acting in a role.</summary>
/// <param name="Name">
/// The person's display name as Teams (or the roster of staff) showed it when they acted, so cards can say "Gemeld door Rita
/// Receptie" instead of an e-mail address. Staff data, never a child's; null on facts recorded before names were kept.
/// </param>
public sealed record Actor(StaffId Staff, Role Role, string? Name = null)
{
    /// <summary>How to name the person on a card: their name, or else the part of their address before the @, never the whole address.</summary>
    public string ShownName => !string.IsNullOrWhiteSpace(Name) ? Name : Staff.Value.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? Staff.Value[..at] : "onbekend";
}
