using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Storage;

namespace VerzuimBot.Protocol.Students;

/// <summary>What the rules need from a roster entry: the birth date and the startkwalificatie (unknown without an entry).</summary>
internal static class RosterFacts
{
    public static StudentFacts Of(RosterStudent? student) =>
        student is not null && RosterStudentDetails.FromEnvelope(student.Details) is { } details
            ? new StudentFacts(details.Geboortedatum, details.Startkwalificatie)
            : StudentFacts.Unknown;
}
