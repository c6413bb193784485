using System.Text.Json.Nodes;
using VerzuimBot.Cards.Tests.Infrastructure;

namespace VerzuimBot.Cards.Tests.Cards;

/// <summary>
/// Every template in cards/ (one theory case per card, so a new card is checked without touching this file):
/// its sample data exists, our binder gives exactly what the official adaptivecards-templating gives, the
/// official adaptivecards parser accepts the result at schema 1.5 without errors or warnings, no binding is
/// left unresolved, and the whole activity fits Teams' message size.
/// </summary>
public sealed class CardTemplateTests(CardsFixture fixture) : IClassFixture<CardsFixture>
{
    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string>();
        foreach (var name in CardCatalog.TemplateNames()) data.Add(name);
        return data;
    }

    [Fact]
    public void Cards_folder_holds_templates()
    {
        Assert.NotEmpty(CardCatalog.TemplateNames());
    }

    [Fact]
    public void Every_sample_data_file_belongs_to_a_template()
    {
        var templates = CardCatalog.TemplateNames().ToHashSet(StringComparer.Ordinal);
        var orphans = CardCatalog.DataFileNames().Where(f => !templates.Contains(f[..^CardCatalog.DataSuffix.Length])).ToList();
        Assert.True(orphans.Count == 0, "Sample data without a template: " + string.Join(", ", orphans));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_has_sample_data_and_binds_strictly(string card)
    {
        var result = fixture.For(card);
        result.AssertUsable();
        Assert.True(result.RenderError is null, $"CardTemplateLibrary.Render(\"{card}\", sample data) failed: {result.RenderError}");
        Assert.IsType<JsonObject>(result.Rendered);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Our_binder_matches_official_adaptivecards_templating(string card)
    {
        var result = fixture.For(card);
        result.AssertUsable();
        Assert.True(result.OfficialRan, "Node did not return an official expansion.");
        Assert.True(result.OfficialError is null, $"The official adaptivecards-templating failed on cards/{card}.json: {result.OfficialError}");
        Assert.True(result.CompatibleError is null, $"Our binder failed on cards/{card}.json: {result.CompatibleError}");
        Assert.Equal(JsonCanonical.Write(result.OfficialExpansion), JsonCanonical.Write(result.CompatibleExpansion));
        // Production (strict) binding must give the same card whenever the data is complete.
        Assert.Equal(JsonCanonical.Write(result.CompatibleExpansion), JsonCanonical.Write(result.Rendered));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Expanded_card_passes_official_adaptivecards_parser_at_1_5(string card)
    {
        var result = fixture.For(card);
        result.AssertUsable();
        Assert.True(result.ParserEvents is not null, $"cards/{card}.json was not parsed (binding failed: {result.RenderError}).");

        // Teams' chart elements (Chart.*) are not in the adaptivecards library: allowed only with a fallback, which the
        // library then renders (its "unknown element type" notice for them is expected, nothing else is).
        var charts = TeamsCharts(result.Rendered!).ToList();
        Assert.All(charts, chart => Assert.True(chart["fallback"] is JsonObject, $"cards/{card}.json: {chart["type"]} needs a fallback for clients without charts."));
        var events = result.ParserEvents.Where(e => !(e.StartsWith("Parse/UnknownElementType: Unknown element type \"Chart.", StringComparison.Ordinal) && charts.Count > 0)).ToList();
        Assert.True(events.Count == 0,
            $"adaptivecards reported for cards/{card}.json:\n  " + string.Join("\n  ", events));
        var version = result.Rendered!["version"]?.GetValue<string>();
        Assert.True(version is "1.0" or "1.1" or "1.2" or "1.3" or "1.4" or "1.5", $"cards/{card}.json must declare a version up to 1.5, not '{version}'.");
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Expanded_card_has_no_unresolved_binding(string card)
    {
        var result = fixture.For(card);
        result.AssertUsable();
        Assert.True(result.OfficialExpansion is not null, $"No official expansion for cards/{card}.json: {result.OfficialError}");
        Assert.DoesNotContain("${", result.OfficialExpansion.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("${", result.Rendered?.ToJsonString() ?? "${", StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Card_activity_fits_teams_message_size(string card)
    {
        var result = fixture.For(card);
        result.AssertUsable();
        var activity = TeamsMessage.ActivityWith(Assert.IsType<JsonObject>(result.Rendered));
        var bytes = TeamsMessage.Utf16Bytes(activity);
        Assert.True(bytes < TeamsMessage.RecommendedMaxUtf16Bytes,
            $"cards/{card}.json with its sample data makes a {bytes}-byte (UTF-16) activity; Teams advises under {TeamsMessage.RecommendedMaxUtf16Bytes}.");
    }

    /// <summary>
    /// Teams renders a number in a fact or TextBlock as nothing (seen in the Playground), while the official parser
    /// accepts it silently: every fact title/value and every TextBlock text must bind to a string.
    /// </summary>
    [Theory]
    [MemberData(nameof(Templates))]
    public void Shown_texts_bind_to_strings(string card)
    {
        var result = fixture.For(card);
        result.AssertUsable();
        var wrong = new List<string>();
        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject obj:
                    var isFact = path.EndsWith("facts]", StringComparison.Ordinal);
                    foreach (var (key, value) in obj)
                    {
                        var shown = (isFact && key is "title" or "value") || (key == "text" && obj["type"]?.GetValue<string>() == "TextBlock");
                        if (shown && value is JsonValue v && v.GetValueKind() != System.Text.Json.JsonValueKind.String)
                        {
                            wrong.Add($"{path}.{key} = {v.ToJsonString()}");
                        }

                        Walk(value, $"{path}.{key}");
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item, path + "]");
                    }

                    break;
            }
        }

        Walk(result.Rendered, "$");
        Assert.True(wrong.Count == 0, $"cards/{card}.json shows non-text values: " + string.Join(", ", wrong));
    }

    private static IEnumerable<JsonObject> TeamsCharts(JsonNode node) => node switch
    {
        JsonObject obj when obj["type"] is JsonValue type && type.GetValue<string>().StartsWith("Chart.", StringComparison.Ordinal) => [obj],
        JsonObject obj => obj.Select(p => p.Value).Where(v => v is not null).SelectMany(v => TeamsCharts(v!)),
        JsonArray array => array.Where(v => v is not null).SelectMany(v => TeamsCharts(v!)),
        _ => [],
    };
}
