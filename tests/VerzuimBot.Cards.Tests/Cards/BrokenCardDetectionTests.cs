using System.Text.Json.Nodes;
using VerzuimBot.Cards.Tests.Infrastructure;

namespace VerzuimBot.Cards.Tests.Cards;

/// <summary>Deliberately broken cards, checked in one Node call, to prove the card checks report what they must.</summary>
public sealed class BrokenCardsFixture
{
    public static readonly IReadOnlyDictionary<string, string> Cards = new Dictionary<string, string>
    {
        ["valid"] = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"reden","label":"Reden"}],"actions":[{"type":"Action.Execute","verb":"opslaan","title":"Opslaan"}]}""",
        ["input without id"] = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","label":"Reden"}]}""",
        ["unknown element"] = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Ziekmelding.Formulier","text":"x"}]}""",
        ["unknown action"] = """{"type":"AdaptiveCard","version":"1.5","actions":[{"type":"Action.Teleport","title":"Weg"}]}""",
        ["version 1.6"] = """{"type":"AdaptiveCard","version":"1.6","body":[{"type":"TextBlock","text":"Hallo"}]}""",
        ["missing version"] = """{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Hallo"}]}""",
        ["duplicate input ids"] = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"a"},{"type":"Input.Date","id":"a"}]}""",
        ["choice set without choices"] = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.ChoiceSet","id":"keuze","choices":[]}]}""",
        ["invalid property value"] = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","weight":"Heavy"}]}""",
    };

    private readonly Lazy<JsonObject> _answer = new(() =>
    {
        var validate = new JsonArray();
        foreach (var (id, json) in Cards) validate.Add(new JsonObject { ["id"] = id, ["card"] = JsonNode.Parse(json), ["target"] = "1.5" });
        var expand = new JsonArray(new JsonObject
        {
            ["id"] = "unresolved",
            ["template"] = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Ziekmelding van ${leerling.naam}"}]}"""),
            ["data"] = JsonNode.Parse("""{"leerling":{}}"""),
        });
        return NodeScript.Run("cards/card-checks.js", new JsonObject { ["validate"] = validate, ["expand"] = expand });
    });

    public IReadOnlyList<string> EventsFor(string id) =>
        _answer.Value["validate"]!.AsArray().Single(v => v!["id"]!.GetValue<string>() == id)!["events"]!.AsArray()
            .Select(e => $"{e!["phase"]}/{e["event"]}").ToList();

    public JsonObject Expansion(string id) =>
        _answer.Value["expand"]!.AsArray().Single(v => v!["id"]!.GetValue<string>() == id)!.AsObject();
}

public sealed class BrokenCardDetectionTests(BrokenCardsFixture fixture) : IClassFixture<BrokenCardsFixture>
{
    [Fact]
    public void Valid_card_gets_no_events()
    {
        Assert.Empty(fixture.EventsFor("valid"));
    }

    [Theory]
    [InlineData("input without id", "Validation/PropertyCantBeNull")]
    [InlineData("unknown element", "Parse/UnknownElementType")]
    [InlineData("unknown action", "Parse/UnknownActionType")]
    [InlineData("version 1.6", "Validation/UnsupportedCardVersion")]
    [InlineData("missing version", "Custom/MissingVersion")]
    [InlineData("duplicate input ids", "Validation/DuplicateId")]
    [InlineData("choice set without choices", "Validation/CollectionCantBeEmpty")]
    [InlineData("invalid property value", "Parse/InvalidPropertyValue")]
    public void Official_parser_reports_broken_card(string card, string expectedEvent)
    {
        Assert.Contains(expectedEvent, fixture.EventsFor(card));
    }

    [Fact]
    public void Official_templating_leaves_missing_binding_literal_so_the_unresolved_check_bites()
    {
        var expansion = fixture.Expansion("unresolved");
        Assert.True(expansion["ok"]!.GetValue<bool>());
        Assert.Contains("${leerling.naam}", expansion["result"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_render_refuses_the_same_missing_binding()
    {
        var dir = Directory.CreateTempSubdirectory("verzuimbot-cards-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "ziekmelding.json"),
                """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Ziekmelding van ${leerling.naam}"}]}""");
            var library = new CardTemplateLibrary(dir.FullName);
            var error = Assert.Throws<CardTemplateException>(() => library.Render("ziekmelding", JsonNode.Parse("""{"leerling":{}}""")));
            Assert.Equal(CardTemplateError.MissingField, error.Error);
            Assert.Contains("leerling.naam", error.Message, StringComparison.Ordinal);
            Assert.Contains("ziekmelding", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Oversized_card_fails_the_size_rule()
    {
        var body = new JsonArray();
        for (var i = 0; i < 700; i++) body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = new string('x', 60), ["wrap"] = true });
        var card = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = body };
        Assert.True(TeamsMessage.Utf16Bytes(TeamsMessage.ActivityWith(card)) > TeamsMessage.RecommendedMaxUtf16Bytes);
    }
}
