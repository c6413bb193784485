using VerzuimBot.Protocol.AbsenceImport;

namespace VerzuimBot.AbsenceImport;

internal static class AbsenceImportRegistration
{
    /// <summary>Issue 22: the absence import's limits and default mapping (section "AbsenceImport").</summary>
    public static IServiceCollection AddAbsenceImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => configuration.GetSection(AbsenceImportOptions.SectionName).Get<AbsenceImportOptions>() ?? new AbsenceImportOptions());
        services.AddSingleton<AbsenceImportNotice>();
        services.AddSingleton<AbsenceImportCli>();
        services.AddSingleton<Messages.IChatCommands, AbsenceChatCommands>();

        // The optional nightly import from a SharePoint folder: the scheduler ends at once when no school names one.
        services.AddSingleton(sp => Nightly.NightlyImportSettings.From(configuration, sp.GetRequiredService<AbsenceImportOptions>().Mapping));
        services.AddHttpClient("graph");
        services.AddSingleton<Nightly.IAbsenceExportFolder>(sp => new Nightly.GraphExportFolder(new(() => Nightly.GraphExportFolder.Client(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("graph"), sp.GetRequiredService<Connector.Auth.BotAuthenticationOptions>(),
            configuration[Nightly.NightlyImportSettings.GraphBaseUrlKey] ?? Nightly.NightlyImportSettings.DefaultGraphBaseUrl))));
        services.AddSingleton<Nightly.NightlyAbsenceImport>();
        services.AddHostedService<Nightly.NightlyAbsenceImportScheduler>();
        // The ledger holds days of absence per student: erasure, retention and the pseudonym migration include it.
        services.AddSingleton<Access.Retention.IStudentDataHolder, Access.Retention.AbsenceLedgerHolder>();
        return services;
    }
}
