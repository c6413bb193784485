using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VerzuimBot.Storage;

namespace VerzuimBot.Access.Roster;

/// <summary>
/// Imports a school's roster export. Every row is validated before anything is written: with a
/// problem in any row nothing is imported (unless <see cref="RosterImportOptions.GoodRowsOnly"/>).
/// Re-importing the same file writes nothing; a student missing from a full import is marked
/// "vertrokken", never deleted. If the store fails halfway, running the import again completes it.
/// </summary>
public sealed class RosterImporter(RosterStore store, TimeProvider time)
{
    public async Task<RosterImportReport> ImportAsync(string schoolId, TextReader csv, RosterImportOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schoolId);
        var parsed = RosterCsvParser.Parse(csv, options.Mapping, progress);
        var total = parsed.Students.Count + parsed.Problems.Select(p => p.Row).Distinct().Count();
        if (parsed.Problems.Count > 0 && (!options.GoodRowsOnly || parsed.Students.Count == 0))
        {
            return new RosterImportReport(total, 0, 0, 0, 0, parsed.Problems, Imported: false);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var existing = (await store.ListStudentsAsync(schoolId, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.StudentId, StringComparer.Ordinal);
        int added = 0, changed = 0, unchanged = 0, left = 0;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, student) in parsed.Students)
        {
            var id = StudentIdFor(schoolId, student.Leerlingnummer);
            present.Add(id);
            var json = JsonSerializer.Serialize(student);
            existing.TryGetValue(id, out var current);
            if (current is not null && current.Details.Json == json)
            {
                unchanged++;
                continue;
            }

            await store.UpsertStudentAsync(new RosterStudent(schoolId, id, new StoredEnvelope(RosterStudentDetails.EnvelopeType, json), time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                added++;
            }
            else
            {
                changed++;
            }
        }

        // Only a complete file says who left; a partial (good rows only) import never marks anyone.
        if (parsed.Problems.Count == 0)
        {
            foreach (var (_, current) in existing.Where(e => !present.Contains(e.Key)))
            {
                var details = JsonSerializer.Deserialize<RosterStudentDetails>(current.Details.Json)!;
                if (details.VertrokkenOp is null)
                {
                    var marked = details with { VertrokkenOp = today };
                    await store.UpsertStudentAsync(current with { Details = new StoredEnvelope(RosterStudentDetails.EnvelopeType, JsonSerializer.Serialize(marked)), UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
                    left++;
                }
            }
        }

        progress?.Report(total);
        return new RosterImportReport(total, added, changed, unchanged, left, parsed.Problems, Imported: true);
    }

    /// <summary>A stable id without names: a hash of school and leerlingnummer.</summary>
    public static string StudentIdFor(string schoolId, string leerlingnummer) =>
        "s-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{schoolId}|{leerlingnummer}")))[..20];
}

public sealed record RosterImportOptions(RosterColumnMapping Mapping, bool GoodRowsOnly = false);

/// <summary>What an import did; <see cref="Summary"/> is the Dutch text for the beheerder.</summary>
public sealed record RosterImportReport(int Rows, int Added, int Changed, int Unchanged, int MarkedLeft, IReadOnlyList<RosterProblem> Problems, bool Imported)
{
    public string Summary => Imported
        ? $"{Rows} rijen gelezen: {Added} nieuw, {Changed} gewijzigd, {Unchanged} ongewijzigd, {MarkedLeft} als vertrokken gemarkeerd" + (Problems.Count > 0 ? $"; {Problems.Select(p => p.Row).Distinct().Count()} rijen overgeslagen wegens fouten." : ".")
        : $"Niets geïmporteerd: {Problems.Select(p => p.Row).Distinct().Count()} rijen met fouten. Herstel ze en importeer opnieuw.";
}
