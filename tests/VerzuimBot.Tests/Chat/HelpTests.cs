using System.Text.Json;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Chat;

/// <summary>Issue 21 item 7: help shows the commands of the roles this person holds, at most a screen with examples and a button for the rest.</summary>
public sealed class HelpTests
{
    private static readonly TeamsUser Sanne = new("Sanne SWV", "29:sanne", "aad-sanne", "sanne@swv.example.nl");

    [Theory]
    [InlineData("rita", "receptie", "ziek Daan", "doorzettingsmacht 123456")]
    [InlineData("max", "mentor", "beter Daan", "3 uur ongeoorloofd Daan")]
    [InlineData("sanne", "SWV", "doorzettingsmacht 123456", "ziek Daan")]
    public async Task Help_ShowsTheCommandsOfThePersonsRoles_WithExamples_AndTheRestBehindAButton(string who, string role, string shown, string behindTheButton)
    {
        await using var route = new RouteHarness();
        route.AddMember(Sanne);
        var user = who switch { "rita" => Rita, "max" => Max, _ => Sanne };
        await route.SayAsync(user, "help");
        var card = route.CardsOf(user).Last();
        var main = Texts(card.GetProperty("body"));
        Assert.Contains($"Wat kan ik voor je doen, {user.Name}?", main);
        Assert.Contains(main, t => t.StartsWith("Je rol: ", StringComparison.Ordinal) && t.Contains(role, StringComparison.Ordinal));
        Assert.Contains(shown, main);
        Assert.DoesNotContain(behindTheButton, main);

        // At most a screen: six commands, each an example to type with a line that explains it.
        var commands = card.GetProperty("body")[2].GetProperty("items");
        Assert.InRange(commands.GetArrayLength(), 3, 6);
        Assert.All(commands.EnumerateArray(), c => Assert.Equal(2, c.GetProperty("items").GetArrayLength()));

        var button = Assert.Single(card.GetProperty("actions").EnumerateArray());
        Assert.Equal("Action.ShowCard", button.GetProperty("type").GetString());
        Assert.StartsWith("Alle opdrachten (", button.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(behindTheButton, button.GetProperty("card").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ForSomeoneWithoutARole_SaysSo_AndShowsWhatEveryoneCanDo()
    {
        await using var route = new RouteHarness();
        await route.SayAsync(Stranger, "help");
        var main = Texts(route.CardsOf(Stranger).Last().GetProperty("body"));
        Assert.Contains(main, t => t.StartsWith("Je hebt nog geen rol in VerzuimBot.", StringComparison.Ordinal));
        Assert.Contains("wie ben ik", main);
        Assert.DoesNotContain("ziek Daan", main);
    }

    [Theory]
    [InlineData("ziekmeldng Daan", "Bedoel je \"ziekmelding Daan\"?")]
    [InlineData("zeik 123456", "Bedoel je \"ziek 123456\"?")]
    [InlineData("tkaen", "Bedoel je \"taken\"?")]
    [InlineData("schorising Daan van 2-11 tot 4-11", "Bedoel je \"schorsing Daan van 2-11 tot 4-11\"?")]
    [InlineData("ovrezicht", "Bedoel je \"overzicht\"?")]
    public async Task AnUnknownCommand_SuggestsTheNearestRealOne(string typed, string suggestion)
    {
        await using var route = new RouteHarness();
        var answer = Assert.Single(await route.SayAsync(Rita, typed));
        Assert.Equal($"Dat begrijp ik niet. {suggestion} Typ \"help\" voor wat ik kan.", answer);
    }

    [Fact]
    public async Task SomethingFarFromAnyCommand_GetsNoGuess()
    {
        await using var route = new RouteHarness();
        Assert.Equal("Dat begrijp ik niet. Typ \"help\" voor wat ik kan.", Assert.Single(await route.SayAsync(Rita, "goedemorgen allemaal")));
    }

    /// <summary>Every TextBlock text below <paramref name="element"/>, as written on the card.</summary>
    private static List<string> Texts(JsonElement element)
    {
        var texts = new List<string>();
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item);
                }
            }
            else if (e.ValueKind == JsonValueKind.Object)
            {
                if (e.TryGetProperty("type", out var type) && type.GetString() == "TextBlock")
                {
                    texts.Add(e.GetProperty("text").GetString()!);
                }

                foreach (var property in e.EnumerateObject())
                {
                    Walk(property.Value);
                }
            }
        }

        Walk(element);
        return texts;
    }
}
