using static VerzuimBot.Tests.SickRoute.RouteHarness;
using VerzuimBot.Tests.SickRoute;

namespace VerzuimBot.Tests.Tasks;

// issue 19 item 11, domain.md §8: mentor rights come from an active mentor role (the roster's mentor column gives one on
// import, and a later import or the beheerder ends it), never from the roster's column alone. Max was mentor of 2b; the
// beheerder revoked that role while the roster still names him as mentor of Daan and Emma (2b): he gets no card about them
// any more, "taken" lists nothing of them, and the reminder he received before is refused when he presses it.
public sealed class RevokedMentorTests
{
    private static DateTimeOffset At(int month, int day, int hour = 8, int minute = 30) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task RevokedMentor_WhomTheRosterStillNames_GetsNoCard_NoTasks_AndHisOldCardIsRefused()
    {
        await using var route = new RouteHarness(new() { ["Demo:ShowOthersInMyChat"] = "false" });
        await route.SetClockAsync(At(10, 9, 8, 0));
        await route.EveryoneSaysHelloAsync(Rita, Max);
        await ReportSickAsync(route, "123456");

        // Tuesday, the 3rd school day: Max, still mentor of 2b, is asked to contact Daan's parents.
        await route.SetClockAsync(At(10, 13));
        var reminder = await route.WaitForCardAsync(Max, "Neem contact op: Daan de Vries");

        Assert.Contains(await route.SayAsync(Rita, "rol intrekken mentor max.mentor@demoschool.example.nl klas 2b"), t => t.Contains("ingetrokken", StringComparison.Ordinal));
        Assert.Contains(await route.SayAsync(Rita, "rol toekennen mentor max.mentor@demoschool.example.nl klas 3a"), t => t.Contains("heeft nu de rol mentor", StringComparison.Ordinal));

        // Emma (2b; the roster names Max as her mentor) is reported sick after the revocation, and reaches her 3rd school day.
        await ReportSickAsync(route, "124001");
        await route.SetClockAsync(At(10, 15));
        await route.SetClockAsync(At(10, 16));
        Assert.Equal(0, route.CountCards(Max, "Emma Bakker"));

        await route.SayAsync(Max, "taken");
        var tasks = Plain(route.CardsOf(Max).Last());
        Assert.Contains("als mentor", tasks, StringComparison.Ordinal);
        Assert.DoesNotContain("Daan de Vries", tasks, StringComparison.Ordinal);
        Assert.DoesNotContain("Emma Bakker", tasks, StringComparison.Ordinal);

        var pressed = await route.PressAsync(Max, reminder, "mentorcontact.opslaan", title: "Niet bereikt");
        Assert.Equal(VerzuimBot.CardActions.CardRefusals.Neutral, pressed.Text);
        Assert.Empty((await route.DaanAsync()).Of<VerzuimBot.Domain.Dossier.MentorContactRecorded>());
    }

    private static async Task ReportSickAsync(RouteHarness route, string leerlingnummer)
    {
        foreach (var text in new[] { $"ziek {leerlingnummer}", "weet ik niet", "ja", "ja" })
        {
            await route.SayAsync(Rita, text);
        }
    }
}
