using VerzuimBot.Messages;

namespace VerzuimBot.Beheer;

internal static class BeheerRegistration
{
    public static IServiceCollection AddBeheer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => configuration.GetSection(BeheerOptions.SectionName).Get<BeheerOptions>() ?? new BeheerOptions());
        services.AddHttpClient("roster-download", client => client.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<RosterUpload>();
        services.AddSingleton<IChatCommands, BeheerCommands>();
        services.AddHostedService<RetentionScheduler>();
        return services;
    }
}
