using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VerzuimBot.Infra.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace VerzuimBot.Infra.Tests;

// issue 18 item 2: m365agents.yml in the samples' layout, checked as the toolkit would before running it: valid against the
// toolkit's own schema, the lifecycle steps in order, every file it reads exists, every ${{VARIABLE}} it or the files it
// reads use is set (env/.env.dev, or written by an earlier step), and nothing it writes lands in the repository.
public sealed partial class AgentsToolkitProjectTests
{
    private const string SchemaVersion = "v1.13";
    private static readonly string ProjectFile = RepoPaths.Of("m365agents.yml");

    // Set by the toolkit itself, whatever the environment file says.
    private static readonly string[] BuiltInVariables = ["TEAMSFX_ENV"];

    [Fact]
    public void ProjectFile_IsValidAgainstTheToolkitsSchema()
    {
        var schema = Path.Combine(RepoPaths.Root, "tests", "node", "m365agents", ".schema", SchemaVersion, "yaml.schema.json");
        Assert.True(File.Exists(schema), $"{schema} is missing: tests/test.sh fetches it (tests/node/m365agents/fetch-schema.sh).");
        var document = ToJson(Load().RootNode);
        Assert.Equal(SchemaVersion, document["version"]!.GetValue<string>());

        var errors = RunNode("m365agents/validate-project.js", new JsonObject { ["schema"] = schema, ["document"] = document });
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // Not vacuous: the same schema refuses a misspelt action input.
        var broken = ToJson(Load().RootNode);
        broken["deploy"]![1]!["with"]!["artifactFolders"] = "./artifacts/publish";
        Assert.Contains(RunNode("m365agents/validate-project.js", new JsonObject { ["schema"] = schema, ["document"] = broken }), e => e.Contains("additionalProperty", StringComparison.Ordinal));
    }

