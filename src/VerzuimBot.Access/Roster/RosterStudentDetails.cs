namespace VerzuimBot.Access.Roster;

/// <summary>
/// A student as the school's administration knows them. Stored inside the roster envelope; names
/// never leave it (ids, keys and logs carry only the opaque student id).
/// </summary>
public sealed record RosterStudentDetails(
    string Leerlingnummer,
    string Roepnaam,
    string? Tussenvoegsel,
    string Achternaam,
    DateOnly Geboortedatum,
    string Klas,
    string MentorEmail,
    string Woongemeente,
    DateOnly? VertrokkenOp = null)
{
    public const string EnvelopeType = "roster-student-v1";

    public string DisplayName => string.Join(' ', new[] { Roepnaam, Tussenvoegsel, Achternaam }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <summary>One problem in one row of an import, in Dutch, naming row and field.</summary>
public sealed record RosterProblem(int Row, string Field, string Message)
{
    public override string ToString() => $"Rij {Row}, veld '{Field}': {Message}";
}
