using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VerzuimBot.Protocol.AbsenceImport;

/// <summary>
/// How one school's absence export reads (docs/absence-import.md): which header holds which field (several names each,
/// compared case-insensitively), what each code of the school system means, the lesrooster that turns a time span into
/// lesuren, and the lesuren of a dagdeel. A school's own file, or one of the ready mappings (<see cref="BuiltIn"/>):
/// "magister", "somtoday", "parnassys".
/// </summary>
public sealed class AbsenceMapping
{
    public static readonly IReadOnlyList<string> BuiltInNames = ["magister", "somtoday", "parnassys"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>The school system the layout is modelled on (for messages only).</summary>
    public string System { get; init; } = "eigen indeling";

    public AbsenceColumns Columns { get; init; } = new();

    /// <summary>The system's code (or reason text) → "ziek", "ongeoorloofd", "te laat", "geoorloofd dokter", ..., "negeren".</summary>
    public IReadOnlyDictionary<string, string> Codes { get; init; } = new Dictionary<string, string>();

    /// <summary>The school's lesuren as "08:30-09:20", in order: lesuur 1 first. Turns a begin and end time into lesuren.</summary>
    public IReadOnlyList<string> LessonTimes { get; init; } = [];

    /// <summary>Lesuren per dagdeel ("ochtend": 3), for systems that register per dagdeel (PO).</summary>
    public IReadOnlyDictionary<string, int> DayParts { get; init; } = new Dictionary<string, int>();

    internal IReadOnlyDictionary<string, AbsenceCodeMeaning> Meanings { get; private init; } = new Dictionary<string, AbsenceCodeMeaning>();

    internal IReadOnlyList<(TimeOnly Start, TimeOnly End)> Lessons { get; private init; } = [];

    /// <summary>A ready mapping by name, or null when there is none by that name.</summary>
    public static AbsenceMapping? BuiltIn(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        if (!BuiltInNames.Contains(key))
        {
            return null;
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"VerzuimBot.AbsenceImport.{key}.json")
            ?? throw new InvalidOperationException($"The ready mapping '{key}' is not embedded.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }

    /// <summary>Reads and checks a mapping; a Dutch <see cref="FormatException"/> says what is wrong.</summary>
    public static AbsenceMapping FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        AbsenceMapping mapping;
        try
        {
            mapping = JsonSerializer.Deserialize<AbsenceMapping>(json, Json) ?? throw new FormatException("De absentie-indeling is leeg.");
        }
        catch (JsonException exception)
        {
            // Configuration, not personal data: the position helps the beheerder.
            throw new FormatException($"De absentie-indeling is geen geldige JSON (regel {exception.LineNumber + 1}).", exception);
        }

        // "codes": null (or a null inside a list) binds as null despite the defaults: say which part, do not fail further on.
        if (EmptyPart(mapping) is { } part)
        {
            throw new FormatException($"De absentie-indeling heeft een leeg onderdeel '{part}'.");
        }

        foreach (var (field, headers, required) in mapping.Columns.Fields)
        {
            if (headers is null || headers.Any(string.IsNullOrWhiteSpace) || (required && headers.Count == 0))
            {
                throw new FormatException($"De absentie-indeling heeft voor '{field}' geen (of een lege) kolomnaam.");
            }
        }

        var meanings = new Dictionary<string, AbsenceCodeMeaning>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, meaning) in mapping.Codes)
        {
            meanings[code.Trim()] = AbsenceCodeMeaning.Parse(meaning)
                ?? throw new FormatException($"Code '{code}' in de absentie-indeling betekent '{meaning}'; gebruik ziek, ongeoorloofd, te laat, geoorloofd dokter, geoorloofd religieuze feestdag, geoorloofd huwelijk, geoorloofd begrafenis, schorsing, verlof of negeren.");
        }

        if (meanings.Count == 0)
        {
            throw new FormatException("De absentie-indeling noemt geen enkele code (\"codes\": {\"Z\": \"ziek\"}).");
        }

        var lessons = mapping.LessonTimes.Select(ParseLesson).ToList();
        if (mapping.DayParts.Any(d => d.Value is < 1 or > 10))
        {
            throw new FormatException("Een dagdeel in de absentie-indeling heeft 1 tot 10 lesuren.");
        }

        return new AbsenceMapping { System = mapping.System, Columns = mapping.Columns, Codes = mapping.Codes, LessonTimes = mapping.LessonTimes, DayParts = new Dictionary<string, int>(mapping.DayParts, StringComparer.OrdinalIgnoreCase), Meanings = meanings, Lessons = lessons };
    }

