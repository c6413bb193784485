using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Protocol.Digest;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Protocol.Thuiszitter;
using VerzuimBot.Protocol.Unauthorised;
using VerzuimBot.Storage;

namespace VerzuimBot.Protocol;

/// <summary>The application layer's services; the host binds <see cref="SchoolsOptions"/> and registers the stores.</summary>
internal static class ProtocolRegistration
{
    public static IServiceCollection AddVerzuimProtocol(this IServiceCollection services)
    {
        services.AddSingleton<SchoolProtocols>();
        services.AddSingleton<DossierService>();
        services.AddSingleton<StudentDirectory>();
        services.AddSingleton<StudentGuard>();
        services.AddSingleton<TaskRecipients>();
        services.AddSingleton<SweepTrigger>();
        services.AddSingleton<SickAbsenceService>();
        services.AddSingleton<UnauthorisedAbsenceService>();
        services.AddSingleton<ThuiszitterAccess>();
        services.AddSingleton<CaseFinder>();
        services.AddSingleton<SwvAudiences>();
        services.AddSingleton<AbsenceImport.AbsenceImporter>();
        services.AddSingleton(sp => new DigestQuery(sp.GetRequiredService<DossierStore>(), sp.GetRequiredService<RosterStore>(), sp.GetRequiredService<SchoolProtocols>()));
        return services;
    }
}
