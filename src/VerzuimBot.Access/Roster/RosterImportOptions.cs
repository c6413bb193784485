using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Roster;

/// <summary>
/// How to import one file. Default all-or-nothing: one bad row and nothing is written, so a
/// roster is never half-imported. <see cref="GoodRowsOnly"/> imports the valid rows and reports the
/// rest; such a partial file never marks anyone "vertrokken" (it does not say who left). A file with more than
/// <see cref="MaxRows"/> student rows is refused whole: no school has that many, and every row is a store write.
/// </summary>
public sealed record RosterImportOptions(SchoolType SchoolType, RosterColumnMapping Mapping, bool GoodRowsOnly = false, int MaxRows = RosterImportOptions.DefaultMaxRows)
{
    public const int DefaultMaxRows = 10_000;
}
