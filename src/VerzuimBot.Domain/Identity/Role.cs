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
public sealed record Actor(StaffId Staff, Role Role);
