using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Roster;

/// <summary>
/// Reads a roster export (UTF-8 with or without BOM; semicolon or comma separated, detected from the
/// header line) and validates every row, collecting all problems instead of stopping at the first.
/// Pure: it reads a <see cref="TextReader"/> and writes nothing.
/// </summary>
public static partial class RosterCsvParser
{
    private const int MaxFieldLength = 200;
    private const int ProgressEvery = 500;

    public static RosterParseResult Parse(TextReader reader, RosterColumnMapping mapping, SchoolType schoolType, DateOnly today, IProgress<int>? progress = null, int maxRows = RosterImportOptions.DefaultMaxRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(mapping);
        var text = reader.ReadToEnd().TrimStart('\uFEFF');
        var firstLine = text.AsSpan(0, Math.Max(0, text.IndexOf('\n') is var nl and >= 0 ? nl : text.Length));
        var delimiter = firstLine.Count(';') >= firstLine.Count(',') ? ";" : ",";
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };

        using var csv = new CsvReader(new StringReader(text), configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } headerRecord)
        {
            return new RosterParseResult([], [new RosterProblem(1, "kopregel", "Het bestand is leeg of heeft geen kopregel.")], 0);
        }

        var headers = headerRecord.Select(h => h.Trim()).ToList();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<RosterProblem>();
        foreach (var (field, names, required) in mapping.Fields)
        {
            var index = headers.FindIndex(h => names.Any(n => string.Equals(n.Trim(), h, StringComparison.OrdinalIgnoreCase)));
            if (index >= 0)
            {
                columns[field] = index;
            }
            else if (required)
            {
                problems.Add(new RosterProblem(1, field, $"Geen kolom gevonden (verwacht een van: {string.Join(", ", names)}). Pas zo nodig de kolomindeling aan."));
            }
        }

        if (problems.Count > 0)
        {
            return new RosterParseResult([], problems, 0);
        }

        var students = new List<RosterRow>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rowsRead = 0;
        while (csv.Read())
        {
            var record = csv.Parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rowsRead++;
            var row = csv.Parser.Row;
            if (rowsRead > maxRows)
            {
                return new RosterParseResult([], [new RosterProblem(row, "bestand", $"Het bestand heeft meer dan {maxRows} rijen met leerlingen; dat is meer dan één school heeft. Er is niets geïmporteerd.")], rowsRead, TooManyRows: true);
            }

            var rowProblems = new List<RosterProblem>();
            string Get(string field) => columns.TryGetValue(field, out var i) && i < record.Length ? record[i].Trim() : string.Empty;
            string Required(string field, string emptyMessage)
            {
                var value = Get(field);
                if (value.Length == 0)
                {
                    rowProblems.Add(new RosterProblem(row, field, emptyMessage));
                }
                else if (value.Length > MaxFieldLength)
                {
                    rowProblems.Add(new RosterProblem(row, field, $"Is langer dan {MaxFieldLength} tekens."));
                }

                return value;
            }

            var number = Required(RosterFields.Leerlingnummer, "Leerlingnummer ontbreekt.");
            var roepnaam = Required(RosterFields.Roepnaam, "Roepnaam ontbreekt.");
            var achternaam = Required(RosterFields.Achternaam, "Achternaam ontbreekt.");
            var klas = Required(RosterFields.Klas, "Klas is leeg.");
            var gemeente = Required(RosterFields.Woongemeente, "Woongemeente ontbreekt.");
            var mentor = Required(RosterFields.MentorEmail, "E-mailadres van de mentor ontbreekt.");
            if (mentor.Length > 0 && !EmailAddress.IsValid(mentor))
            {
                rowProblems.Add(new RosterProblem(row, RosterFields.MentorEmail, $"'{mentor}' is geen geldig e-mailadres."));
            }

            var birth = ParseBirthDate(Get(RosterFields.Geboortedatum), today, row, rowProblems);
            var enrolled = ParseEnrolment(Get(RosterFields.Inschrijfdatum), today, row, rowProblems);
            var startkwalificatie = ParseYesNo(Get(RosterFields.Startkwalificatie), row, rowProblems);
            var tussenvoegsel = Get(RosterFields.Tussenvoegsel);
            if (tussenvoegsel.Length > MaxFieldLength)
            {
                rowProblems.Add(new RosterProblem(row, RosterFields.Tussenvoegsel, $"Is langer dan {MaxFieldLength} tekens."));
            }

            if (number.Length > 0 && !seen.TryAdd(number, row))
            {
                rowProblems.Add(new RosterProblem(row, RosterFields.Leerlingnummer, $"Dubbel leerlingnummer: komt ook voor in rij {seen[number]}."));
            }

            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
            }
            else
            {
                students.Add(new RosterRow(row, new RosterStudentDetails(
                    number, roepnaam, tussenvoegsel.Length == 0 ? null : tussenvoegsel, achternaam, birth, klas, EmailAddress.Normalise(mentor), gemeente, schoolType, Startkwalificatie: startkwalificatie, Inschrijfdatum: enrolled)));
            }

            if (rowsRead % ProgressEvery == 0)
            {
                progress?.Report(rowsRead);
            }
        }

        return new RosterParseResult(students, problems, rowsRead);
    }

    /// <summary>"ja"/"nee" (also j/n, 1/0, true/false); empty is unknown.</summary>
    private static bool? ParseYesNo(string text, int row, List<RosterProblem> problems)
    {
        switch (text.ToLowerInvariant())
        {
            case "":
                return null;
            case "ja" or "j" or "1" or "true":
                return true;
            case "nee" or "n" or "0" or "false":
                return false;
            default:
                problems.Add(new RosterProblem(row, RosterFields.Startkwalificatie, $"'{text}' is geen ja of nee."));
                return null;
        }
    }

    private static DateOnly? ParseBirthDate(string text, DateOnly today, int row, List<RosterProblem> problems)
    {
        if (ParseDate(text, RosterFields.Geboortedatum, row, problems) is not { } birth)
        {
            return null;
        }

        if (birth > today.AddYears(-2) || birth < today.AddYears(-30))
        {
            problems.Add(new RosterProblem(row, RosterFields.Geboortedatum, $"'{text}' kan geen geboortedatum van een leerling zijn."));
            return null;
        }

        return birth;
    }

    private static DateOnly? ParseEnrolment(string text, DateOnly today, int row, List<RosterProblem> problems)
    {
        if (ParseDate(text, RosterFields.Inschrijfdatum, row, problems) is not { } enrolled)
        {
            return null;
        }

        if (enrolled > today.AddYears(1) || enrolled < today.AddYears(-25))
        {
            problems.Add(new RosterProblem(row, RosterFields.Inschrijfdatum, $"'{text}' kan geen inschrijfdatum van een leerling zijn."));
            return null;
        }

        return enrolled;
    }

    /// <summary>dd-mm-jjjj (also with / or .) or jjjj-mm-dd; empty is unknown, anything else a problem of <paramref name="field"/>.</summary>
    private static DateOnly? ParseDate(string text, string field, int row, List<RosterProblem> problems)
    {
        if (text.Length == 0)
        {
            return null;
        }

        int day, month, year;
        if (DayFirst().Match(text) is { Success: true } dayFirst)
        {
            (day, month, year) = (Int(dayFirst, "d"), Int(dayFirst, "m"), Int(dayFirst, "y"));
        }
        else if (YearFirst().Match(text) is { Success: true } yearFirst)
        {
            (day, month, year) = (Int(yearFirst, "d"), Int(yearFirst, "m"), Int(yearFirst, "y"));
        }
        else
        {
            problems.Add(new RosterProblem(row, field, $"'{text}' is geen bekend datumformaat. Gebruik dd-mm-jjjj."));
            return null;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || year < 1)
        {
            problems.Add(new RosterProblem(row, field, $"'{text}' is geen bestaande datum."));
            return null;
        }

        return new DateOnly(year, month, day);
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<d>\d{1,2})[-/.](?<m>\d{1,2})[-/.](?<y>\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex DayFirst();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirst();
}
