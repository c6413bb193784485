using VerzuimBot.Messages;

namespace VerzuimBot.Beheer;

internal static class BeheerRegistration
{
    public static IServiceCollection AddBeheer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => configuration.GetSection(BeheerOptions.SectionName).Get<BeheerOptions>() ?? new BeheerOptions());
        // A redirect is refused, not followed (RosterUpload): the download URL is the sender's to choose.
        services.AddHttpClient(TeamsFileDownload.ClientName, client => client.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<TeamsFileDownload>();
        services.AddSingleton<RosterUpload>();
        services.AddSingleton<IChatCommands, BeheerCommands>();
        services.AddSingleton<Access.Retention.IRetentionPeriods, SchoolRetentionPeriods>();
        services.AddSingleton<Access.Retention.IStudentDataHolder, Access.Retention.DialogStateHolder>();
        services.AddHostedService<RetentionScheduler>();
        return services;
    }
}
