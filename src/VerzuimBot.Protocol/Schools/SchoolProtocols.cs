using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;

namespace VerzuimBot.Protocol.Schools;

/// <summary>Configuration per school: which profile, which holiday region, which study days and own holiday weeks.</summary>
internal sealed class SchoolsOptions
{
    public const string SectionName = "Schools";

    public string DefaultProfile { get; set; } = ProtocolProfiles.UtrechtWestVo;

    /// <summary>The region of a school that does not name its own (the region is the school's, not the profile's: issue 20).</summary>
    public string DefaultHolidayRegion { get; set; } = "midden";

    public Dictionary<string, SchoolOptions> Items { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class SchoolOptions
{
    public string? Profile { get; set; }

    /// <summary>noord, midden or zuid (Regeling vaststelling schoolvakanties); NW Veluwe and Zeeluwe are midden.</summary>
    public string? HolidayRegion { get; set; }

    /// <summary>Study days and other days off of the school (yyyy-MM-dd), e.g. 5 mei outside a lustrum year.</summary>
    public List<string> StudyDays { get; set; } = [];

    /// <summary>The school's own advisory holiday weeks in place of the region's, e.g. a zuid school's carnaval week.</summary>
    public List<OwnHolidayOptions> Holidays { get; set; } = [];
}

/// <summary>"Voorjaarsvakantie" from First to Last (yyyy-MM-dd, both included).</summary>
internal sealed class OwnHolidayOptions
{
    public string Name { get; set; } = string.Empty;

    public string First { get; set; } = string.Empty;

    public string Last { get; set; } = string.Empty;
}

/// <summary>
/// Resolves a school's protocol. Profiles are read from the host's profiles/ folder when a file is
/// there (so a beheerder's edit counts), otherwise from the defaults shipped in the domain.
/// An invalid profile file fails with the parser's Dutch message naming the field.
/// </summary>
internal sealed class SchoolProtocols(IOptions<SchoolsOptions> options)
{
    private readonly ConcurrentDictionary<string, SchoolProtocol> _cache = new(StringComparer.OrdinalIgnoreCase);

    public SchoolProtocol For(string schoolId) => _cache.GetOrAdd(schoolId, Load);

    private SchoolProtocol Load(string schoolId)
    {
        var school = options.Value.Items.GetValueOrDefault(schoolId);
        var profileId = school?.Profile ?? options.Value.DefaultProfile;
        var file = Path.Combine(AppContext.BaseDirectory, "profiles", profileId + ".json");
        var profile = File.Exists(file) ? ProtocolProfileParser.Parse(File.ReadAllText(file)) : ProtocolProfiles.Load(profileId);
        var studyDays = (school?.StudyDays ?? []).Select(Date);
        var own = (school?.Holidays ?? []).Select(h => new SchoolHoliday(h.Name, Date(h.First), Date(h.Last), Advisory: true));
        return new SchoolProtocol(schoolId, profile, SchoolCalendar.ForRegion(Region(school?.HolidayRegion ?? options.Value.DefaultHolidayRegion), studyDays, own));
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static HolidayRegion Region(string text) => text.Trim().ToLowerInvariant() switch
    {
        "noord" => HolidayRegion.Noord,
        "midden" => HolidayRegion.Midden,
        "zuid" => HolidayRegion.Zuid,
        _ => throw new InvalidOperationException($"Onbekende vakantieregio '{text}' in Schools: kies noord, midden of zuid."),
    };
}
