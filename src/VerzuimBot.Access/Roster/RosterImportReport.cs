namespace VerzuimBot.Access.Roster;

/// <summary>What an import did; <see cref="Summary"/> is the Dutch text for the beheerder.</summary>
public sealed record RosterImportReport(int Rows, int Added, int Changed, int Unchanged, int MarkedLeft, IReadOnlyList<RosterProblem> Problems, bool Imported, int MentorRolesAdded = 0, int MentorRolesRevoked = 0)
{
    public int BadRows => Problems.Select(p => p.Row).Distinct().Count();

    public string Summary => Imported
        ? $"{Rows} rijen gelezen: {Added} nieuw, {Changed} gewijzigd, {Unchanged} ongewijzigd, {MarkedLeft} als vertrokken gemarkeerd"
            + (MentorRolesAdded > 0 ? $", {MentorRolesAdded} mentorrol(len) toegekend volgens de lijst" : string.Empty)
            + (MentorRolesRevoked > 0 ? $", {MentorRolesRevoked} mentorrol(len) ingetrokken (niet meer mentor volgens de lijst)" : string.Empty)
            + (BadRows > 0 ? $"; {BadRows} rijen met fouten overgeslagen." : ".")
        : $"Niets geïmporteerd: {BadRows} {(BadRows == 1 ? "rij" : "rijen")} met fouten. Herstel ze en importeer opnieuw (of importeer met --alleen-goede-rijen alleen de goede rijen).";

    /// <summary>Summary plus one line per problem, sorted by row.</summary>
    public IEnumerable<string> Lines() => Problems.OrderBy(p => p.Row).Select(p => p.ToString()).Prepend(Summary);
}
