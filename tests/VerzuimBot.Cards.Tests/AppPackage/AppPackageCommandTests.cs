using System.IO.Compression;
using System.Text.Json.Nodes;
using VerzuimBot.AppPackage;
using VerzuimBot.AppPackage.Packaging;
using VerzuimBot.Cards.Tests.Infrastructure;

namespace VerzuimBot.Cards.Tests.AppPackage;

public sealed class AppPackageCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("verzuimbot-package-");
    private readonly StringWriter _out = new(), _err = new();
    private static readonly Guid AppId = Guid.Parse("11111111-2222-3333-4444-555555555555");
    private static readonly Guid BotId = Guid.Parse("66666666-7777-8888-9999-aaaaaaaaaaaa");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Zip => Path.Combine(_dir.FullName, "out", "verzuimbot.zip");

    private int Run(Dictionary<string, string>? environment, params string[] args) =>
        AppPackageCommand.Run(args, name => environment?.GetValueOrDefault(name), _out, _err, RepoPaths.Root);

    private static Dictionary<string, string> FullEnvironment() => new()
    {
        [PackageSettings.AppIdVariable] = AppId.ToString(),
        [PackageSettings.BotIdVariable] = BotId.ToString(),
        [PackageSettings.DomainVariable] = "verzuimbot.school.nl",
        [PackageSettings.PrivacyUrlVariable] = "https://www.school.nl/privacy",
        [PackageSettings.TermsUrlVariable] = "https://www.school.nl/gebruiksvoorwaarden",
    };

    [Fact]
    public void Builds_the_zip_from_environment_with_every_file_at_the_root()
    {
        Assert.Equal(AppPackageCommand.Ok, Run(FullEnvironment(), "--out", Zip));
        using var zip = ZipFile.OpenRead(Zip);
        Assert.Equal(["color.png", "en-us.json", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());

        var manifestText = new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEnd();
        Assert.DoesNotContain("${{", manifestText, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(manifestText)!;
        Assert.Equal(AppId.ToString(), manifest["id"]!.GetValue<string>());
        Assert.Equal(BotId.ToString(), manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("verzuimbot.school.nl", manifest["validDomains"]![0]!.GetValue<string>());
        Assert.Equal("https://www.school.nl/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal("https://www.school.nl/gebruiksvoorwaarden", manifest["developer"]!["termsOfUseUrl"]!.GetValue<string>());

        // issue 18 item 6: nothing of an example address reaches a package built from real settings.
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.Ordinal)))
        {
            var text = new StreamReader(entry.Open()).ReadToEnd();
            Assert.DoesNotContain("example", text, StringComparison.OrdinalIgnoreCase);
        }

        using var color = new MemoryStream();
        zip.GetEntry("color.png")!.Open().CopyTo(color);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Manifests, "color.png")), color.ToArray());
    }

    [Fact]
    public void Command_line_options_override_the_environment()
    {
        var otherBot = Guid.NewGuid();
        Assert.Equal(AppPackageCommand.Ok, Run(FullEnvironment(), "--out", Zip, "--bot-id", otherBot.ToString(), "--domain", "Bot.Example.NL"));
        using var zip = ZipFile.OpenRead(Zip);
        var manifest = JsonNode.Parse(zip.GetEntry("manifest.json")!.Open())!;
        Assert.Equal(otherBot.ToString(), manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("bot.example.nl", manifest["validDomains"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Missing_configuration_is_a_clear_error_and_writes_nothing()
    {
        Assert.Equal(AppPackageCommand.Usage, Run(null, "--out", Zip));
        var error = _err.ToString();
        Assert.Contains(PackageSettings.AppIdVariable, error, StringComparison.Ordinal);
        Assert.Contains(PackageSettings.BotIdVariable, error, StringComparison.Ordinal);
        Assert.Contains(PackageSettings.DomainVariable, error, StringComparison.Ordinal);
        Assert.Contains(PackageSettings.PrivacyUrlVariable, error, StringComparison.Ordinal);
        Assert.Contains(PackageSettings.TermsUrlVariable, error, StringComparison.Ordinal);
        Assert.False(File.Exists(Zip));
    }

    [Theory]
    [InlineData("--app-id", "not-a-guid", "GUID")]
    [InlineData("--bot-id", "00000000-0000-0000-0000-000000000000", "GUID")]
    [InlineData("--domain", "https://bot.example.nl/api", "host name")]
    [InlineData("--privacy-url", "http://www.school.nl/privacy", "https address")]
    [InlineData("--terms-url", "voorwaarden", "https address")]
    public void Malformed_values_are_rejected(string option, string value, string mentioned)
    {
        Assert.Equal(AppPackageCommand.Usage, Run(FullEnvironment(), "--out", Zip, option, value));
        Assert.Contains(mentioned, _err.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Zip));
    }

    [Fact]
    public void Missing_out_option_and_unknown_options_are_usage_errors()
    {
        Assert.Equal(AppPackageCommand.Usage, Run(FullEnvironment()));
        Assert.Contains("--out", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal(AppPackageCommand.Usage, Run(FullEnvironment(), "--out", Zip, "--colour", "blue"));
        Assert.False(File.Exists(Zip));
    }

    [Fact]
    public void Unknown_placeholder_fails_without_leaving_a_zip()
    {
        var manifests = Directory.CreateDirectory(Path.Combine(_dir.FullName, "manifests"));
        foreach (var file in Directory.GetFiles(RepoPaths.Manifests)) File.Copy(file, Path.Combine(manifests.FullName, Path.GetFileName(file)));
        var manifestPath = Path.Combine(manifests.FullName, "manifest.json");
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("\"1.0.0\"", "\"${{APP_VERSION}}\"", StringComparison.Ordinal));

        Assert.Equal(AppPackageCommand.Failed, Run(FullEnvironment(), "--out", Zip, "--manifests", manifests.FullName));
        Assert.Contains("${{APP_VERSION}}", _err.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Zip));
        Assert.False(File.Exists(Zip + ".tmp"));
    }
}
