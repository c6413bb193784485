using System.Text.Json.Nodes;

namespace VerzuimBot.Infra.Tests.Infrastructure;

/// <summary>
/// infra/example.bicepparam evaluated offline by "bicep snapshot": the resources a deployment with these parameters would
/// create, with every expression the CLI can evaluate without Azure (parameters, variables, lambdas) evaluated. Runs on a
/// copy of infra/, because the snapshot is written next to the parameters file.
/// </summary>
public sealed class DeploymentSnapshot
{
    public DeploymentSnapshot()
    {
        var copy = Directory.CreateTempSubdirectory("verzuimbot-infra-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(RepoPaths.Infra, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(RepoPaths.Infra, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            Run = BicepCli.RunIn(copy, "snapshot", "example.bicepparam", "--mode", "overwrite");
            var snapshot = Path.Combine(copy, "example.snapshot.json");
            Json = File.Exists(snapshot) ? JsonNode.Parse(File.ReadAllText(snapshot))!.AsObject() : [];
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    internal BicepCli.Result Run { get; }

    public JsonObject Json { get; }

    public IReadOnlyList<JsonObject> Resources => Json["predictedResources"]?.AsArray().OfType<JsonObject>().ToList() ?? [];

    /// <summary>The Web App's app settings in order, name → value (a literal, or the ARM expression of a runtime value).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AppSettings =>
        Assert.Single(Resources, r => r["type"]!.GetValue<string>() == "Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .Select(s => KeyValuePair.Create(s!["name"]!.GetValue<string>(), s["value"]!.GetValue<string>()))
            .ToList();
}
