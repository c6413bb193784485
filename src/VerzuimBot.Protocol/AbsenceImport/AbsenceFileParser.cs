using System.Globalization;
using System.Text.RegularExpressions;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Protocol.Unauthorised;

namespace VerzuimBot.Protocol.AbsenceImport;

/// <summary>
/// Turns an export's rows into registrations per day and collects every problem, in Dutch, per row (issue 22 item 5):
/// unknown students and codes, unreadable dates, days outside the school year, in the future, or no school day (weekend,
/// holiday, study day), more lesuren on a day than there are, and ongeoorloofd on a day that is no verzuim. Pure.
/// </summary>
internal static partial class AbsenceFileParser
{
    private const int MaxFieldLength = 100;

    /// <param name="isKnownStudent">Whether a leerlingnummer is on the school's roster.</param>
    /// <param name="lessonHoursPerSchoolDay">The profile's lesuren of a whole day (a day away counts as this on the ladder).</param>
    public static AbsenceParseResult Parse(TabularFile file, AbsenceMapping mapping, SchoolCalendar calendar, DateOnly today, Func<string, bool> isKnownStudent, int lessonHoursPerSchoolDay)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(isKnownStudent);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<AbsenceProblem>();
        foreach (var (field, names, required) in mapping.Columns.Fields)
        {
            var index = file.Header.ToList().FindIndex(h => names.Any(n => string.Equals(n.Trim(), h, StringComparison.OrdinalIgnoreCase)));
            if (index >= 0)
            {
                columns[field] = index;
            }
            else if (required)
            {
                problems.Add(new AbsenceProblem(1, field, $"Geen kolom gevonden (verwacht een van: {string.Join(", ", names)}). Klopt de absentie-indeling ({mapping.System}) bij deze export?"));
            }
        }

        if (problems.Count > 0)
        {
            return new AbsenceParseResult([], problems, file.Rows.Count, 0);
        }

