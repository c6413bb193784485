using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Protocol.AbsenceImport;

/// <summary>Limits of one absence import (section "AbsenceImport"): a bigger file is refused whole, before it is read.</summary>
public sealed class AbsenceImportOptions
{
    public const string SectionName = "AbsenceImport";

    /// <summary>A school's year of registrations (~150 000 rows) is about 10 MB as CSV; 25 MB leaves room for wide exports.</summary>
    public int MaxFileBytes { get; set; } = 25 * 1024 * 1024;

    public int MaxRows { get; set; } = 250_000;

    /// <summary>The school's mapping when none is given: a ready one ("magister", "somtoday", "parnassys") or a file path.</summary>
    public string Mapping { get; set; } = "magister";
}

/// <summary>
/// One file to import for a school. <paramref name="Actor"/> is who imports (stored as the author of every imported fact);
/// <paramref name="Organisation"/> is the organisation whose role allowed it (audit). With <paramref name="DryRun"/> nothing is
/// written; with <paramref name="GoodRowsOnly"/> the good rows are imported even when others are refused.
/// </summary>
public sealed record AbsenceImportRequest(string SchoolId, string FileName, byte[] Content, AbsenceMapping Mapping, Actor Actor, string Organisation, bool DryRun = false, bool GoodRowsOnly = false);

/// <summary>Where an import is: "lezen" (rows read) or "verwerken" (students done of the total).</summary>
public sealed record AbsenceImportProgress(string Phase, int Done, int Total);

/// <summary>A student who crossed a rung of the ladder or the legal line because of the import, with the next step (Dutch).</summary>
public sealed record ImportCrossing(StudentId Student, string Name, string Klas, string What, string NextStep);

/// <summary>
/// What an import did, per registration of the file (new, corrected, unchanged; deleted ones counted among the corrected) and
/// per fact in the dossiers; <see cref="Lines"/> is the Dutch summary with a line per refused row.
/// </summary>
public sealed record AbsenceImportReport(
    string FileName,
    string FileHash,
    int RowsRead,
    int New,
    int Corrected,
    int Deleted,
    int Unchanged,
    int Ignored,
    IReadOnlyList<AbsenceProblem> Problems,
    bool Imported,
    bool DryRun = false,
    int StudentsChanged = 0,
    int FactsAdded = 0,
    int FactsCorrected = 0,
    int ChatMatched = 0,
    IReadOnlyList<ImportCrossing>? Crossings = null)
{
    public IReadOnlyList<ImportCrossing> Crossed => Crossings ?? [];

    public int CrossedStudents => Crossed.Select(c => c.Student).Distinct().Count();

    public int BadRows => Problems.Where(p => p.Row > 0).Select(p => p.Row).Distinct().Count();

    public string Summary => Imported
        ? (DryRun ? "Proefimport, er is niets vastgelegd. " : string.Empty)
          + $"{RowsRead} rijen gelezen: {New} nieuw, {Corrected} gecorrigeerd{(Deleted > 0 ? $" (waarvan {Deleted} verwijderd in het schoolsysteem)" : string.Empty)}, {Unchanged} ongewijzigd"
          + (Ignored > 0 ? $", {Ignored} zonder betekenis voor het verzuim overgeslagen" : string.Empty)
          + (BadRows > 0 ? $"; {BadRows} {(BadRows == 1 ? "rij" : "rijen")} met fouten overgeslagen" : string.Empty)
          + $". In de dossiers van {StudentsChanged} {(StudentsChanged == 1 ? "leerling" : "leerlingen")}: {FactsAdded} feiten {(DryRun ? "vast te leggen" : "vastgelegd")}, {FactsCorrected} hersteld, {ChatMatched} dubbel met de chat."
          + (CrossedStudents > 0 ? $" {CrossedStudents} {(CrossedStudents == 1 ? "leerling komt" : "leerlingen komen")} daardoor op een trede van de verzuimladder of over de wettelijke grens." : string.Empty)
        : Problems.Count == 1 && Problems[0].Row <= 1
            ? $"Niets geïmporteerd: {Problems[0].Message}"
            : $"Niets geïmporteerd: {BadRows} {(BadRows == 1 ? "rij" : "rijen")} met fouten. Herstel ze en importeer opnieuw, of importeer alleen de goede rijen: in Teams met \"absenties importeren alleen goede rijen\", op de server met --good-rows-only.";

    /// <summary>The summary, a line per crossing, then a line per problem by row.</summary>
    public IEnumerable<string> Lines() =>
        new[] { Summary }
            .Concat(Crossed.Select(c => $"{c.Name} ({c.Klas}): {c.What}. {c.NextStep}"))
            .Concat(Problems.Where(p => !(Problems.Count == 1 && p.Row <= 1 && !Imported)).OrderBy(p => p.Row).Select(p => p.ToString()));
}
