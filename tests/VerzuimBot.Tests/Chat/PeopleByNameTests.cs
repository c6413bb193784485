using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Chat;

/// <summary>
/// Issue 21 item 5: cards and replies name people ("Gemeld door Rita Receptie (receptie)", "Afgehandeld door Max Mentor"), never
/// by e-mail address; without a known name only the part before the @ is shown.
/// </summary>
public sealed class PeopleByNameTests
{
    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task MentorCard_SaysWhoReported_AndTheAnswer_WhoHandledIt_ByName()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(10, 9, 8));
        await route.EveryoneSaysHelloAsync(Rita, Max);
        foreach (var text in new[] { "ziek 123456", "weet ik niet", "ja", "ja" })
        {
            await route.SayAsync(Rita, text);
        }

        var told = Plain(await route.WaitForCardAsync(Max, "Ziekmelding van je mentorleerling"));
        Assert.Contains("\"title\":\"Gemeld door\",\"value\":\"Rita Receptie (receptie)\"", told, StringComparison.Ordinal);

        await route.SetClockAsync(At(10, 13, 8, 30));
        var reminder = await route.WaitForCardAsync(Max, "Neem contact op");
        var done = await route.PressAsync(Max, reminder, "mentorcontact.opslaan", title: "Niet bereikt");
        Assert.Contains("Afgehandeld door Max Mentor (mentor) op 13-10-2026 08:30.", done.Text, StringComparison.Ordinal);
        var again = await route.PressAsync(Max, reminder, "mentorcontact.opslaan", title: "Niet bereikt");
        Assert.Contains("Afgehandeld door Max Mentor (mentor)", again.Text, StringComparison.Ordinal);

        // Nowhere an address: not on the mentor's cards, not on the receptie's, not in a reply.
        foreach (var shown in route.App.Connector.SentActivities.Select(a => a.GetRawText()).Append(done.Value.GetRawText()).Append(again.Value.GetRawText()))
        {
            Assert.DoesNotContain("@demoschool.example.nl", shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFactWithoutAName_ShowsOnlyThePartBeforeTheAt_NotTheAddress()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(10, 9, 8));
        // A ziekmelding stored before names were kept (or by a tool): the actor has no name.
        var dossiers = route.App.Services.GetRequiredService<VerzuimBot.Protocol.Dossiers.DossierService>();
        await dossiers.RecordAsync("99DE00", route.StudentIdOf("123456"), new ZiekmeldingRecorded(new EventId("ev-zonder-naam"), At(10, 9, 7), new Actor(new StaffId(Vera.Upn), Role.Verzuimcoordinator), new DateOnly(2026, 10, 9), null, false));

        var herstel = Plain(await CardAfterAsync(route, Rita, "herstel 123456", "Wat klopt niet?"));
        Assert.Contains("door vera.verzuim)", herstel, StringComparison.Ordinal);
        Assert.DoesNotContain("vera.verzuim@", herstel, StringComparison.Ordinal);
    }

    private static async Task<System.Text.Json.JsonElement> CardAfterAsync(RouteHarness route, TeamsUser user, string text, string marker)
    {
        var before = route.CountCards(user, marker);
        await route.SayAsync(user, text);
        return await route.WaitForCardAsync(user, marker, skip: before);
    }
}
