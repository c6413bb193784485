using System.Text.Json.Nodes;
using VerzuimBot.AppPackage.Packaging;
using VerzuimBot.Cards.Tests.Infrastructure;

namespace VerzuimBot.Cards.Tests.Manifest;

/// <summary>
/// Validates, in one Node call with @microsoft/app-manifest (offline), the repository manifest and localization file
/// after the package tool filled in generated test ids, plus deliberately broken variants.
/// </summary>
public sealed class ManifestFixture
{
    internal static readonly PackageSettings TestSettings = new(Guid.NewGuid(), Guid.NewGuid(), "verzuimbot.test.example",
        new Uri("https://www.school.test.example/privacy"), new Uri("https://www.school.test.example/voorwaarden"));

    private readonly Lazy<JsonObject> _answer;

    public ManifestFixture() => _answer = new Lazy<JsonObject>(() =>
    {
        var requests = new JsonArray();
        foreach (var (id, json) in Variants()) requests.Add(new JsonObject { ["id"] = id, ["json"] = json });
        return NodeScript.Run("manifest/validate-manifest.js", new JsonObject { ["manifests"] = requests });
    });

    public static JsonObject RenderedManifest() =>
        JsonNode.Parse(ManifestRenderer.Render("manifest.json", File.ReadAllText(Path.Combine(RepoPaths.Manifests, "manifest.json")), TestSettings))!.AsObject();

    public static JsonObject RenderedLocalization(string file) =>
        JsonNode.Parse(ManifestRenderer.Render(file, File.ReadAllText(Path.Combine(RepoPaths.Manifests, file)), TestSettings))!.AsObject();

    private static IEnumerable<(string Id, JsonObject Json)> Variants()
    {
        yield return ("manifest", RenderedManifest());
        yield return ("en-us", RenderedLocalization("en-us.json"));

        var broken = RenderedManifest();
        broken.Remove("accentColor");
        broken["id"] = "niet-een-guid";
        broken["name"]!["short"] = "VerzuimBot met een veel te lange korte naam";
        broken["bots"]![0]!["scopes"]![1] = "groupchat";
        yield return ("broken manifest", broken);

        var wrongVersion = RenderedManifest();
        wrongVersion["manifestVersion"] = "1.24";
        yield return ("manifestVersion differs from $schema", wrongVersion);

        var tooManyCommands = RenderedManifest();
        var commands = tooManyCommands["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();
        for (var i = commands.Count; i < 13; i++) commands.Add(new JsonObject { ["title"] = $"opdracht{i}", ["description"] = "x" });
        yield return ("13 commands", tooManyCommands);

        var brokenLocalization = RenderedLocalization("en-us.json");
        brokenLocalization.Remove("description.short");
        brokenLocalization["bots[0].commandLists[0].commands[99].description"] = "no such command";
        yield return ("broken localization", brokenLocalization);
    }

    public IReadOnlyList<string> ErrorsFor(string id) =>
        _answer.Value["results"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!["errors"]!.AsArray()
            .Select(e => e!.GetValue<string>()).ToList();

    public IReadOnlyList<string> KnownTeamsVersions =>
        _answer.Value["knownTeamsVersions"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();

    public string ValidatorVersion => _answer.Value["packageVersion"]!.GetValue<string>();
}