    [Fact]
    public void Lifecycles_HaveTheSamplesSteps_InOrder()
    {
        var root = (YamlMappingNode)Load().RootNode;
        Assert.Equal("./env", Scalar(root, "environmentFolderPath"));
        Assert.Equal(
            ["teamsApp/create", "arm/deploy", "script", "teamsApp/validateManifest", "teamsApp/zipAppPackage", "teamsApp/validateAppPackage", "teamsApp/update"],
            Steps(root, "provision").Select(s => Scalar(s, "uses")));
        Assert.Equal(["cli/runDotnetCommand", "azureAppService/zipDeploy"], Steps(root, "deploy").Select(s => Scalar(s, "uses")));
        Assert.Equal("teamsApp/publishAppPackage", Steps(root, "publish").Select(s => Scalar(s, "uses")).Last());

        var publish = Steps(root, "deploy")[0];
        Assert.StartsWith("publish VerzuimBot.csproj --configuration Release", Scalar(With(publish), "args"), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFileItReads_Exists_AndEverythingItWrites_StaysOutOfTheRepository()
    {
        var root = (YamlMappingNode)Load().RootNode;
        var reads = new List<string>();
        var writes = new List<string>();
        foreach (var step in new[] { "provision", "deploy", "publish" }.SelectMany(l => Steps(root, l)))
        {
            var with = With(step);
            foreach (var (key, value) in with.Children.Select(c => (Scalar((YamlScalarNode)c.Key), c.Value)))
            {
                switch (key)
                {
                    case "manifestPath" or "workingDirectory":
                        reads.Add(Scalar((YamlScalarNode)value));
                        break;
                    case "templates":
                        foreach (var template in ((YamlSequenceNode)value).Cast<YamlMappingNode>())
                        {
                            reads.Add(Scalar(template, "path"));
                            reads.Add(Scalar(template, "parameters"));
                        }

                        break;
                    case "outputZipPath" or "outputFolder" or "artifactFolder" or "appPackagePath":
                        writes.Add(Scalar((YamlScalarNode)value));
                        break;
                }
            }

            if (Scalar(step, "uses") == "script")
            {
                reads.Add(Scalar(with, "run").Split(' ')[^1]);
            }

            if (Scalar(step, "uses") == "cli/runDotnetCommand")
            {
                var directory = Scalar(with, "workingDirectory");
                var args = Scalar(with, "args").Split(' ');
                reads.Add(Path.Combine(directory, args[1]));
                writes.Add(Path.GetRelativePath(RepoPaths.Root, Path.GetFullPath(Path.Combine(RepoPaths.Root, directory, args[Array.IndexOf(args, "--output") + 1]))));
            }
        }

        Assert.NotEmpty(reads);
        Assert.All(reads, path => Assert.True(File.Exists(RepoPaths.Of(path)) || Directory.Exists(RepoPaths.Of(path)), $"m365agents.yml names {path}, which does not exist"));
        Assert.All(writes, path => Assert.True(
            Path.GetRelativePath(RepoPaths.Root, RepoPaths.Of(path)).Split(Path.DirectorySeparatorChar)[0] == "artifacts",
            $"m365agents.yml writes {path}: outside artifacts/ (ignored by git)"));
        Assert.Contains("/artifacts/", File.ReadAllLines(RepoPaths.Of(".gitignore")));
    }

    [Fact]
    public void EveryVariable_IsSetInTheEnvironmentFile_OrWrittenBeforeItIsRead()
    {
        var environment = File.ReadAllLines(RepoPaths.Of("env/.env.dev"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        Assert.DoesNotContain(environment, e => e.Key.StartsWith("SECRET_", StringComparison.Ordinal) || e.Key.Contains("PASSWORD", StringComparison.Ordinal));

        // What provision writes: the Teams app ids and the Bicep template's outputs.
        var written = new HashSet<string>(environment.Keys.Concat(BuiltInVariables), StringComparer.Ordinal) { "TEAMS_APP_ID", "TEAMS_APP_TENANT_ID" };
        var arm = new ArmTemplate();
        written.UnionWith(arm.Json["outputs"]!.AsObject().Select(o => o.Key));

        var readers = new[] { "m365agents.yml", "infra/main.parameters.json", "manifests/manifest.json", "manifests/en-us.json" };
        var used = readers.SelectMany(file => Placeholder().Matches(File.ReadAllText(RepoPaths.Of(file))).Select(m => (file, variable: m.Groups[1].Value))).ToList();
        Assert.Contains(used, u => u is { file: "manifests/manifest.json", variable: "PRIVACY_URL" });
        Assert.All(used, u => Assert.True(written.Contains(u.variable), $"{u.file} uses ${{{{{u.variable}}}}}, which neither env/.env.dev nor a provision step sets"));

        // The manifest's placeholders are exactly the ones the repository's own package builder fills.
        var manifestVariables = used.Where(u => u.file.StartsWith("manifests/", StringComparison.Ordinal)).Select(u => u.variable).ToHashSet();
        Assert.Equal(["BOT_DOMAIN", "BOT_ID", "PRIVACY_URL", "TEAMS_APP_ID", "TERMS_URL", "WEBSITE_URL"], manifestVariables.Order());
    }

    [Fact]
    public void ThePseudonymKeyStep_RunsAfterTheDeployment_WithEveryOutputTheScriptNeeds()
    {
        // infra/pseudonym-key.sh stops on a missing variable (${NAME:?…}); the step must hand it each one, from the template's outputs.
        var root = (YamlMappingNode)Load().RootNode;
        var step = Assert.Single(Steps(root, "provision"), s => Scalar(s, "uses") == "script");
        Assert.Equal("bash ./infra/pseudonym-key.sh", Scalar(With(step), "run"));
        var given = ((YamlMappingNode)step.Children[new YamlScalarNode("env")]).Children.ToDictionary(c => Scalar((YamlScalarNode)c.Key), c => Scalar((YamlScalarNode)c.Value));
        var required = RequiredVariable().Matches(File.ReadAllText(RepoPaths.Of("infra/pseudonym-key.sh"))).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["BOT_AZURE_APP_SERVICE_RESOURCE_ID", "KEY_VAULT_NAME"], required.Order());
        Assert.All(required, name => Assert.Equal($"${{{{{name}}}}}", given.GetValueOrDefault(name)));
        var outputs = new ArmTemplate().Json["outputs"]!.AsObject().Select(o => o.Key);
        Assert.All(required, name => Assert.Contains(name, outputs));
    }

    private static YamlDocument Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(ProjectFile);
        stream.Load(reader);
        return Assert.Single(stream.Documents);
    }

    private static List<YamlMappingNode> Steps(YamlMappingNode root, string lifecycle) =>
        ((YamlSequenceNode)root.Children[new YamlScalarNode(lifecycle)]).Cast<YamlMappingNode>().ToList();

    private static YamlMappingNode With(YamlMappingNode step) => (YamlMappingNode)step.Children[new YamlScalarNode("with")];

    private static string Scalar(YamlMappingNode node, string key) => Scalar((YamlScalarNode)node.Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlScalarNode node) => node.Value ?? string.Empty;

    /// <summary>The YAML as JSON, as the toolkit validates it (plain scalars that look like booleans or numbers stay strings here; the schema asks for strings).</summary>
    private static JsonNode ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(Scalar((YamlScalarNode)c.Key), (JsonNode?)ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Select(n => (JsonNode?)ToJson(n)).ToArray()),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
        _ => throw new InvalidOperationException(node.NodeType.ToString()),
    };

    private static List<string> RunNode(string script, JsonObject request)
    {
        var requestFile = Path.Combine(Path.GetTempPath(), $"verzuimbot-m365agents-{Guid.NewGuid():N}.json");
        File.WriteAllText(requestFile, request.ToJsonString());
        try
        {
            var start = new ProcessStartInfo("node") { WorkingDirectory = Path.Combine(RepoPaths.Root, "tests", "node"), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(requestFile);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "node did not finish");
            Assert.True(process.ExitCode == 0, $"node {script}: {error.Result}");
            return JsonDocument.Parse(output.Result).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        }
        finally
        {
            File.Delete(requestFile);
        }
    }

    [GeneratedRegex(@"\$\{\{([A-Z0-9_]+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\$\{([A-Z0-9_]+):\?", RegexOptions.CultureInvariant)]
    private static partial Regex RequiredVariable();
}
