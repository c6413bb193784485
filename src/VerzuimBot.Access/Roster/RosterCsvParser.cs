using System.Globalization;
using System.Net.Mail;
using CsvHelper;
using CsvHelper.Configuration;

namespace VerzuimBot.Access.Roster;

/// <summary>
/// Reads a roster export (UTF-8 with or without BOM; semicolon or comma separated) and validates
/// every row. Pure: it reads a <see cref="TextReader"/> and writes nothing.
/// </summary>
public static class RosterCsvParser
{
    private static readonly string[] DateFormats = ["d-M-yyyy", "dd-MM-yyyy", "yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy", "d.M.yyyy"];

    public static RosterParseResult Parse(TextReader reader, RosterColumnMapping mapping, IProgress<int>? progress = null)
    {
        var text = reader.ReadToEnd();
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ";" : ",";
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };

        using var csv = new CsvReader(new StringReader(text.TrimStart('\uFEFF')), configuration);
        var problems = new List<RosterProblem>();
        var students = new List<(int Row, RosterStudentDetails Student)>();
        if (!csv.Read() || !csv.ReadHeader())
        {
            return new RosterParseResult([], [new RosterProblem(1, "(kop)", "Het bestand heeft geen kopregel.")]);
        }

        var headers = csv.HeaderRecord!.Select(h => h.Trim()).ToList();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (field, names, required) in mapping.Fields)
        {
            var index = headers.FindIndex(h => names.Any(n => string.Equals(n, h, StringComparison.OrdinalIgnoreCase)));
            if (index >= 0)
            {
                columns[field] = index;
            }
            else if (required)
            {
                problems.Add(new RosterProblem(1, field, $"Geen kolom gevonden (verwacht een van: {string.Join(", ", names)})."));
            }
        }

        if (problems.Count > 0)
        {
            return new RosterParseResult([], problems);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var row = csv.Parser.Row;
            if (csv.Parser.Record!.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string Get(string field) => columns.TryGetValue(field, out var i) && i < csv.Parser.Record!.Length ? csv.Parser.Record[i].Trim() : string.Empty;
            var rowProblems = new List<RosterProblem>();
            string Required(string field)
            {
                var value = Get(field);
                if (value.Length == 0)
                {
                    rowProblems.Add(new RosterProblem(row, field, "Is leeg."));
                }
                else if (value.Length > 200)
                {
                    rowProblems.Add(new RosterProblem(row, field, "Is langer dan 200 tekens."));
                }

                return value;
            }

            var number = Required("leerlingnummer");
            var roepnaam = Required("roepnaam");
            var achternaam = Required("achternaam");
            var klas = Required("klas");
            var gemeente = Required("woongemeente");
            var mentor = Required("mentor e-mail");
            if (mentor.Length > 0 && !IsEmail(mentor))
            {
                rowProblems.Add(new RosterProblem(row, "mentor e-mail", $"'{mentor}' is geen geldig e-mailadres."));
            }

            var birthText = Required("geboortedatum");
            DateOnly birth = default;
            if (birthText.Length > 0 && !DateOnly.TryParseExact(birthText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out birth))
            {
                rowProblems.Add(new RosterProblem(row, "geboortedatum", $"'{birthText}' is geen bestaande datum (gebruik dd-mm-jjjj)."));
            }
            else if (birthText.Length > 0 && (birth.Year < 1990 || birth.Year > 2030))
            {
                rowProblems.Add(new RosterProblem(row, "geboortedatum", $"'{birthText}' is geen geboortedatum van een leerplichtige leerling."));
            }

            if (number.Length > 0 && seen.TryGetValue(number, out var firstRow))
            {
                rowProblems.Add(new RosterProblem(row, "leerlingnummer", $"Leerlingnummer komt al voor in rij {firstRow}."));
            }
            else if (number.Length > 0)
            {
                seen[number] = row;
            }

            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
            }
            else
            {
                var tussenvoegsel = Get("tussenvoegsel");
                students.Add((row, new RosterStudentDetails(number, roepnaam, tussenvoegsel.Length == 0 ? null : tussenvoegsel, achternaam, birth, klas, mentor.ToLowerInvariant(), gemeente)));
            }

            if (row % 500 == 0)
            {
                progress?.Report(row - 1);
            }
        }

        return new RosterParseResult(students, problems);
    }

    private static bool IsEmail(string value) => MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}

/// <summary>The valid rows (with their row numbers) and every problem found.</summary>
public sealed record RosterParseResult(IReadOnlyList<(int Row, RosterStudentDetails Student)> Students, IReadOnlyList<RosterProblem> Problems);
