using Microsoft.Extensions.Options;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Protocol.Schools;

namespace VerzuimBot.Hosting.Startup;

/// <summary>
/// Each school's protocol as <see cref="SchoolProtocols"/> builds it (profile, holiday region, study days, own holiday
/// weeks), built once at start-up: otherwise a wrong region or date only fails at the school's first ziekmelding, and a
/// wrong profile at the first nightly retention run.
/// </summary>
internal static class ConfiguredSchools
{
    /// <summary>Not a BRIN: the school every unconfigured school is (the defaults).</summary>
    private const string AnyOtherSchool = "(default)";

    private static readonly string Fix =
        $"Profile is one of {string.Join(", ", ProtocolProfiles.Names)} (or a file in profiles/), HolidayRegion is noord, midden or zuid, StudyDays[] and Holidays[].First/Last are dates as yyyy-MM-dd, and a school's own Holidays[] are a Herfstvakantie or Voorjaarsvakantie inside a known school year (README, Per school).";

    public static IEnumerable<ConfigurationCheck> Checks(IConfiguration configuration)
    {
        var section = configuration.GetSection(SchoolsOptions.SectionName);
        var defaults = Problem(section, AnyOtherSchool);
        yield return Check($"{SchoolsOptions.SectionName}:DefaultProfile | {SchoolsOptions.SectionName}:DefaultHolidayRegion", () => defaults);

        // A school that only inherits a wrong default is not named again.
        foreach (var school in section.GetSection(nameof(SchoolsOptions.Items)).GetChildren())
        {
            yield return Check(school.Path, () => Problem(section, school.Key) is { } problem && problem != defaults ? problem : null);
        }
    }

    private static ConfigurationCheck Check(string key, Func<string?> problem) =>
        new(key, Fix, _ => problem()) { AlsoForBeheer = true };

    private static string? Problem(IConfigurationSection section, string schoolId)
    {
        try
        {
            _ = new SchoolProtocols(Options.Create(section.Get<SchoolsOptions>() ?? new SchoolsOptions())).For(schoolId);
            return null;
        }
        catch (Exception invalid) when (invalid is ArgumentException or InvalidOperationException or FormatException or ProfileValidationException)
        {
            return ConfigurationProblems.Sentence(invalid);
        }
    }
}
