using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// The table store the configuration names (Azure Table Storage or the embedded SQLite file) and every store on it. The
/// one place above VerzuimBot.Tables that builds a factory, so the host never touches the table client itself.
/// </summary>
public static class StorageRegistration
{
    /// <param name="tableStorage">The "TableStorage" section (<see cref="TableStorageOptions"/>).</param>
    public static IServiceCollection AddVerzuimStorage(this IServiceCollection services, IConfiguration tableStorage)
    {
        services.AddOptions<TableStorageOptions>().Bind(tableStorage);
        // Every store call is counted (round-trip ceilings in tests) and traced without keys or values.
        services.AddSingleton<ITableStoreFactory>(sp => new Tables.Instrumentation.InstrumentedTableStoreFactory(TableStoreFactory.Create(sp.GetRequiredService<IOptions<TableStorageOptions>>().Value, time: sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<Health.StoreProbe>();
        services.AddSingleton<ConversationReferenceStore>();
        services.AddSingleton<ProcessedActivityStore>();
        services.AddSingleton<DialogStateStore>();
        services.AddSingleton<DossierStore>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<RosterStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<DecisionStore>();
        services.AddSingleton<StudentDataStore>();
        services.AddSingleton<StaffIdentityStore>();
        services.AddSingleton<DigestSubscriptionStore>();
        services.AddSingleton<DigestExportStore>();
        services.AddSingleton<StaffAbsenceStore>();
        services.AddSingleton<AbsenceRegistrationStore>();
        services.AddSingleton<NightlyImportLog>();
        services.AddSingleton<OverlegStore>();
        services.AddSingleton<GroupChatDirectory>();
        return services;
    }
}
