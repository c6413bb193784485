using System.Text.Json.Nodes;

namespace VerzuimBot.Cards.Tests.Templating;

/// <summary>
/// The one escaping helper (issue 21 item 6): in cards it escapes exactly what Teams' card markdown would format, and
/// nothing else, because Teams shows any other backslash ("Daan \(2b\)"); chat replies are plain text and stay as typed.
/// </summary>
public sealed class TeamsTextTests
{
    [Theory]
    [InlineData("Jan **vet** _schuin_", @"Jan \*\*vet\*\* \_schuin\_")]
    [InlineData("[link](https://evil.example)", @"\[link\](https://evil.example)")]
    [InlineData("![plaatje](https://evil.example/x.png)", @"!\[plaatje\](https://evil.example/x.png)")]
    [InlineData("snake_case_naam", @"snake\_case\_naam")]
    [InlineData("- punt", @"\- punt")]
    [InlineData("  + punt", @"  \+ punt")]
    [InlineData("* punt", @"\* punt")]
    [InlineData("1. eerste\n12) tweede", "1\\. eerste\n12\\) tweede")]
    [InlineData(@"a\*b", @"a\\\*b")]
    [InlineData("regel 1\r\nregel 2\r- lijst", "regel 1\nregel 2\n\\- lijst")]
    public void Card_text_escapes_what_teams_would_format(string typed, string expected)
    {
        Assert.Equal(expected, TeamsText.Escape(typed));
    }

    [Theory]
    [InlineData("Daan de Vries (2b)")]
    [InlineData("<b>Daan</b> & co")]
    [InlineData("# geen kop > geen citaat")]
    [InlineData("Ziek sinds maandag, koorts 38.5 - thuis; 3-4 dagen.")]
    [InlineData(@"C:\map\bestand")]
    [InlineData("Jan-Willem de Vries (groep 8) = 100%")]
    [InlineData("2026-10-19")]
    public void Card_text_leaves_what_teams_does_not_format_as_typed(string typed)
    {
        Assert.Equal(typed, TeamsText.Escape(typed));
    }

    [Theory]
    [InlineData("**Daan**")]
    [InlineData("<b>Daan</b>")]
    [InlineData("[link](https://evil.example)")]
    [InlineData("Daan de Vries (2b)")]
    public void Chat_replies_are_plain_text_and_stay_as_typed(string typed)
    {
        Assert.Equal(typed, TeamsText.Escape(typed, TeamsSurface.PlainMessage));
    }

    [Fact]
    public void Null_and_empty_give_empty_text()
    {
        Assert.Equal("", TeamsText.Escape(null));
        Assert.Equal("", TeamsText.Escape("", TeamsSurface.PlainMessage));
    }

    /// <summary>
    /// The library escapes data where Teams reads markdown (TextBlock text, fact title and value) and nowhere else: not in a
    /// template's own bold, not in an input's value, a choice's title or an action's data.
    /// </summary>
    [Fact]
    public void Render_escapes_bound_values_only_where_teams_reads_markdown()
    {
        var directory = Directory.CreateTempSubdirectory("cards-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "proef.json"), """
                { "type": "AdaptiveCard", "version": "1.5", "body": [
                  { "type": "TextBlock", "text": "**Leerling**: ${naam}", "wrap": true },
                  { "type": "FactSet", "facts": [ { "$data": "${feiten}", "title": "${titel}", "value": "${waarde}" } ] },
                  { "type": "Input.Text", "id": "naam", "value": "${naam}" },
                  { "type": "Input.ChoiceSet", "id": "keus", "choices": [ { "title": "${naam}", "value": "a_b" } ] } ],
                  "actions": [ { "type": "Action.Execute", "verb": "x", "title": "${naam}", "data": { "id": "${id}" } } ] }
                """);
            var card = new CardTemplateLibrary(directory).Render("proef", JsonNode.Parse("""
                { "naam": "**Daan** [x](y)", "id": "abc_def-1", "feiten": [ { "titel": "Door_", "waarde": "<b>Rita</b> *" } ] }
                """));
            var body = card["body"]!.AsArray();
            Assert.Equal(@"**Leerling**: \*\*Daan\*\* \[x\](y)", body[0]!["text"]!.GetValue<string>());
            Assert.Equal(@"Door\_", body[1]!["facts"]![0]!["title"]!.GetValue<string>());
            Assert.Equal(@"<b>Rita</b> \*", body[1]!["facts"]![0]!["value"]!.GetValue<string>());
            Assert.Equal("**Daan** [x](y)", body[2]!["value"]!.GetValue<string>());
            Assert.Equal("**Daan** [x](y)", body[3]!["choices"]![0]!["title"]!.GetValue<string>());
            Assert.Equal("**Daan** [x](y)", card["actions"]![0]!["title"]!.GetValue<string>());
            Assert.Equal("abc_def-1", card["actions"]![0]!["data"]!["id"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
