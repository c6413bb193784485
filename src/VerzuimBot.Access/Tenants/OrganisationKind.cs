namespace VerzuimBot.Access.Tenants;

/// <summary>The kinds of organisation in the chain (domain.md §1; kernpartners per 002 Bijlage 2).</summary>
public enum OrganisationKind
{
    School = 1,

    /// <summary>Gemeente / regionaal bureau leerplicht (RBL).</summary>
    Leerplicht,

    /// <summary>GGD / JGZ (jeugdarts).</summary>
    Jeugdgezondheidszorg,

    Swv,

    /// <summary>Lokaal team / wijkteam of a gemeente.</summary>
    LokaalTeam,
}
