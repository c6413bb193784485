using System.Globalization;
using System.Text.Json;

namespace VerzuimBot.Domain.Calendar;

/// <summary>The holiday data embedded in this assembly (Calendar/schoolvakanties.json, its sources cited per school year in the file).</summary>
internal sealed class SchoolHolidayData
{
    private static readonly Lazy<SchoolHolidayData> Embedded = new(LoadEmbedded);

    private readonly List<(string Region, SchoolHoliday Holiday)> _holidays;
    private readonly List<SchoolHoliday> _nationalDaysOff;

    private SchoolHolidayData(DateOnly knownFrom, DateOnly knownUntil, List<(string, SchoolHoliday)> holidays, List<SchoolHoliday> nationalDaysOff)
    {
        KnownFrom = knownFrom;
        KnownUntil = knownUntil;
        _holidays = holidays;
        _nationalDaysOff = nationalDaysOff;
    }

    public static SchoolHolidayData Default => Embedded.Value;

    public DateOnly KnownFrom { get; }

    public DateOnly KnownUntil { get; }

    /// <summary>The region's holidays with the school's own advisory weeks in place of the region's (see <see cref="OwnHolidays"/>).</summary>
    public SchoolCalendar CalendarFor(HolidayRegion region, IEnumerable<DateOnly> studyDays, IEnumerable<SchoolHoliday> ownHolidays)
    {
        var name = region.ToString().ToLowerInvariant();
        var holidays = _holidays.Where(h => h.Region == "alle" || h.Region == name).Select(h => h.Holiday).ToList();
        return new SchoolCalendar(region, OwnHolidays.Apply(holidays, ownHolidays), _nationalDaysOff, studyDays, KnownFrom, KnownUntil);
    }

    /// <summary>
    /// 5 mei is an erkende feestdag for schools only once in five years (cao PO art. 1.1 as the AVS quotes it: "5 mei,
    /// nationale feestdag (eens in de vijf jaar)"; the Stichting van de Arbeid's lustrum advice): 2025, 2030, ...
    /// A school that closes every year records it as its own day off.
    /// </summary>
    public static bool IsBevrijdingsdagOff(int year) => year % 5 == 0;

    private static SchoolHolidayData LoadEmbedded()
    {
        using var stream = typeof(SchoolHolidayData).Assembly.GetManifestResourceStream("VerzuimBot.Domain.schoolvakanties.json")
            ?? throw new InvalidOperationException("Embedded holiday data is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var holidays = root.GetProperty("schooljaren").EnumerateArray()
            .SelectMany(year => year.GetProperty("vakanties").EnumerateArray())
            .Select(e => (e.GetProperty("regio").GetString()!, new SchoolHoliday(
                e.GetProperty("naam").GetString()!, Date(e, "van"), Date(e, "tot"), e.GetProperty("soort").GetString() == "advies")))
            .ToList();
        var knownFrom = Date(root, "bekendVan");
        var knownUntil = Date(root, "bekendTot");
        var nationalDaysOff = root.GetProperty("feestdagen").EnumerateArray()
            .Select(e => new SchoolHoliday(e.GetProperty("naam").GetString()!, Date(e, "datum"), Date(e, "datum")))
            .Concat(Enumerable.Range(knownFrom.Year, knownUntil.Year - knownFrom.Year + 1)
                .Where(IsBevrijdingsdagOff)
                .Select(y => new DateOnly(y, 5, 5))
                .Where(d => d >= knownFrom && d <= knownUntil)
                .Select(d => new SchoolHoliday("Bevrijdingsdag", d, d)))
            .ToList();
        return new SchoolHolidayData(knownFrom, knownUntil, holidays, nationalDaysOff);
    }

    private static DateOnly Date(JsonElement element, string property) =>
        DateOnly.ParseExact(element.GetProperty(property).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
