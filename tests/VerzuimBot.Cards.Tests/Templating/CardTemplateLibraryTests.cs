using System.Text.Json.Nodes;

namespace VerzuimBot.Cards.Tests.Templating;

public sealed class CardTemplateLibraryTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("verzuimbot-library-");

    public void Dispose() => _dir.Delete(recursive: true);

    private CardTemplateLibrary LibraryWith(params (string File, string Json)[] files)
    {
        foreach (var (file, json) in files) File.WriteAllText(Path.Combine(_dir.FullName, file), json);
        return new CardTemplateLibrary(_dir.FullName);
    }

    private const string Welkom = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Welkom ${naam}","wrap":true},{"type":"TextBlock","$when":"${opmerking != null}","text":"${opmerking}"}]}""";

    [Fact]
    public void Lists_templates_but_not_sample_data()
    {
        var library = LibraryWith(("welkom.json", Welkom), ("welkom.data.json", """{"naam":"A"}"""), ("help.json", Welkom), ("notes.txt", "x"));
        Assert.Equal(["help", "welkom"], library.TemplateNames);
    }

    [Fact]
    public void Renders_a_card_object()
    {
        var card = LibraryWith(("welkom.json", Welkom)).Render("welkom", JsonNode.Parse("""{"naam":"Rita","opmerking":null}"""));
        Assert.Equal("Welkom Rita", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Single(card["body"]!.AsArray()); // $when dropped the remark
    }

    [Fact]
    public void Strict_render_requires_optional_fields_to_be_present_as_null()
    {
        var library = LibraryWith(("welkom.json", Welkom));
        var error = Assert.Throws<CardTemplateException>(() => library.Render("welkom", JsonNode.Parse("""{"naam":"Rita"}""")));
        Assert.Equal(CardTemplateError.MissingField, error.Error);
        Assert.Contains("'opmerking'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_messages_never_contain_data_values()
    {
        var library = LibraryWith(("ziek.json", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"${naam} ${count(naam.x)}"}]}"""));
        var error = Assert.Throws<CardTemplateException>(() => library.Render("ziek", JsonNode.Parse("""{"naam":"Geheime Naam"}""")));
        Assert.DoesNotContain("Geheime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_template_is_a_typed_error()
    {
        var error = Assert.Throws<CardTemplateException>(() => LibraryWith(("welkom.json", Welkom)).Render("bestaatniet", null));
        Assert.Equal(CardTemplateError.UnknownTemplate, error.Error);
        Assert.Contains("welkom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_template_is_a_typed_error_on_use()
    {
        var library = LibraryWith(("kapot.json", "{ not json"));
        Assert.Equal(CardTemplateError.UnknownTemplate, Assert.Throws<CardTemplateException>(() => library.Render("kapot", null)).Error);
    }

    [Fact]
    public void Missing_directory_is_reported()
    {
        Assert.Throws<DirectoryNotFoundException>(() => new CardTemplateLibrary(Path.Combine(_dir.FullName, "nope")));
    }

    [Fact]
    public void Root_dropped_by_when_is_not_a_card()
    {
        var library = LibraryWith(("leeg.json", """{"type":"AdaptiveCard","version":"1.5","$when":"${toon}"}"""));
        Assert.Equal(CardTemplateError.NotACard, Assert.Throws<CardTemplateException>(() => library.Render("leeg", JsonNode.Parse("""{"toon":false}"""))).Error);
    }

    [Fact]
    public void Renders_are_independent_and_thread_safe()
    {
        var library = LibraryWith(("welkom.json", Welkom));
        var texts = Enumerable.Range(0, 200).AsParallel()
            .Select(i => library.Render("welkom", JsonNode.Parse($$"""{"naam":"N{{i}}","opmerking":null}"""))["body"]![0]!["text"]!.GetValue<string>())
            .ToHashSet();
        Assert.Equal(200, texts.Count);
    }

    [Fact]
    public void Output_is_detached_from_data()
    {
        var data = JsonNode.Parse("""{"o":{"k":1}}""")!;
        var card = AdaptiveCardTemplate.Expand(JsonNode.Parse("""{"v":"${o}"}""")!, data);
        card["v"]!["k"] = 2;
        Assert.Equal(1, data["o"]!["k"]!.GetValue<int>());
    }

    [Fact]
    public void From_app_directory_finds_cards_copied_next_to_the_binaries()
    {
        Assert.Contains("voorbeeld-takenlijst", CardTemplateLibrary.FromAppDirectory().TemplateNames);
    }

    [Theory]
    [InlineData("""{"t":"${formatDateTime(d, 'dd-MM')}"}""", "formatDateTime")]
    [InlineData("""{"t":"${a * 2}"}""", "'*'")]
    [InlineData("""{"t":"${a ?? 'x'}"}""", "'?'")]
    [InlineData("""{"t":"Typ `help` voor ${a}"}""", "backtick")]
    [InlineData("""{"t":"x ${a"}""", "closing }")]
    [InlineData("""{"t":"${}"}""", "empty")]
    [InlineData("""{"b":[{"$data":"rows","t":1}]}""", "$data")]
    [InlineData("""{"b":[{"$when":true,"t":1}]}""", "$when")]
    [InlineData("""{"t":"${1e3}"}""", "exponent")]
    [InlineData("""{"t":"${a <> b}"}""", "'>'")]
    public void Unsupported_syntax_throws_a_clear_error(string template, string mentioned)
    {
        var error = Assert.Throws<CardTemplateException>(() => AdaptiveCardTemplate.Expand(JsonNode.Parse(template)!, JsonNode.Parse("""{"a":1}""")));
        Assert.Equal(CardTemplateError.UnsupportedSyntax, error.Error);
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"t":"x ${n}"}""")]          // null inside text: the official library crashes with a TypeError
    [InlineData("""{"t":"x ${l[5]}"}""")]        // index out of range: the official library leaves ${l[5]} in the card
    [InlineData("""{"t":"${'a' < 1}"}""")]       // incomparable operands
    [InlineData("""{"t":"x ${n + 1}"}""")]
    public void Evaluation_errors_throw_instead_of_leaving_bindings_in_the_card(string template)
    {
        var error = Assert.Throws<CardTemplateException>(() => AdaptiveCardTemplate.Expand(JsonNode.Parse(template)!, JsonNode.Parse("""{"n":null,"l":[1]}""")));
        Assert.Equal(CardTemplateError.EvaluationFailed, error.Error);
    }
}
