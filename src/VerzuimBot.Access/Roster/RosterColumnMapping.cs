using System.Text.Json;

namespace VerzuimBot.Access.Roster;

/// <summary>
/// Which CSV header holds which field. Exports of Magister, Somtoday or ParnasSys name columns
/// differently, so each field accepts several header names (compared case-insensitively, trimmed).
/// A school's own mapping comes from configuration as JSON, e.g.
/// <c>{"leerlingnummer": ["Stamnr"], "mentorEmail": ["Mentor 1 e-mail"]}</c>; fields left out keep the defaults.
/// </summary>
public sealed class RosterColumnMapping
{
    public IReadOnlyList<string> Leerlingnummer { get; init; } = ["Leerlingnummer", "Llnr", "Stamnummer", "Leerling nummer", "Leerlingnr"];

    public IReadOnlyList<string> Roepnaam { get; init; } = ["Roepnaam", "Voornaam"];

    public IReadOnlyList<string> Tussenvoegsel { get; init; } = ["Tussenvoegsel", "Voorvoegsel", "Tussenv."];

    public IReadOnlyList<string> Achternaam { get; init; } = ["Achternaam", "Naam"];

    public IReadOnlyList<string> Geboortedatum { get; init; } = ["Geboortedatum", "Geb. datum", "Geboren"];

    public IReadOnlyList<string> Klas { get; init; } = ["Klas", "Groep", "Stamgroep", "Basisgroep"];

    public IReadOnlyList<string> MentorEmail { get; init; } = ["Mentor e-mail", "E-mail mentor", "Mentor", "Mentor-e-mail", "Mentor email", "Leerkracht e-mail"];

    public IReadOnlyList<string> Woongemeente { get; init; } = ["Woongemeente", "Gemeente", "Woonplaats/Gemeente", "Woonplaats"];

    /// <summary>Optional: "ja"/"nee" (002 §1.2: a HAVO-, VWO- or MBO-diploma from level 2); empty means unknown.</summary>
    public IReadOnlyList<string> Startkwalificatie { get; init; } = ["Startkwalificatie", "Startkwalificatie behaald"];

    /// <summary>Optional: the day the student was enrolled at the school; a ziekmelding never starts before it (issue 21).</summary>
    public IReadOnlyList<string> Inschrijfdatum { get; init; } = ["Inschrijfdatum", "Datum inschrijving", "Ingeschreven op", "Inschrijvingsdatum"];

    internal IEnumerable<(string Field, IReadOnlyList<string> Headers, bool Required)> Fields =>
    [
        (RosterFields.Leerlingnummer, Leerlingnummer, true),
        (RosterFields.Roepnaam, Roepnaam, true),
        (RosterFields.Tussenvoegsel, Tussenvoegsel, false),
        (RosterFields.Achternaam, Achternaam, true),
        // Optional (issue 20): without it the leerplicht route cannot tell the age and says so.
        (RosterFields.Geboortedatum, Geboortedatum, false),
        (RosterFields.Klas, Klas, true),
        (RosterFields.MentorEmail, MentorEmail, true),
        (RosterFields.Woongemeente, Woongemeente, true),
        (RosterFields.Startkwalificatie, Startkwalificatie, false),
        (RosterFields.Inschrijfdatum, Inschrijfdatum, false),
    ];

    /// <summary>Reads a mapping from JSON; a Dutch <see cref="FormatException"/> when it is not valid.</summary>
    public static RosterColumnMapping FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var mapping = JsonSerializer.Deserialize<RosterColumnMapping>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow })
                ?? throw new FormatException("De kolomindeling is leeg.");
            foreach (var (field, headers, _) in mapping.Fields)
            {
                if (headers is null || headers.Count == 0 || headers.Any(string.IsNullOrWhiteSpace))
                {
                    throw new FormatException($"De kolomindeling voor '{field}' heeft geen (of een lege) kolomnaam.");
                }
            }

            return mapping;
        }
        catch (JsonException exception)
        {
            // The JSON is configuration, not personal data; the position helps the beheerder.
            throw new FormatException($"De kolomindeling is geen geldige JSON (regel {exception.LineNumber + 1}). Gebruik bijvoorbeeld {{\"leerlingnummer\": [\"Stamnr\"]}}.", exception);
        }
    }
}
