using VerzuimBot.Messages;
using VerzuimBot.OverlegRoute.Actions;
using VerzuimBot.Tasks;
using VerzuimBot.CardActions;

namespace VerzuimBot.OverlegRoute;

/// <summary>Kernpartneroverleg / MDO / groot overleg (issue 8 item 3 and 6): everything this route registers.</summary>
internal static class OverlegRegistration
{
    public static IServiceCollection AddOverleg(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<Access.Retention.IStudentDataHolder, OverlegDataHolder>();
        services.AddSingleton<Conversation.IGroupChatNames, OverlegChatNames>();
        services.AddSingleton<OverlegCards>();
        services.AddSingleton<OverlegService>();
        services.AddSingleton<GroupChatMembers>();
        services.AddSingleton<OverlegChatSupport>();
        services.AddSingleton<IChatCommands, OverlegCommands>();
        services.AddSingleton<ITaskCardProvider, OverlegTaskCards>();
        services.AddSingleton<ICardAction, OverlegDecisionAction>();
        services.AddSingleton<ICardAction, OverlegAgreeAction>();
        services.AddSingleton<ICardAction, OverlegNotesAction>();
        services.AddSingleton<ICardAction, OverlegRefreshAction>();
        services.AddSingleton<ICardAction, OverlegCompleteAction>();
        return services;
    }
}
