namespace VerzuimBot.Access.Roster;

/// <summary>
/// Which CSV header holds which field. Exports of Magister, Somtoday or ParnasSys name columns
/// differently, so each field accepts several header names (compared case-insensitively);
/// a school's beheerder can give its own in configuration.
/// </summary>
public sealed class RosterColumnMapping
{
    public IReadOnlyList<string> Leerlingnummer { get; init; } = ["Leerlingnummer", "Llnr", "Stamnummer", "Leerling nummer"];

    public IReadOnlyList<string> Roepnaam { get; init; } = ["Roepnaam", "Voornaam"];

    public IReadOnlyList<string> Tussenvoegsel { get; init; } = ["Tussenvoegsel", "Voorvoegsel", "Tussenv."];

    public IReadOnlyList<string> Achternaam { get; init; } = ["Achternaam", "Naam"];

    public IReadOnlyList<string> Geboortedatum { get; init; } = ["Geboortedatum", "Geb. datum", "Geboren"];

    public IReadOnlyList<string> Klas { get; init; } = ["Klas", "Groep", "Stamgroep", "Basisgroep"];

    public IReadOnlyList<string> MentorEmail { get; init; } = ["Mentor e-mail", "E-mail mentor", "Mentor", "Mentor-e-mail", "Mentor email"];

    public IReadOnlyList<string> Woongemeente { get; init; } = ["Woongemeente", "Gemeente", "Woonplaats"];

    internal IEnumerable<(string Field, IReadOnlyList<string> Headers, bool Required)> Fields =>
    [
        ("leerlingnummer", Leerlingnummer, true),
        ("roepnaam", Roepnaam, true),
        ("tussenvoegsel", Tussenvoegsel, false),
        ("achternaam", Achternaam, true),
        ("geboortedatum", Geboortedatum, true),
        ("klas", Klas, true),
        ("mentor e-mail", MentorEmail, true),
        ("woongemeente", Woongemeente, true),
    ];
}