    private static string? EmptyPart(AbsenceMapping mapping) =>
        mapping.Columns is null ? "columns"
        : mapping.Codes is null || mapping.Codes.Values.Any(v => v is null) ? "codes"
        : mapping.LessonTimes is null || mapping.LessonTimes.Any(t => t is null) ? "lessonTimes"
        : mapping.DayParts is null ? "dayParts"
        : mapping.System is null ? "system"
        : null;

    /// <summary>"--mapping magister" or a path to the school's own JSON file.</summary>
    public static AbsenceMapping Resolve(string nameOrPath) =>
        BuiltIn(nameOrPath) ?? (File.Exists(nameOrPath)
            ? FromJson(File.ReadAllText(nameOrPath))
            : throw new FormatException($"Geen absentie-indeling '{nameOrPath}': geef {string.Join(", ", BuiltInNames)} of het pad van een JSON-bestand."));

    private static (TimeOnly, TimeOnly) ParseLesson(string text)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && TimeOnly.TryParseExact(parts[0], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && TimeOnly.TryParseExact(parts[1], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) && end > start)
        {
            return (start, end);
        }

        throw new FormatException($"Lesuur '{text}' in de absentie-indeling is geen tijdvak zoals 08:30-09:20.");
    }
}

/// <summary>The header names of each field of an absence export.</summary>
public sealed class AbsenceColumns
{
    public IReadOnlyList<string> Leerlingnummer { get; init; } = ["Leerlingnummer", "Stamnummer", "Stamnr", "Llnr"];

    public IReadOnlyList<string> Datum { get; init; } = ["Datum", "Begindatum"];

    /// <summary>Optional: the last day of a melding over several days.</summary>
    public IReadOnlyList<string> Einddatum { get; init; } = [];

    /// <summary>Optional: "3", "3-4" or "3,5".</summary>
    public IReadOnlyList<string> Lesuur { get; init; } = [];

    public IReadOnlyList<string> Begintijd { get; init; } = [];

    public IReadOnlyList<string> Eindtijd { get; init; } = [];

    public IReadOnlyList<string> Dagdeel { get; init; } = [];

    public IReadOnlyList<string> Code { get; init; } = ["Code", "Absentiecode", "Reden"];

    /// <summary>Optional: the system's own id of the registration; without it a row is known by its content.</summary>
    public IReadOnlyList<string> RegistratieId { get; init; } = [];

    internal IEnumerable<(string Field, IReadOnlyList<string> Headers, bool Required)> Fields =>
    [
        (AbsenceFields.Leerlingnummer, Leerlingnummer, true),
        (AbsenceFields.Datum, Datum, true),
        (AbsenceFields.Einddatum, Einddatum, false),
        (AbsenceFields.Lesuur, Lesuur, false),
        (AbsenceFields.Begintijd, Begintijd, false),
        (AbsenceFields.Eindtijd, Eindtijd, false),
        (AbsenceFields.Dagdeel, Dagdeel, false),
        (AbsenceFields.Code, Code, true),
        (AbsenceFields.RegistratieId, RegistratieId, false),
    ];
}

/// <summary>The Dutch field names used in problem messages.</summary>
internal static class AbsenceFields
{
    public const string Leerlingnummer = "leerlingnummer";
    public const string Datum = "datum";
    public const string Einddatum = "einddatum";
    public const string Lesuur = "lesuur";
    public const string Begintijd = "begintijd";
    public const string Eindtijd = "eindtijd";
    public const string Dagdeel = "dagdeel";
    public const string Code = "code";
    public const string RegistratieId = "registratie-id";
}
