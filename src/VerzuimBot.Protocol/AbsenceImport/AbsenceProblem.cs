namespace VerzuimBot.Protocol.AbsenceImport;

/// <summary>One problem in one row of an absence export, in Dutch, naming the row (header = 1) and the field.</summary>
public sealed record AbsenceProblem(int Row, string Field, string Message)
{
    public override string ToString() => Row == 0 ? Message : $"Rij {Row}, veld '{Field}': {Message}";
}
