namespace VerzuimBot.Access.Pseudonyms;

/// <summary>What the migration did (or, in a dry run, would do) at one school.</summary>
public sealed record SchoolMigration(string SchoolId, int Migrated, int Rows, int AlreadyKeyed, int Unknown, int DossiersWithoutRoster);

/// <summary>The migration's outcome with Dutch lines for the beheerder.</summary>
public sealed record PseudonymMigrationReport(IReadOnlyList<SchoolMigration> Schools, bool DryRun)
{
    public int Migrated => Schools.Sum(s => s.Migrated);

    public IEnumerable<string> Lines()
    {
        yield return DryRun
            ? $"Proefrun, niets gewijzigd: {Migrated} leerlingen zouden een gesleutelde id krijgen ({Schools.Sum(s => s.Rows)} rijen; overleggen en lopende gesprekken worden pas bij de echte migratie geteld)."
            : $"Pseudoniemen: {Migrated} leerlingen hebben nu een gesleutelde id ({Schools.Sum(s => s.Rows)} rijen bijgewerkt).";
        foreach (var school in Schools)
        {
            yield return $"School {school.SchoolId}: {school.Migrated} omgezet ({school.Rows} rijen), {school.AlreadyKeyed} al omgezet, {school.Unknown} onbekend, "
                + $"{school.DossiersWithoutRoster} dossiers zonder leerlingenlijst (blijven onder hun id).";
        }
    }
}
