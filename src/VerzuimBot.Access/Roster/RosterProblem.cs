namespace VerzuimBot.Access.Roster;

/// <summary>One problem in one row of an import, in Dutch, naming row (as a spreadsheet numbers it: header = 1) and field.</summary>
public sealed record RosterProblem(int Row, string Field, string Message)
{
    public override string ToString() => $"Rij {Row}, veld '{Field}': {Message}";
}
