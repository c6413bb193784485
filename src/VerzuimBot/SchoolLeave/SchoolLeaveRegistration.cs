using VerzuimBot.Protocol.SchoolLeave;
using VerzuimBot.Messages;
using VerzuimBot.CardActions;
using VerzuimBot.Tasks;
using VerzuimBot.Protocol.Tasks;

namespace VerzuimBot.SchoolLeave;

/// <summary>Issue 20 item 9 (002 §1.3): schorsing, extra verlof and other geoorloofd verzuim: chat commands, cards and their answers.</summary>
internal static class SchoolLeaveRegistration
{
    public static IServiceCollection AddSchoolLeave(this IServiceCollection services)
    {
        services.AddSingleton<SchoolLeaveService>();
        services.AddSingleton<SchoolLeaveTaskCards>();
        services.AddSingleton<ITaskCardProvider>(sp => sp.GetRequiredService<SchoolLeaveTaskCards>());
        services.AddSingleton<IChatCommands, SchoolLeaveCommands>();
        services.AddSingleton<ICardAction, VerlofAction>();
        return services;
    }
}
