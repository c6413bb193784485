using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VerzuimBot.AppPackage.Packaging;
using VerzuimBot.Cards.Tests.Infrastructure;

namespace VerzuimBot.Cards.Tests.Manifest;

public sealed class ManifestTests(ManifestFixture fixture) : IClassFixture<ManifestFixture>
{
    // Student data only in a personal chat; a team or group chat gets the commands that show no child by name.
    private static readonly string[] PersonalCommands = ["ziekmelding", "beter", "herstel", "taken", "ongeoorloofd", "verlof", "schorsing", "thuiszitter", "overleg", "overzicht", "afwezig", "help"];
    private static readonly string[] TeamCommands = ["overzicht hier", "overzicht stop", "help"];
    private static readonly string[] GroupChatCommands = ["overleg hier", "help"];

    [Fact]
    public void Manifest_with_filled_in_ids_is_valid_for_app_manifest_validator()
    {
        Assert.Equal("1.1.2", fixture.ValidatorVersion);
        var errors = fixture.ErrorsFor("manifest");
        Assert.True(errors.Count == 0, "manifest.json: " + string.Join("\n", errors));
    }

    [Fact]
    public void English_localization_is_valid_for_its_bundled_schema()
    {
        var errors = fixture.ErrorsFor("en-us");
        Assert.True(errors.Count == 0, "en-us.json: " + string.Join("\n", errors));
    }

    [Fact]
    public void Manifest_uses_the_newest_schema_the_validator_knows()
    {
        var newest = fixture.KnownTeamsVersions.OrderBy(Version.Parse).Last();
        var manifest = ManifestFixture.RenderedManifest();
        Assert.Equal(newest, manifest["manifestVersion"]!.GetValue<string>());
        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{newest}/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());
        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{newest}/MicrosoftTeams.Localization.schema.json",
            ManifestFixture.RenderedLocalization("en-us.json")["$schema"]!.GetValue<string>());
    }

    [Fact]
    public void Validator_reports_a_broken_manifest()
    {
        var errors = string.Join("\n", fixture.ErrorsFor("broken manifest"));
        Assert.Contains("must have required property 'accentColor'", errors, StringComparison.Ordinal);
        Assert.Contains("/id must match pattern", errors, StringComparison.Ordinal);
        Assert.Contains("/name/short must NOT have more than 30 characters", errors, StringComparison.Ordinal);
        Assert.Contains("/bots/0/scopes/1 must be equal to one of the allowed values", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manifestVersion differs from $schema", "/manifestVersion must be equal to constant")]
    [InlineData("13 commands", "/bots/0/commandLists/0/commands must NOT have more than 12 items")]
    [InlineData("broken localization", "must have required property 'description.short'")]
    [InlineData("broken localization", "must NOT have additional properties")]
    public void Validator_reports_other_mistakes(string variant, string expected)
    {
        Assert.Contains(fixture.ErrorsFor(variant), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Repository_manifest_holds_placeholders_not_ids()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Manifests, "manifest.json"));
        Assert.DoesNotMatch(new Regex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"), text);
        var manifest = JsonNode.Parse(text)!;
        Assert.Equal(ManifestRenderer.AppIdToken, manifest["id"]!.GetValue<string>());
        Assert.Equal(ManifestRenderer.BotIdToken, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal([ManifestRenderer.DomainToken], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(ManifestRenderer.PrivacyUrlToken, manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal(ManifestRenderer.TermsUrlToken, manifest["developer"]!["termsOfUseUrl"]!.GetValue<string>());
        Assert.DoesNotContain("example", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Filled_in_manifest_carries_the_configured_ids()
    {
        var manifest = ManifestFixture.RenderedManifest();
        Assert.Equal(ManifestFixture.TestSettings.TeamsAppId.ToString(), manifest["id"]!.GetValue<string>());
        Assert.Equal(ManifestFixture.TestSettings.BotId.ToString(), manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("https://www.school.test.example/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal("https://www.school.test.example/voorwaarden", manifest["developer"]!["termsOfUseUrl"]!.GetValue<string>());
        Assert.Equal("https://www.school.test.example/", manifest["developer"]!["websiteUrl"]!.GetValue<string>());
    }

    // issue 18 item 6: the description says what the bot does and for whom, in both languages.
    [Fact]
    public void Description_names_who_it_is_for_and_who_not()
    {
        var dutch = ManifestFixture.RenderedManifest()["description"]!["full"]!.GetValue<string>();
        Assert.Contains("medewerkers van scholen", dutch, StringComparison.Ordinal);
        Assert.Contains("kernpartners", dutch, StringComparison.Ordinal);
        Assert.Contains("Niet voor ouders of leerlingen", dutch, StringComparison.Ordinal);
        var english = ManifestFixture.RenderedLocalization("en-us.json")["description.full"]!.GetValue<string>();
        Assert.Contains("not for parents or students", english, StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_serves_personal_team_and_group_chats_with_the_dutch_commands()
    {
        var bot = ManifestFixture.RenderedManifest()["bots"]![0]!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var lists = bot["commandLists"]!.AsArray();
        Assert.Equal(["personal", "team", "groupChat"], lists.SelectMany(l => l!["scopes"]!.AsArray().Select(s => s!.GetValue<string>())));
        foreach (var list in lists)
        {
            var expected = list!["scopes"]![0]!.GetValue<string>() switch
            {
                "personal" => PersonalCommands,
                "team" => TeamCommands,
                _ => GroupChatCommands,
            };
            Assert.Equal(expected, list["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));
            Assert.All(list["commands"]!.AsArray(), c => Assert.False(string.IsNullOrWhiteSpace(c!["description"]?.GetValue<string>())));
        }
    }

    [Fact]
    public void Dutch_is_default_and_english_file_covers_every_command()
    {
        var manifest = ManifestFixture.RenderedManifest();
        var info = manifest["localizationInfo"]!;
        Assert.Equal("nl-nl", info["defaultLanguageTag"]!.GetValue<string>());
        var english = Assert.Single(info["additionalLanguages"]!.AsArray());
        Assert.Equal("en-us", english!["languageTag"]!.GetValue<string>());
        var localization = ManifestFixture.RenderedLocalization(english["file"]!.GetValue<string>());

        var lists = manifest["bots"]![0]!["commandLists"]!.AsArray();
        var expectedKeys = lists.SelectMany((list, i) => list!["commands"]!.AsArray().Select((_, j) => $"bots[0].commandLists[{i}].commands[{j}].description")).ToHashSet();
        var commandKeys = localization.Select(p => p.Key).Where(k => k.StartsWith("bots[", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(expectedKeys.Order(), commandKeys.Order()); // every command translated, no key pointing at nothing
    }
}
