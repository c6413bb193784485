using VerzuimBot.CardActions;
using VerzuimBot.Tasks;
using VerzuimBot.Protocol.Tasks;

namespace VerzuimBot.FollowUp;

/// <summary>Issue 20 item 8: the stap-6 follow-up as a task with an owner and a date, answerable on a card.</summary>
internal static class FollowUpRegistration
{
    public static IServiceCollection AddStap6FollowUp(this IServiceCollection services)
    {
        services.AddSingleton<Stap6FollowUpCards>();
        services.AddSingleton<ITaskCardProvider>(sp => sp.GetRequiredService<Stap6FollowUpCards>());
        services.AddSingleton<ICardAction, Stap6FollowUpAction>();
        return services;
    }
}
