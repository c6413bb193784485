namespace VerzuimBot.Domain.Leerplicht;

/// <summary>
/// What the school's roster says about a student that the leerplicht route needs (002 §1.1-1.2): the birth date and, where
/// the export has it, whether the student has a startkwalificatie. Both may be unknown; then the route runs as for a leerplichtige.
/// </summary>
public sealed record StudentFacts(DateOnly? BirthDate, bool? HasStartkwalificatie)
{
    public static StudentFacts Unknown { get; } = new(null, null);
}