        var year = SchoolYear.Of(today);
        var registrations = new List<AbsenceRegistration>();
        var ignored = 0;
        var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, cells) in file.Rows)
        {
            string Get(string field) => columns.TryGetValue(field, out var i) && i < cells.Count ? cells[i].Trim() : string.Empty;
            var rowProblems = new List<AbsenceProblem>();
            void Problem(string field, string message) => rowProblems.Add(new AbsenceProblem(row, field, message));

            var number = Get(AbsenceFields.Leerlingnummer);
            var code = Get(AbsenceFields.Code);
            var id = Get(AbsenceFields.RegistratieId);
            if (new[] { number, code, id }.Any(v => v.Length > MaxFieldLength))
            {
                Problem(AbsenceFields.Leerlingnummer, $"Een veld is langer dan {MaxFieldLength} tekens.");
                problems.AddRange(rowProblems);
                continue;
            }

            if (number.Length == 0)
            {
                Problem(AbsenceFields.Leerlingnummer, "Leerlingnummer ontbreekt.");
            }
            else if (!isKnownStudent(number))
            {
                Problem(AbsenceFields.Leerlingnummer, $"Leerlingnummer {number} staat niet in de leerlingenlijst van deze school. Importeer eerst de leerlingenlijst.");
            }

            AbsenceCodeMeaning? meaning = null;
            if (code.Length == 0)
            {
                Problem(AbsenceFields.Code, "De absentiecode ontbreekt.");
            }
            else if (!mapping.Meanings.TryGetValue(code, out meaning))
            {
                Problem(AbsenceFields.Code, $"Onbekende code '{code}'. Zet hem in de absentie-indeling (\"codes\") met wat hij betekent, bijvoorbeeld \"{code}\": \"ongeoorloofd\" of \"negeren\".");
            }

            if (id.Length > 0 && !seenIds.TryAdd(id, row))
            {
                Problem(AbsenceFields.RegistratieId, $"Registratie-id {id} komt ook voor in rij {seenIds[id]}.");
            }

            var first = ParseDate(Get(AbsenceFields.Datum), AbsenceFields.Datum, Problem);
            var lastText = Get(AbsenceFields.Einddatum);
            var last = lastText.Length == 0 ? first : ParseDate(lastText, AbsenceFields.Einddatum, Problem);
            if (first is null || last is null || meaning is null || rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }

            if (meaning.Kind == AbsenceKind.Negeren)
            {
                ignored++;
                continue;
            }

            var days = Days(first.Value, last.Value, meaning, year, today, calendar, Problem);
            var hours = days.Count == 0 ? [] : Hours(Get, days, mapping, Problem);
            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }

            var contentKey = AbsenceRegistration.Hash(string.Join('|', number, Get(AbsenceFields.Datum), lastText, Get(AbsenceFields.Lesuur), Get(AbsenceFields.Begintijd), Get(AbsenceFields.Eindtijd), Get(AbsenceFields.Dagdeel), code.ToUpperInvariant()));
            for (var i = 0; i < days.Count; i++)
            {
                var key = (id.Length > 0 ? "id:" + id : "inhoud:" + contentKey) + (days.Count > 1 ? "@" + days[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty);
                registrations.Add(new AbsenceRegistration(row, number, key, days[i], hours[i], meaning));
            }
        }

        problems.AddRange(DayProblems(registrations, lessonHoursPerSchoolDay));
        var bad = problems.Select(p => p.Row).ToHashSet();
        return new AbsenceParseResult(registrations.Where(r => !bad.Contains(r.Row)).ToList(), problems, file.Rows.Count, ignored);
    }

    /// <summary>
    /// The days a row covers: one date, or each school day from the first to the last (weekends and holidays inside a
    /// melding over several days are skipped; a single day that is no school day is a problem).
    /// </summary>
    private static List<DateOnly> Days(DateOnly first, DateOnly last, AbsenceCodeMeaning meaning, SchoolYear year, DateOnly today, SchoolCalendar calendar, Action<string, string> problem)
    {
        if (last < first)
        {
            problem(AbsenceFields.Einddatum, "De einddatum ligt vóór de begindatum.");
            return [];
        }

        if (first < year.First || last > year.Last)
        {
            problem(AbsenceFields.Datum, $"{DutchDate(first)} ligt buiten het schooljaar {year} ({DutchDate(year.First)} tot en met {DutchDate(year.Last)}).");
            return [];
        }

        if (last > today && meaning.Kind is AbsenceKind.Ziek or AbsenceKind.Ongeoorloofd or AbsenceKind.TeLaat)
        {
            problem(AbsenceFields.Datum, $"{DutchDate(last)} ligt in de toekomst; {meaning} kan alleen over vandaag of eerder gaan.");
            return [];
        }

        if (first < calendar.KnownFrom || last > calendar.KnownUntil)
        {
            problem(AbsenceFields.Datum, $"Voor {DutchDate(first)} kent de bot de schoolvakanties nog niet.");
            return [];
        }

        if (first == last && !calendar.IsSchoolDay(first))
        {
            problem(AbsenceFields.Datum, $"{DutchDate(first)} is geen schooldag (weekend, vakantie of studiedag); controleer de datum of de vakanties en studiedagen van de school.");
            return [];
        }

        var days = new List<DateOnly>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (calendar.IsSchoolDay(day))
            {
                days.Add(day);
            }
        }

        if (days.Count == 0)
        {
            problem(AbsenceFields.Datum, "Tussen begin- en einddatum valt geen schooldag.");
        }

        return days;
    }

    /// <summary>The lesuren of the row on each of its days: lesuur, time span (over the lesrooster), dagdeel, or null for the whole day.</summary>
    private static List<int?> Hours(Func<string, string> get, List<DateOnly> days, AbsenceMapping mapping, Action<string, string> problem)
    {
        var lesuur = get(AbsenceFields.Lesuur);
        var begin = get(AbsenceFields.Begintijd);
        var end = get(AbsenceFields.Eindtijd);
        var dagdeel = get(AbsenceFields.Dagdeel);
        int? Single(int? hours) => hours;
        if (lesuur.Length > 0)
        {
            var hours = LessonCount(lesuur);
            if (hours is null)
            {
                problem(AbsenceFields.Lesuur, $"'{lesuur}' is geen lesuur (bijvoorbeeld 3, 3-4 of 3,5).");
            }

            return days.Select(_ => Single(hours)).ToList();
        }

        if (begin.Length > 0 || end.Length > 0)
        {
            var from = begin.Length == 0 ? TimeOnly.MinValue : ParseTime(begin, AbsenceFields.Begintijd, problem);
            var to = end.Length == 0 ? TimeOnly.MaxValue : ParseTime(end, AbsenceFields.Eindtijd, problem);
            if (from is null || to is null)
            {
                return days.Select(_ => (int?)null).ToList();
            }

            if (mapping.Lessons.Count == 0)
            {
                problem(AbsenceFields.Begintijd, "De export geeft tijden, maar de absentie-indeling heeft geen lesrooster (\"lessonTimes\").");
                return days.Select(_ => (int?)null).ToList();
            }

            // A melding over several days runs from the begin time on its first day to the end time on its last.
            return days.Select((_, i) => Overlapping(mapping, i == 0 ? from.Value : TimeOnly.MinValue, i == days.Count - 1 ? to.Value : TimeOnly.MaxValue)).ToList();
        }

        if (dagdeel.Length > 0)
        {
            if (!mapping.DayParts.TryGetValue(dagdeel, out var partHours))
            {
                problem(AbsenceFields.Dagdeel, $"Onbekend dagdeel '{dagdeel}' (de indeling kent: {string.Join(", ", mapping.DayParts.Keys)}).");
                return days.Select(_ => (int?)null).ToList();
            }

            return days.Select(_ => (int?)partHours).ToList();
        }

        return days.Select(_ => (int?)null).ToList();
    }

    /// <summary>The lesuren of the lesrooster that overlap the span; a whole day when the span covers them all.</summary>
    private static int? Overlapping(AbsenceMapping mapping, TimeOnly from, TimeOnly to)
    {
        var count = mapping.Lessons.Count(l => l.Start < to && l.End > from);
        return count >= mapping.Lessons.Count ? null : Math.Max(count, 1);
    }

    private static int? LessonCount(string text)
    {
        if (LessonRange().Match(text) is { Success: true } range)
        {
            int a = int.Parse(range.Groups[1].ValueSpan, CultureInfo.InvariantCulture), b = int.Parse(range.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
            return a is >= 1 and <= 12 && b >= a && b <= 12 ? b - a + 1 : null;
        }

        var parts = text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 12)
            ? parts.Distinct().Count()
            : null;
    }

    /// <summary>Per student and day: at most 10 lesuren ongeoorloofd (as in chat), and no ongeoorloofd or te laat on a day that is no verzuim.</summary>
    private static IEnumerable<AbsenceProblem> DayProblems(List<AbsenceRegistration> registrations, int perSchoolDay)
    {
        foreach (var day in registrations.GroupBy(r => (r.Leerlingnummer, r.Date)))
        {
            var unauthorised = day.Where(r => r.Meaning.Kind == AbsenceKind.Ongeoorloofd).ToList();
            var total = unauthorised.Sum(r => r.LessonHours(perSchoolDay));
            if (total > UnauthorisedAbsenceService.MaxHoursPerDay)
            {
                foreach (var r in unauthorised)
                {
                    yield return new AbsenceProblem(r.Row, AbsenceFields.Lesuur, $"Op {DutchDate(day.Key.Date)} komt leerling {day.Key.Leerlingnummer} op {total} lesuren ongeoorloofd; meer dan {UnauthorisedAbsenceService.MaxHoursPerDay} op één dag kan niet.");
                }
            }

            var noVerzuim = day.FirstOrDefault(r => r.Meaning.Kind is AbsenceKind.Schorsing or AbsenceKind.Verlof || (r.Meaning.Kind == AbsenceKind.Geoorloofd && r.IsWholeDay(perSchoolDay)));
            if (noVerzuim is not null)
            {
                foreach (var r in day.Where(r => r.Meaning.Kind is AbsenceKind.Ongeoorloofd or AbsenceKind.TeLaat))
                {
                    yield return new AbsenceProblem(r.Row, AbsenceFields.Code, $"Op {DutchDate(day.Key.Date)} staat leerling {day.Key.Leerlingnummer} de hele dag als {noVerzuim.Meaning} (rij {noVerzuim.Row}); {r.Meaning} op die dag spreekt dat tegen.");
                }
            }
        }
    }

    private static DateOnly? ParseDate(string text, string field, Action<string, string> problem)
    {
        var date = text.Split(' ', 2)[0];
        if (DateOnly.TryParseExact(date, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        problem(field, text.Length == 0 ? "De datum ontbreekt." : $"'{text}' is geen datum (gebruik dd-mm-jjjj).");
        return null;
    }

    private static TimeOnly? ParseTime(string text, string field, Action<string, string> problem)
    {
        var time = text.Contains(' ', StringComparison.Ordinal) ? text.Split(' ', 2)[1] : text;
        if (TimeOnly.TryParseExact(time.Replace('.', ':'), ["H:mm", "H:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        problem(field, $"'{text}' is geen tijd (gebruik uu:mm).");
        return null;
    }

    private static readonly string[] Formats = ["d-M-yyyy", "dd-MM-yyyy", "d/M/yyyy", "yyyy-MM-dd", "d.M.yyyy"];

    internal static string DutchDate(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(\d{1,2})\s*(?:-|t/m|tm)\s*(\d{1,2})\s*$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex LessonRange();
}

/// <summary>The registrations of the good rows, every problem, how many data rows were read and how many meant no absence.</summary>
internal sealed record AbsenceParseResult(IReadOnlyList<AbsenceRegistration> Registrations, IReadOnlyList<AbsenceProblem> Problems, int RowsRead, int Ignored)
{
    public int BadRows => Problems.Select(p => p.Row).Distinct().Count();
}
