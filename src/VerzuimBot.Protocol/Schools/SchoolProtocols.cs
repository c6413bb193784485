using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;

namespace VerzuimBot.Protocol.Schools;

/// <summary>Configuration per school: which profile, which study days.</summary>
internal sealed class SchoolsOptions
{
    public const string SectionName = "Schools";

    public string DefaultProfile { get; set; } = ProtocolProfiles.UtrechtWestVo;

    public Dictionary<string, SchoolOptions> Items { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class SchoolOptions
{
    public string? Profile { get; set; }

    public List<string> StudyDays { get; set; } = [];
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
        var studyDays = (school?.StudyDays ?? []).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new SchoolProtocol(schoolId, profile, SchoolCalendar.ForRegion(profile.HolidayRegion, studyDays));
    }
}
