namespace VerzuimBot.Access.Roster;

/// <summary>
/// The valid rows (with their row numbers), every problem found, and how many data rows were read.
/// <see cref="TooManyRows"/>: the file has more rows than allowed, so nothing of it may be imported.
/// </summary>
public sealed record RosterParseResult(IReadOnlyList<RosterRow> Students, IReadOnlyList<RosterProblem> Problems, int RowsRead, bool TooManyRows = false)
{
    public int BadRows => Problems.Select(p => p.Row).Distinct().Count();
}

/// <summary>A valid row.</summary>
public sealed record RosterRow(int Row, RosterStudentDetails Student);
