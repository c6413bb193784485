using VerzuimBot.RateLimiting;
using VerzuimBot.Tests.Infrastructure;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.CardActions.AttackScene;

namespace VerzuimBot.Tests.Messages;

// issue 19 item 12: a token bucket per person (tenant + Teams user) on /api/messages. Over it: "even rustig aan" in Dutch
// (once a minute for messages, so a flood does not become a flood of replies; for a card press as its invoke response),
// never a 5xx, nothing processed, and a log line without the text. Heavier commands cost more. The tests set a small
// bucket that refills one token a minute, so nothing in them depends on how fast they run.
public sealed class RateLimitTests
{
    private static Dictionary<string, string?> Bucket(int tokens) => new() { ["RateLimit:TokenLimit"] = tokens.ToString(System.Globalization.CultureInfo.InvariantCulture), ["RateLimit:TokensPerMinute"] = "1" };

    [Fact]
    public async Task OverTheLimit_MessagesAreToldToSlowDownOnce_ACardPressInItsResponse_OthersGoOn_AndTheLogHasNoText()
    {
        var logs = new CapturingLoggerProvider();
        await using var route = new RouteHarness(Bucket(5), logs.AddTo);
        for (var i = 0; i < 5; i++)
        {
            await route.SayAsync(Rita, "help");
        }

        var cards = route.CardsOf(Rita).Count;
        Assert.Equal(5, cards);
        Assert.Equal([TurnRateLimiter.SlowDown], await route.SayAsync(Rita, "ziek Daan de Vries"));
        Assert.Empty(await route.SayAsync(Rita, "help"));
        Assert.Equal(cards, route.CardsOf(Rita).Count);

        var pressed = await route.PressForgedAsync(Rita, "gesprek.opslaan", new Dictionary<string, string> { ["school"] = "99DE00", ["leerling"] = route.StudentIdOf("123456").Value });
        Assert.Equal(("application/vnd.microsoft.activity.message", TurnRateLimiter.SlowDown), (pressed.Type, pressed.Text));

        // Another person's bucket is their own.
        await route.SayAsync(Max, "help");
        Assert.NotEmpty(route.CardsOf(Max));

        Assert.Contains(logs.Lines, l => l.Contains("Rate limited a message activity (3 tokens)", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Rate limited a invoke activity (1 tokens)", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Daan", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Rate limited", StringComparison.Ordinal) && (l.Contains(Rita.Aad, StringComparison.Ordinal) || l.Contains("help", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task HeavyCommands_CostMore_NameSearch_Taken_AndTakenForAGemeenteWideRole()
    {
        // A second school in the tenant works with the demo's leerplicht: Lotte's gemeenten reach two schools.
        var settings = Bucket(7);
        settings["Tenants:Organisations:4:Id"] = "12AB00";
        settings["Tenants:Organisations:4:Kind"] = "School";
        settings["Tenants:Organisations:4:TenantIds:0"] = Tenant;
        settings["Tenants:Organisations:4:Kernpartners:0"] = "RBL-DEMO";
        await using var route = new RouteHarness(settings);
        route.AddMember(Lotte);

        // By number: one token each, seven answered.
        for (var i = 0; i < 7; i++)
        {
            Assert.NotEqual([TurnRateLimiter.SlowDown], await route.SayAsync(Zora, "beter 123456"));
        }

        Assert.Equal([TurnRateLimiter.SlowDown], await route.SayAsync(Zora, "beter 123456"));

        // By name: three tokens (a search of the roster), so the third is over.
        Assert.NotEqual([TurnRateLimiter.SlowDown], await route.SayAsync(Vera, "beter Daan de Vries"));
        Assert.NotEqual([TurnRateLimiter.SlowDown], await route.SayAsync(Vera, "beter Daan de Vries"));
        Assert.Equal([TurnRateLimiter.SlowDown], await route.SayAsync(Vera, "beter Daan de Vries"));

        // "taken" at one school: five tokens, two left.
        await route.SayAsync(Rita, "taken");
        Assert.Single(route.CardsOf(Rita), c => Plain(c).Contains("Jouw open taken", StringComparison.Ordinal));
        Assert.NotEqual([TurnRateLimiter.SlowDown], await route.SayAsync(Rita, "beter 123456"));

        // "taken" by leerplicht, whose gemeenten reach both schools: five and two more for the second school, none left.
        await route.SayAsync(Lotte, "taken");
        Assert.Single(route.CardsOf(Lotte), c => Plain(c).Contains("Jouw open taken", StringComparison.Ordinal));
        Assert.Equal([TurnRateLimiter.SlowDown], await route.SayAsync(Lotte, "beter 123456"));
    }

    [Fact]
    public async Task Defaults_AVerzuimcoordinatorsBusyMorning_IsNeverLimited_AScriptIsCutOff()
    {
        await using var route = new RouteHarness();

        // 40 students: "taken" three times, a card pressed for each of them, ten searches by name, ten other messages.
        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            answers.AddRange(await route.SayAsync(Vera, "taken"));
        }

        for (var i = 0; i < 40; i++)
        {
            answers.Add((await route.PressForgedAsync(Vera, "ladder.afvinken", new Dictionary<string, string> { ["school"] = "99DE00", ["leerling"] = "x" })).Text);
        }

        for (var i = 0; i < 10; i++)
        {
            answers.AddRange(await route.SayAsync(Vera, "beter Daan de Vries"));
            answers.AddRange(await route.SayAsync(Vera, "help"));
        }

        Assert.DoesNotContain(TurnRateLimiter.SlowDown, answers);

        // A script: two hundred messages in a row from one account. The bucket (120) is spent; the rest waits for its refill of one a second.
        var told = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            told.AddRange(await route.SayAsync(Stranger, "help"));
        }

        var answered = route.CardsOf(Stranger).Count;
        Assert.True(answered is >= 120 and < 200, $"{answered} of 200 answered");
        Assert.Equal([TurnRateLimiter.SlowDown], told);
    }
}

// What a turn costs is read from the text alone, before anything is looked up (issue 19 item 12; issue 22 adds the
// absence import, which downloads and writes a whole file like the roster import).
public sealed class TurnCostTests
{
    [Theory]
    [InlineData("help", 1)]
    [InlineData("ziek 123456", 1)]
    [InlineData("ziek Daan", 3)]
    [InlineData("taken", 5)]
    [InlineData("overzicht", 10)]
    [InlineData("leerlingen importeren", 10)]
    [InlineData("absenties importeren", 10)]
    [InlineData("absenties importeren proef", 10)]
    public void ACommandCostsWhatItReads(string text, int cost) =>
        Assert.Equal(cost, TurnCosts.Of(VerzuimBot.Connector.Schema.Activity.Message(text), new RateLimitOptions()));
}
