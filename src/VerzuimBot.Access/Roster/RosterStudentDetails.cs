using System.Text.Json;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;

namespace VerzuimBot.Access.Roster;

/// <summary>
/// A student as the school's administration knows them: the "roster-student-v1" envelope inside
/// <see cref="RosterStudent.Details"/>. Names never leave it (keys and logs carry only the student id).
/// </summary>
/// <param name="Geboortedatum">Null when the export has none: the leerplicht route then runs as for a leerplichtige and says the age is unknown.</param>
/// <param name="Startkwalificatie">Whether the student has a startkwalificatie (002 §1.2), where the export says so; null when unknown.</param>
/// <param name="Inschrijfdatum">The day of enrolment at the school, where the export has it: absence never starts before it.</param>
public sealed record RosterStudentDetails(
    string Leerlingnummer,
    string Roepnaam,
    string? Tussenvoegsel,
    string Achternaam,
    DateOnly? Geboortedatum,
    string Klas,
    string MentorEmail,
    string Woongemeente,
    SchoolType SchoolType,
    DateOnly? VertrokkenOp = null,
    bool? Startkwalificatie = null,
    DateOnly? Inschrijfdatum = null)
{
    public const string EnvelopeType = "roster-student-v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string DisplayName => string.Join(' ', new[] { Roepnaam, Tussenvoegsel, Achternaam }.Where(p => !string.IsNullOrWhiteSpace(p)));

    public StoredEnvelope ToEnvelope() => new(EnvelopeType, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads the envelope; null for an envelope of another type (e.g. written by a later version).</summary>
    public static RosterStudentDetails? FromEnvelope(StoredEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.Type == EnvelopeType ? JsonSerializer.Deserialize<RosterStudentDetails>(envelope.Json, Json) : null;
    }

    /// <summary>Everything except the display name, for logs that must not hold names.</summary>
    public override string ToString() => $"RosterStudentDetails(klas {Klas}, {SchoolType})";
}
