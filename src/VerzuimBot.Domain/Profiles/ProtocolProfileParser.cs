using System.Globalization;
using System.Text.Json;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Domain.Profiles;

/// <summary>
/// Reads a profile from its JSON text (the caller reads the file; the domain does no I/O).
/// Every problem names the field in Dutch, so a beheerder can fix the file.
/// </summary>
public static class ProtocolProfileParser
{
    public static ProtocolProfile Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ProfileValidationException("?", "(bestand)", $"is geen geldige JSON (regel {ex.LineNumber + 1})");
        }

        using (document)
        {
            var root = new Reader(document.RootElement, string.Empty, "?");
            var id = root.String("id");
            root = root with { Profile = id };
            if (root.Has("vakantieregio"))
            {
                // The region belongs to the school: two schools of one SWV can lie in two regions (issue 20).
                throw root.Invalid("vakantieregio", "hoort niet in het profiel: de vakantieregio is van de school (Schools:Items:<BRIN>:HolidayRegion)");
            }

            var profile = new ProtocolProfile(
                id,
                root.String("naam"),
                root.String("bron"),
                root.Enum<SchoolType>("schooltype"),
                root.Time("herinneringstijd"),
                ParseSick(root.Object("ziekteverzuim")),
                ParseUnauthorised(root.Object("ongeoorloofd")),
                ParseThuiszitter(root.Object("thuiszitter")),
                ParseLeerplicht(root.Object("leerplicht")),
                ParseVerlof(root.Object("verlof")),
                ParseDigest(root.Object("overzicht")),
                root.Int("bewaartermijnMaanden", minimum: 1),
                root.Object("contacten").StringMap(),
                ParseArrangementen(root.Object("arrangementen")));
            return profile;
        }
    }

    private static SickAbsenceRules ParseSick(Reader r)
    {
        var reminderDay = r.Int("mentorHerinneringOpSchooldag", minimum: 1);
        var answerWithin = r.Int("mentorAntwoordBinnenSchooldagen", minimum: 1);
        if (answerWithin < reminderDay)
        {
            throw r.Invalid("mentorAntwoordBinnenSchooldagen", $"kan niet gehaald worden: de mentor krijgt de herinnering pas op schooldag {reminderDay}");
        }

        var count = r.OptionalInt("zorgwekkendZiekmeldingenAantal", minimum: 1);
        var countWindow = r.OptionalInt("zorgwekkendZiekmeldingenVensterSchooldagen", minimum: 1);
        if (count.HasValue != countWindow.HasValue)
        {
            throw r.Invalid("zorgwekkendZiekmeldingenVensterSchooldagen", "moet samen met zorgwekkendZiekmeldingenAantal worden ingevuld");
        }

        // RUW's "5 dagen in een maand" may be switched off (null): the national MAZL criteria do not have it (domain.md §3).
        var incidental = r.OptionalInt("zorgwekkendIncidenteelDagen", minimum: 1);
        var incidentalWindow = r.OptionalInt("zorgwekkendIncidenteelVensterSchooldagen", minimum: 1);
        if (incidental.HasValue != incidentalWindow.HasValue)
        {
            throw r.Invalid("zorgwekkendIncidenteelVensterSchooldagen", "moet samen met zorgwekkendIncidenteelDagen worden ingevuld (of beide null om de regel uit te zetten)");
        }

        return new SickAbsenceRules(
            reminderDay,
            answerWithin,
            r.Int("zorgwekkendAaneengeslotenMeerDan", minimum: 1),
            incidental,
            incidentalWindow,
            count,
            countWindow,
            r.Int("consultBinnenSchooldagen", minimum: 1),
            r.Int("terugkoppelingBinnenSchooldagen", minimum: 1),
            r.Int("evaluatieElkeSchooldagen", minimum: 1));
    }

    private static UnauthorisedAbsenceRules ParseUnauthorised(Reader r)
    {
        var rungs = Rungs(r, "ladder", "uren");
        if (r.Has("signaalVensterSchooldagen"))
        {
            throw r.Invalid("signaalVensterSchooldagen", "bestaat niet meer: het venster telt lesweken (signaalVensterLesweken, 4), want een week met vakantie telt niet en een studiedag rekt het venster niet op");
        }

        var signalHours = r.Int("signaalUren", minimum: 1);
        var warning = r.Int("waarschuwingVanafUren", minimum: 1);
        if (warning >= signalHours)
        {
            throw r.Invalid("waarschuwingVanafUren", $"moet lager zijn dan signaalUren ({signalHours}), anders komt de waarschuwing te laat");
        }

        return new UnauthorisedAbsenceRules(
            rungs,
            signalHours,
            r.Int("signaalTeLaatAantal", minimum: 1),
            r.Int("signaalVensterLesweken", minimum: 1),
            warning,
            r.Int("meldingBinnenWerkdagen", minimum: 1),
            r.Bool("directNaarLeerplicht"),
            LessonHours(r),
            ParseLate(r.Object("teLaat")),
            r.Int("vijfjarigeUrenPerWeek", minimum: 0),
            r.Int("vijfjarigeExtraUrenPerWeek", minimum: 0));
    }

    /// <summary>A ladder of rungs with a rising threshold in <paramref name="thresholdField"/>.</summary>
    private static List<LadderRung> Rungs(Reader r, string field, string thresholdField)
    {
        var rungs = r.Array(field).Select(rung => new LadderRung(
            rung.Int(thresholdField, minimum: 1),
            rung.StringList("acties", atLeastOne: true),
            rung.Has("leerplicht") ? rung.StringList("leerplicht", atLeastOne: false) : [])).ToList();
        for (var i = 1; i < rungs.Count; i++)
        {
            if (rungs[i].Hours <= rungs[i - 1].Hours)
            {
                throw r.Invalid($"{field}[{i}].{thresholdField}", "moet hoger zijn dan de vorige trede");
            }
        }

        return rungs;
    }

    /// <summary>004 "uren ongeoorloofd verzuim en/of te laat komen": a number of late arrivals per hour, or an own ladder in times late.</summary>
    private static LateArrivalRules ParseLate(Reader r)
    {
        var perHour = r.OptionalInt("keerPerUur", minimum: 1);
        var hasLadder = r.Has("ladder");
        return (perHour, hasLadder) switch
        {
            ({ } n, false) => new LateArrivalRules(n, []),
            (null, true) => Rungs(r, "ladder", "keer") is { Count: > 0 } rungs ? new LateArrivalRules(null, rungs) : throw r.Invalid("ladder", "moet minstens één trede bevatten"),
            (null, false) => throw r.Invalid("keerPerUur", "ontbreekt: geef aan hoeveel keer te laat als één uur telt, of geef een eigen ladder in keren te laat"),
            _ => throw r.Invalid("ladder", "kan niet samen met keerPerUur: kies één van beide"),
        };
    }

    private static LeerplichtRules ParseLeerplicht(Reader r)
    {
        var route = r.String("naLeerplicht").ToLowerInvariant() switch
        {
            "rmc" => AfterLeerplichtRoute.Rmc,
            "stopt" => AfterLeerplichtRoute.Stopt,
            var other => throw r.Invalid("naLeerplicht", $"heeft onbekende waarde '{other}' (kies rmc of stopt)"),
        };
        return new LeerplichtRules(route);
    }

    private static VerlofRules ParseVerlof(Reader r) =>
        new(r.Int("aanvragenWekenVooraf", minimum: 0), r.Int("maxSchooldagenPerSchooljaar", minimum: 1), r.Int("nietInEersteSchooldagen", minimum: 0));

    private static int LessonHours(Reader r)
    {
        var hours = r.Int("lesurenPerSchooldag", minimum: 1);
        return hours <= UnauthorisedAbsenceRules.MaxLessonHoursPerDay
            ? hours
            : throw r.Invalid("lesurenPerSchooldag", $"mag niet meer dan {UnauthorisedAbsenceRules.MaxLessonHoursPerDay} zijn");
    }

    private static ThuiszitterRules ParseThuiszitter(Reader r)
    {
        var oranje = r.Int("oranjeNaSchooldagen", minimum: 1);
        var rood = r.Int("roodNaSchooldagen", minimum: 1);
        if (rood <= oranje)
        {
            throw r.Invalid("roodNaSchooldagen", $"moet later vallen dan oranjeNaSchooldagen ({oranje})");
        }

        return new ThuiszitterRules(
            r.Int("leerplichtNaSchooldagen", minimum: 1),
            oranje,
            rood,
            r.Int("doorzettingsmachtWerkdagen", minimum: 1),
            r.StringList("checklistSchool", atLeastOne: true),
            r.StringList("checklistLeerplicht", atLeastOne: true),
            r.Int("vrijstellingTermijnMaanden", minimum: 1),
            r.Int("vrijstellingHerinneringSchooldagenVooraf", minimum: 1));
    }

    private static DigestSchedule ParseDigest(Reader r)
    {
        var day = r.String("dag").ToLowerInvariant() switch
        {
            "maandag" => DayOfWeek.Monday,
            "dinsdag" => DayOfWeek.Tuesday,
            "woensdag" => DayOfWeek.Wednesday,
            "donderdag" => DayOfWeek.Thursday,
            "vrijdag" => DayOfWeek.Friday,
            var other => throw r.Invalid("dag", $"heeft onbekende schooldag '{other}' (maandag t/m vrijdag)"),
        };
        return new DigestSchedule(day, r.Time("tijd"), r.Int("rblSwvOverlegElkeWeken", minimum: 1), r.Int("vrijstellingenDoel", minimum: 0));
    }

    private static Dictionary<ThuiszitterCode, IReadOnlyList<string>> ParseArrangementen(Reader r) => new()
    {
        [ThuiszitterCode.Geel] = r.StringList("geel", atLeastOne: false),
        [ThuiszitterCode.Oranje] = r.StringList("oranje", atLeastOne: false),
        [ThuiszitterCode.Rood] = r.StringList("rood", atLeastOne: false),
    };

    /// <summary>Walks the JSON keeping the field path, so every error names the field.</summary>
    private sealed record Reader(JsonElement Element, string Path, string Profile)
    {
        public ProfileValidationException Invalid(string field, string problem) => new(Profile, Full(field), problem);

        public Reader Object(string field)
        {
            var value = Required(field);
            return value.ValueKind == JsonValueKind.Object
                ? new Reader(value, Full(field), Profile)
                : throw Invalid(field, "moet een object { ... } zijn");
        }

        public IEnumerable<Reader> Array(string field)
        {
            var value = Required(field);
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(field, "moet een lijst [ ... ] zijn");
            }

            return value.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.Object
                ? new Reader(item, $"{Full(field)}[{i}]", Profile)
                : throw Invalid($"{field}[{i}]", "moet een object { ... } zijn")).ToList();
        }

        public string String(string field)
        {
            var value = Required(field);
            return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                ? value.GetString()!
                : throw Invalid(field, "moet een niet-lege tekst zijn");
        }

        public bool Bool(string field)
        {
            var value = Required(field);
            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Invalid(field, "moet true of false zijn"),
            };
        }

        public int Int(string field, int minimum) => OptionalInt(field, minimum) ?? throw Invalid(field, "ontbreekt");

        public int? OptionalInt(string field, int minimum)
        {
            if (!Element.TryGetProperty(field, out var value))
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            {
                throw Invalid(field, "moet een heel getal zijn");
            }

            if (number < 0)
            {
                throw Invalid(field, "mag niet negatief zijn");
            }

            return number >= minimum ? number : throw Invalid(field, $"moet minstens {minimum} zijn");
        }

        public TimeOnly Time(string field)
        {
            var text = String(field);
            return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time
                : throw Invalid(field, $"moet een tijd als 08:30 zijn, niet '{text}'");
        }

        public T Enum<T>(string field)
            where T : struct, Enum
        {
            var text = String(field);
            return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _)
                ? value
                : throw Invalid(field, $"heeft onbekende waarde '{text}' (kies {string.Join(", ", System.Enum.GetNames<T>())})");
        }

        public bool Has(string field) => Element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

        public IReadOnlyList<string> StringList(string field, bool atLeastOne)
        {
            var value = Required(field);
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(i.GetString())))
            {
                throw Invalid(field, "moet een lijst met teksten zijn");
            }

            var list = value.EnumerateArray().Select(i => i.GetString()!).ToList();
            return atLeastOne && list.Count == 0 ? throw Invalid(field, "moet minstens één item bevatten") : list;
        }

        public IReadOnlyDictionary<string, string> StringMap()
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in Element.EnumerateObject())
            {
                map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw Invalid(property.Name, "moet een tekst zijn");
            }

            return map;
        }

        private JsonElement Required(string field) =>
            Element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
                ? value
                : throw Invalid(field, "ontbreekt");

        private string Full(string field) => Path.Length == 0 ? field : $"{Path}.{field}";
    }
}
