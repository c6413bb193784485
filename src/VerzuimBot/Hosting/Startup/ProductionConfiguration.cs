using System.Globalization;

namespace VerzuimBot.Hosting.Startup;

/// <summary>
/// What the host needs before it may serve: outside Development a complete production configuration, everywhere
/// values that parse, and everything that would otherwise only fail later (a school's calendar, the organisations'
/// bounds) built once. Each check is named by its key; add a check here when a new required key appears.
/// Problems are reported all at once, in one message, and the process exits with <see cref="ExitCode"/>; the
/// <c>beheer</c> CLI runs the checks marked <see cref="ConfigurationCheck.AlsoForBeheer"/> the same way.
/// </summary>
internal static class ProductionConfiguration
{
    /// <summary>EX_CONFIG from sysexits.h: the configuration is wrong, a restart will not help.</summary>
    public const int ExitCode = 78;

    public static readonly IReadOnlyList<ConfigurationCheck> Checks =
    [
        new("Bot:MicrosoftAppId", "Set the Microsoft Entra app id (client id) of the bot, a GUID; with infra/ it is the managed identity's client id (output BOT_ID).",
            c => c["Bot:MicrosoftAppId"] is { } id ? Guid(id) : c.IsDevelopment ? null : "missing"),
        new("Bot:UseManagedIdentity", "Set true or false.", c => Bool(c["Bot:UseManagedIdentity"])),
        new("Bot:AllowUnauthenticatedLoopback", "Remove it: requests without a token are only ever accepted by a local Development host.",
            c => Bool(c["Bot:AllowUnauthenticatedLoopback"]) ?? (!c.IsDevelopment && IsTrue(c["Bot:AllowUnauthenticatedLoopback"]) ? "only allowed in Development" : null)),
        new("Bot:UseManagedIdentity | Bot:MicrosoftAppPassword | Bot:CertificatePath",
            "Set Bot:UseManagedIdentity=true (with Bot:ManagedIdentityClientId) on Azure, or a client secret or certificate path from a secret store.",
            c => c.IsDevelopment || c["Bot:MicrosoftAppId"] is null || IsTrue(c["Bot:UseManagedIdentity"]) || c["Bot:MicrosoftAppPassword"] is not null || c["Bot:CertificatePath"] is not null
                ? null : "no outbound credential: the bot could not answer in Teams"),
        new("Bot:CertificatePath", "Point it at the PFX or PEM file of the bot's certificate.",
            c => c["Bot:CertificatePath"] is { } path && !File.Exists(path) ? "the file does not exist" : null),
        new("Bot:ManagedIdentityClientId", "Set the client id (a GUID) of the user-assigned managed identity (infra/ output BOT_ID).",
            c => c["Bot:ManagedIdentityClientId"] is { } id ? Guid(id) : null),
        new("Bot:TenantMode", "Set SingleTenant (a managed identity bot is always single tenant) or MultiTenant.",
            c => c["Bot:TenantMode"] is { } mode && !mode.Equals("SingleTenant", StringComparison.OrdinalIgnoreCase) && !mode.Equals("MultiTenant", StringComparison.OrdinalIgnoreCase)
                ? $"'{mode}' is neither SingleTenant nor MultiTenant"
                : IsTrue(c["Bot:UseManagedIdentity"]) && !IsSingleTenant(c) ? "a bot with a managed identity (UserAssignedMSI) must be SingleTenant" : null),
        new("Bot:TenantId", "Set the Microsoft Entra tenant id (a GUID) of the school or SWV that owns the bot.",
            c => c["Bot:TenantId"] is { } id ? Guid(id) : IsSingleTenant(c) && c["Bot:MicrosoftAppId"] is not null ? "missing for a SingleTenant bot" : null),
        new("TableStorage:TableEndpoint", "Set the table endpoint of the storage account, e.g. https://<account>.table.core.windows.net (infra/ output TABLE_ENDPOINT).",
            c => c["TableStorage:TableEndpoint"] is { } endpoint ? AbsoluteUrl(endpoint, httpsOnly: !c.IsDevelopment) : null) { AlsoForBeheer = true },
        new("TableStorage:TableEndpoint | TableStorage:ConnectionString | TableStorage:DataDirectory",
            "Set TableStorage:TableEndpoint (Azure Table Storage with the managed identity); TableStorage:ConnectionString or TableStorage:DataDirectory (one instance only) are the alternatives.",
            c => c.IsDevelopment || c["TableStorage:TableEndpoint"] is not null || c["TableStorage:ConnectionString"] is not null || c["TableStorage:DataDirectory"] is not null
                ? null : "no store configured") { AlsoForBeheer = true },
        new("Digest:PublicBaseUrl", "Set the public https address of the bot, e.g. https://verzuimbot.school.nl (infra/ output BOT_ENDPOINT); download links are built from it.",
            c => c["Digest:PublicBaseUrl"] is { } url ? AbsoluteUrl(url, httpsOnly: !c.IsDevelopment) : c.IsDevelopment ? null : "missing"),
        new("Connector:AllowedServiceUrls", "Set the Teams serviceUrl of your region, e.g. Connector:AllowedServiceUrls:0=https://smba.trafficmanager.net/emea/ (infra/ sets it).",
            c => c.IsDevelopment ? null
                : c.Configuration.GetSection("Connector:AllowedServiceUrls").GetChildren().Select(u => u.Value).ToList() is { Count: > 0 } urls
                    ? urls.Select(u => AbsoluteUrl(u ?? string.Empty, httpsOnly: true)).FirstOrDefault(p => p is not null)
                    : "empty: after a restart, or on a second instance, reminders could not be sent until someone wrote to the bot there"),
        new(VerzuimBot.Access.Pseudonyms.PseudonymKey.ConfigurationKey, "Set base64 of at least 32 random bytes (openssl rand -base64 32) from a secret store; student ids are keyed with it, so keep it for the life of the data.",
            c => VerzuimBot.Access.Pseudonyms.PseudonymKey.Problem(c[VerzuimBot.Access.Pseudonyms.PseudonymKey.ConfigurationKey], c.IsDevelopment)) { AlsoForBeheer = true },
        new("RateLimit", "Set RateLimit:Enabled to true or false, and RateLimit:TokenLimit, :TokensPerMinute and the costs (:NameSearchCost, :TakenCost, :TakenCostPerExtraSchool, :DigestCost, :ImportCost) to whole numbers from 1 (docs/security.md argues the defaults).",
            c => Bool(c["RateLimit:Enabled"]) ?? c.Configuration.GetSection("RateLimit").GetChildren().Where(k => k.Key != "Enabled")
                .Select(k => int.TryParse(k.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? null : $"{k.Key} '{k.Value}' is not a whole number from 1").FirstOrDefault(p => p is not null)),
        new("Tenants:Organisations", "Configure at least one organisation: Tenants:Organisations:0:Id, :Kind, :Name, :TenantIds:0 and :Beheerders:0 (see docs/deploy.md).",
            c => c.IsDevelopment || c.Configuration.GetSection("Tenants:Organisations").GetChildren().Any(o => o["Id"] is { Length: > 0 } && o.GetSection("TenantIds").GetChildren().Any())
                ? null : "no organisation with a tenant id: every activity would be refused"),
        ConfiguredOrganisations.Check,
        PositiveWholeNumber("Beheer:MaxRows", "the most student rows a roster sent in chat may have (default 10000)"),
        PositiveWholeNumber("Beheer:MaxFileBytes", "the largest roster file sent in chat, in bytes (default 20971520, 20 MB)"),
        PositiveWholeNumber("Retention:RetentionMonths", "the least a school no longer configured keeps its data, in months (default 24)") with { AlsoForBeheer = true },
    ];

    /// <summary>Every problem, one line each; empty when the host (or, <paramref name="forBeheer"/>, the beheer CLI) may start.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, IHostEnvironment environment, bool forBeheer = false)
    {
        var context = new ConfigurationCheck.Context(configuration, environment);

        // A key whose Key Vault reference did not resolve gets that one line, not also its own check's complaint about the text.
        var unresolved = KeyVaultReferences.Unresolved(configuration);
        return unresolved.Select(KeyVaultReferences.CheckFor)
            .Concat(Checks.Where(check => !unresolved.Contains(check.Key, StringComparer.OrdinalIgnoreCase)))
            .Concat(ConfiguredSchools.Checks(configuration))
            .Concat(NightlyImportChecks(configuration))
            .Where(check => !forBeheer || check.AlsoForBeheer)
            .Select(check => (check, problem: check.Problem(context)))
            .Where(x => x.problem is not null)
            .Select(x => $"  - {x.check.Key} (environment variable {x.check.EnvironmentVariable}): {x.problem!.TrimEnd('.')}. {x.check.Fix}")
            .ToList();
    }

    /// <summary>The one message for the operator, naming each key.</summary>
    public static string Describe(IReadOnlyList<string> problems, IHostEnvironment environment) =>
        $"VerzuimBot cannot start: the configuration for environment '{environment.EnvironmentName}' is incomplete or invalid.{Environment.NewLine}"
        + string.Join(Environment.NewLine, problems) + Environment.NewLine
        + "Set these as app settings (Azure App Service), environment variables or in appsettings.json; docs/deploy.md lists them all.";

    /// <summary>
    /// The absence import (issue 22): a school with half a nightly folder, a run time that is no time of day, a mapping
    /// (the default or a school's nightly one) that does not resolve.
    /// </summary>
    private static IEnumerable<ConfigurationCheck> NightlyImportChecks(IConfiguration configuration) =>
        AbsenceImport.Nightly.NightlyImportSettings.Problems(configuration).Select(p => new ConfigurationCheck(p.Key,
            "Set SiteId (the site's Graph id) and Folder (the folder's path in the library), optionally DriveId and Mapping, or remove the section to leave the nightly import off; AbsenceImport:NightlyAt is a time like 02:30 (docs/absence-import.md).",
            _ => p.Problem))
        .Concat(AbsenceImport.Nightly.NightlyImportSettings.MappingProblems(configuration).Select(p => new ConfigurationCheck(p.Key,
            $"Set one of the ready mappings ({string.Join(", ", Protocol.AbsenceImport.AbsenceMapping.BuiltInNames)}) or the path of the school's own mapping file, readable by the host, or remove it for the default (docs/absence-import.md).",
            _ => p.Problem)));

    private static ConfigurationCheck PositiveWholeNumber(string key, string meaning) =>
        new(key, $"Set a whole number above 0: {meaning}; or remove it for the default.",
            c => c[key] is { } value && !(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0) ? $"'{value}' is not a whole number above 0" : null);

    private static bool IsTrue(string? value) => bool.TryParse(value, out var b) && b;

    private static bool IsSingleTenant(ConfigurationCheck.Context c) => string.Equals(c["Bot:TenantMode"], "SingleTenant", StringComparison.OrdinalIgnoreCase);

    private static string? Bool(string? value) => value is null || bool.TryParse(value, out _) ? null : $"'{value}' is not true or false";

    private static string? Guid(string value) =>
        System.Guid.TryParseExact(value, "D", out var guid) && guid != System.Guid.Empty ? null : $"'{value}' is not a GUID like 00000000-0000-0000-0000-000000000000";

    private static string? AbsoluteUrl(string value, bool httpsOnly) =>
        !Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            ? $"'{value}' is not an absolute http(s) address"
            : httpsOnly && uri.Scheme != Uri.UriSchemeHttps ? string.Create(CultureInfo.InvariantCulture, $"'{value}' must use https outside Development") : null;
}
