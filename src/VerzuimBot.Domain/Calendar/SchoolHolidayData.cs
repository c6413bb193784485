using System.Globalization;
using System.Text.Json;

namespace VerzuimBot.Domain.Calendar;

/// <summary>The holiday data embedded in this assembly (Calendar/schoolvakanties.json, sources cited in the file).</summary>
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

    public SchoolCalendar CalendarFor(HolidayRegion region, IEnumerable<DateOnly> studyDays)
    {
        var name = region.ToString().ToLowerInvariant();
        var holidays = _holidays.Where(h => h.Region == "alle" || h.Region == name).Select(h => h.Holiday);
        return new SchoolCalendar(region, holidays, _nationalDaysOff, studyDays, KnownFrom, KnownUntil);
    }

    private static SchoolHolidayData LoadEmbedded()
    {
        using var stream = typeof(SchoolHolidayData).Assembly.GetManifestResourceStream("VerzuimBot.Domain.schoolvakanties.json")
            ?? throw new InvalidOperationException("Embedded holiday data is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var holidays = root.GetProperty("vakanties").EnumerateArray()
            .Select(e => (e.GetProperty("regio").GetString()!, new SchoolHoliday(e.GetProperty("naam").GetString()!, Date(e, "van"), Date(e, "tot"))))
            .ToList();
        var nationalDaysOff = root.GetProperty("feestdagen").EnumerateArray()
            .Select(e => new SchoolHoliday(e.GetProperty("naam").GetString()!, Date(e, "datum"), Date(e, "datum")))
            .ToList();
        return new SchoolHolidayData(Date(root, "bekendVan"), Date(root, "bekendTot"), holidays, nationalDaysOff);
    }

    private static DateOnly Date(JsonElement element, string property) =>
        DateOnly.ParseExact(element.GetProperty(property).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
