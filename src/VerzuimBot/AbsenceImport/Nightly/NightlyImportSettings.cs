using System.Globalization;
using VerzuimBot.Protocol.AbsenceImport;
using VerzuimBot.Protocol.Schools;

namespace VerzuimBot.AbsenceImport.Nightly;

/// <summary>
/// One school's SharePoint folder for the nightly absence import (<c>Schools:Items:&lt;BRIN&gt;:AbsenceImport:Nightly</c>):
/// the site (its id as Graph knows it), the document library (empty: the site's default library) and the folder in it.
/// </summary>
internal sealed record NightlyImportFolder(string SchoolId, string SiteId, string? DriveId, string Folder, string Mapping);

/// <summary>
/// The nightly import's configuration, off unless a school names its folder. <c>AbsenceImport:NightlyAt</c> is the
/// Amsterdam time of the run (default 02:30, after the retention run at 02:00).
/// </summary>
internal sealed record NightlyImportSettings(TimeOnly RunAt, IReadOnlyList<NightlyImportFolder> Folders)
{
    public const string RunAtKey = "AbsenceImport:NightlyAt";
    public const string GraphBaseUrlKey = "AbsenceImport:GraphBaseUrl";
    public const string DefaultGraphBaseUrl = "https://graph.microsoft.com/v1.0";
    public const string DefaultMappingKey = $"{AbsenceImportOptions.SectionName}:{nameof(AbsenceImportOptions.Mapping)}";
    private const string Section = "AbsenceImport:Nightly";
    private static readonly TimeOnly DefaultRunAt = new(2, 30);

    public static NightlyImportSettings From(IConfiguration configuration, string defaultMapping)
    {
        var folders = Schools(configuration)
            .Select(s => (s.Key, Section: s.GetSection(Section)))
            .Where(s => s.Section["SiteId"] is { Length: > 0 } && s.Section["Folder"] is { Length: > 0 })
            .Select(s => new NightlyImportFolder(s.Key, s.Section["SiteId"]!, s.Section["DriveId"] is { Length: > 0 } drive ? drive : null, s.Section["Folder"]!.Trim('/'),
                s.Section["Mapping"] is { Length: > 0 } mapping ? mapping : defaultMapping))
            .ToList();
        return new(ParseRunAt(configuration[RunAtKey]) ?? DefaultRunAt, folders);
    }

    /// <summary>The start-up checks: a school with only part of its folder, and a run time that is no time of day.</summary>
    public static IEnumerable<(string Key, string? Problem)> Problems(IConfiguration configuration)
    {
        yield return (RunAtKey, configuration[RunAtKey] is { } at && ParseRunAt(at) is null ? $"'{at}' is not a time of day like 02:30" : null);
        var anyFolder = Schools(configuration).Any(s => s.GetSection(Section).GetChildren().Any());
        var ownTenantNeeded = anyFolder && configuration["Bot:MicrosoftAppId"] is { Length: > 0 } && !(bool.TryParse(configuration["Bot:UseManagedIdentity"], out var managed) && managed);
        yield return ("Bot:TenantId", ownTenantNeeded && configuration["Bot:TenantId"] is not { Length: > 0 }
            ? "missing: the nightly absence import asks Graph for a token in the bot's own tenant" : null);
        foreach (var school in Schools(configuration))
        {
            var section = school.GetSection(Section);
            if (!section.GetChildren().Any())
            {
                continue;
            }

            var missing = new[] { "SiteId", "Folder" }.Where(key => section[key] is not { Length: > 0 }).ToList();
            yield return (section.Path, missing.Count > 0 ? $"{string.Join(" and ", missing)} missing: the nightly import needs the site and the folder (DriveId and Mapping may be left out)" : null);
        }
    }

    /// <summary>
    /// The start-up check of every configured mapping: the default <c>AbsenceImport:Mapping</c> (also the chat command's and
    /// the CLI's) and each school's nightly <c>Mapping</c>, resolved as the import resolves them. Without it a misspelt name
    /// or a missing or broken file was only found at night, and that school silently got no import. An unset mapping is not
    /// checked: it is the default, checked under its own key (the built-in "magister" when that is unset too).
    /// </summary>
    public static IEnumerable<(string Key, string? Problem)> MappingProblems(IConfiguration configuration)
    {
        // Any value, even an empty one, is what AbsenceImportOptions binds and the chat command resolves.
        if (configuration[DefaultMappingKey] is { } defaultMapping)
        {
            yield return (DefaultMappingKey, MappingProblem(defaultMapping));
        }

        foreach (var school in Schools(configuration))
        {
            // As From reads it: an empty Mapping is the default.
            var mapping = school.GetSection(Section).GetSection("Mapping");
            if (mapping.Value is { Length: > 0 } nameOrPath)
            {
                yield return (mapping.Path, MappingProblem(nameOrPath));
            }
        }
    }

    /// <summary>Null when the mapping resolves; otherwise the resolver's own words: a line number or the one wrong value, never the file as a whole.</summary>
    private static string? MappingProblem(string nameOrPath)
    {
        try
        {
            AbsenceMapping.Resolve(nameOrPath);
            return null;
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            return exception.Message;
        }
    }

    private static IEnumerable<IConfigurationSection> Schools(IConfiguration configuration) =>
        configuration.GetSection(SchoolsOptions.SectionName).GetSection(nameof(SchoolsOptions.Items)).GetChildren();

    private static TimeOnly? ParseRunAt(string? value) =>
        value is null ? null : TimeOnly.TryParseExact(value, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
}
