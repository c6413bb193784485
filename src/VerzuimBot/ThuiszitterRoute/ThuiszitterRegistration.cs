using VerzuimBot.Messages;
using VerzuimBot.Tasks;
using VerzuimBot.ThuiszitterRoute.Actions;
using VerzuimBot.CardActions;

namespace VerzuimBot.ThuiszitterRoute;

/// <summary>The thuiszitter route (issue 8 items 2, 4, 5, 6): four weeks away, the case and its checklist, vrijstelling 5a, doorzettingsmacht.</summary>
internal static class ThuiszitterRegistration
{
    public static IServiceCollection AddThuiszitterRoute(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<ThuiszitterCards>();
        services.AddSingleton<ThuiszitterActionSupport>();
        services.AddSingleton<ITaskCardProvider, ThuiszitterTaskCards>();
        services.AddSingleton<ITaskCardProvider, VrijstellingRenewalCards>();
        services.AddSingleton<IChatCommands, ThuiszitterCommands>();
        services.AddSingleton<ICardAction, LeerplichtOordeelAction>();
        services.AddSingleton<ICardAction, ChecklistAction>();
        services.AddSingleton<ICardAction, VrijstellingAction>();
        services.AddSingleton<ICardAction, DoorzettingsmachtAction>();
        services.AddSingleton<ICardAction, TerugOpSchoolAction>();
        return services;
    }
}
