using VerzuimBot.CardActions;
using VerzuimBot.Connector.Dialogs;
using VerzuimBot.Messages;
using VerzuimBot.SickRoute.Actions;

namespace VerzuimBot.SickRoute;

/// <summary>The sick-absence route (issue 6): the ziekmelding by chat, the route's commands and its task cards' answers.</summary>
internal static class SickRouteRegistration
{
    public static IServiceCollection AddSickRoute(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<ZiekmeldingDialog>();
        services.AddSingleton<IDialog>(sp => sp.GetRequiredService<ZiekmeldingDialog>());
        services.AddSingleton<IChatCommands, RouteCommands>();
        services.AddSingleton<ICardAction, ZiekmeldingFormAction>();
        services.AddSingleton<ICardAction, MentorContactAction>();
        services.AddSingleton<ICardAction, GesprekAction>();
        services.AddSingleton<ICardAction, AanmeldingAction>();
        services.AddSingleton<ICardAction, ConsultAction>();
        services.AddSingleton<ICardAction, TerugkoppelingAction>();
        services.AddSingleton<ICardAction, PlanAction>();
        services.AddSingleton<ICardAction, EvaluatieAction>();
        services.AddSingleton<ICardAction, LeerplichtMeldingAction>();
        return services;
    }
}
