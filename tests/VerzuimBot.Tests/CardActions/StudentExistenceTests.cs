using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.CardActions.AttackScene;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.CardActions;

// issue 19 item 2: wherever a kernpartner or staff member names a student by number, a student who exists but is not
// theirs reads exactly like one who does not exist. Per path: the number of an existing student the person may not see,
// and a number nobody has; the answers must be identical (card presses: ForgedCardPressTests).
public sealed class StudentExistenceTests
{
    public static TheoryData<string, string, string> Paths => new()
    {
        // Leerplicht, SWV and the jeugdarts: Daan lives in their gemeente / goes to their school, but was never reported or referred.
        { "Lotte", "thuiszitter {0}", "123456" },
        { "Lotte", "vrijstelling {0}", "123456" },
        { "Lotte", "overleg {0}", "123456" },
        { "Sanne", "doorzettingsmacht {0}", "123456" },
        { "Sanne", "thuiszitter {0}", "123456" },
        { "Jasper", "thuiszitter {0}", "123456" },
        { "Jasper", "ziek {0}", "123456" },

        // A mentor of 2b and Daan Jansen of 3a: the same school, not his mentee.
        { "Max", "herstel {0}", "123999" },
        { "Max", "beter {0}", "123999" },
        { "Max", "ziek {0}", "123999" },
        { "Max", "audit {0}", "123456" },

        // Another school's staff (every school role at 12AB00) naming a student of 99DE00.
        { "Olga", "ziek {0}", "123456" },
        { "Olga", "taken {0}", "123456" },
        { "Olga", "beter {0}", "123456" },
        { "Olga", "herstel {0}", "123456" },
        { "Olga", "overleg {0}", "123456" },
        { "Olga", "thuiszitter {0}", "123456" },
        { "Olga", "3 uur ongeoorloofd {0}", "123456" },
        { "Olga", "verlof aanvraag {0} van 1-3 tot 5-3 reden familiebezoek", "123456" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task NamingAStudentWhoIsNotYours_ReadsExactlyAsAStudentWhoDoesNotExist(string who, string command, string notYours)
    {
        await using var route = await DaanIsSickAsync();
        var user = new[] { Lotte, Sanne, Jasper, Olga, Max }.Single(u => u.Name.StartsWith(who, StringComparison.Ordinal));

        var existing = await AnswerAsync(route, user, string.Format(System.Globalization.CultureInfo.InvariantCulture, command, notYours));
        var unknown = await AnswerAsync(route, user, string.Format(System.Globalization.CultureInfo.InvariantCulture, command, "999999"));

        Assert.NotEmpty(existing);
        Assert.Equal(unknown, existing.Select(t => t.Replace(notYours, "999999", StringComparison.Ordinal)).ToList());
        Assert.DoesNotContain(existing, t => DaansData.Concat(["Jansen", "(3a)"]).Any(d => t.Contains(d, StringComparison.Ordinal)));
    }

    /// <summary>What the bot answered in the user's chat: its texts, then the cards it sent.</summary>
    private static async Task<List<string>> AnswerAsync(RouteHarness route, TeamsUser user, string text)
    {
        var cards = route.CardsOf(user).Count;
        var texts = await route.SayAsync(user, text);
        return [.. texts, .. route.CardsOf(user).Skip(cards).Select(Plain)];
    }
}
