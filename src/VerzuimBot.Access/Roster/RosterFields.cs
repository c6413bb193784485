namespace VerzuimBot.Access.Roster;

/// <summary>The Dutch field names used in problem messages.</summary>
internal static class RosterFields
{
    public const string Leerlingnummer = "leerlingnummer";
    public const string Roepnaam = "roepnaam";
    public const string Tussenvoegsel = "tussenvoegsel";
    public const string Achternaam = "achternaam";
    public const string Geboortedatum = "geboortedatum";
    public const string Klas = "klas";
    public const string MentorEmail = "mentor e-mail";
    public const string Woongemeente = "woongemeente";
    public const string Startkwalificatie = "startkwalificatie";
    public const string Inschrijfdatum = "inschrijfdatum";
}
