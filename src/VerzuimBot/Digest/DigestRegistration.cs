using VerzuimBot.Messages;
using VerzuimBot.CardActions;

namespace VerzuimBot.Digest;

internal static class DigestRegistration
{
    /// <summary>The SWV digest (issue 9): the "overzicht" commands, the card's buttons, the export link and the weekly post.</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => configuration.GetSection(DigestExportOptions.SectionName).Get<DigestExportOptions>() ?? new DigestExportOptions());
        services.AddHttpContextAccessor();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestExportLinks>();
        services.AddSingleton<DigestCommands>();
        services.AddSingleton<IChatCommands>(sp => sp.GetRequiredService<DigestCommands>());
        services.AddSingleton<ICardAction, DigestCardActions>();
        services.AddSingleton<DigestScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestScheduler>());
        return services;
    }
}
