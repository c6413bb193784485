using VerzuimBot.Messages;
using VerzuimBot.Tasks;
using VerzuimBot.CardActions;

namespace VerzuimBot.UnauthorisedRoute;

/// <summary>The hours ladder (issue 8 item 1): chat commands, the form, the rung and signaalverzuim cards and their answers.</summary>
internal static class UnauthorisedRegistration
{
    public static IServiceCollection AddUnauthorisedRoute(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<UnauthorisedCards>();
        services.AddSingleton<IChatCommands, UnauthorisedCommands>();
        services.AddSingleton<ITaskCardProvider, LadderTaskCards>();
        services.AddSingleton<ICardAction, LadderAction>();
        services.AddSingleton<ICardAction, SignaalverzuimAction>();
        services.AddSingleton<ICardAction, UnauthorisedFormAction>();
        return services;
    }
}
