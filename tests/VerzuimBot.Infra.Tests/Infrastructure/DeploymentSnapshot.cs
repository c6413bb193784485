using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace VerzuimBot.Infra.Tests.Infrastructure;

/// <summary>
/// infra/example.bicepparam (or, for a derived fixture, parameters of its own) evaluated offline by "bicep snapshot": the
/// resources a deployment with these parameters would create, with every expression the CLI can evaluate without Azure
/// (parameters, variables, lambdas) evaluated. Runs on a copy of infra/, because the snapshot is written next to the
/// parameters file.
/// </summary>
public class DeploymentSnapshot
{
    public DeploymentSnapshot()
        : this(parameters: null)
    {
    }

    /// <param name="parameters">The text of a .bicepparam file (<c>using 'main.bicep'</c>); null: infra/example.bicepparam.</param>
    protected DeploymentSnapshot(string? parameters)
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

            var name = parameters is null ? "example" : "test";
            if (parameters is not null)
            {
                File.WriteAllText(Path.Combine(copy, name + ".bicepparam"), parameters);
            }

            Run = BicepCli.RunIn(copy, "snapshot", name + ".bicepparam", "--mode", "overwrite");
            var snapshot = Path.Combine(copy, name + ".snapshot.json");
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

    /// <summary>The CLI evaluated the parameters against the template without an error, warning or diagnostic.</summary>
    public void AssertEvaluatedCleanly()
    {
        Assert.True(Run.ExitCode == 0 && Run.Diagnostics.Count == 0, Run.Output + Run.Error);
        Assert.Empty(Json["diagnostics"]!.AsArray());
    }

    /// <summary>The app settings whose name starts with <paramref name="prefix"/>, name → value.</summary>
    public Dictionary<string, string> AppSettingsStartingWith(string prefix) =>
        AppSettings.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

    /// <summary>
    /// App settings as the host reads them: App Service passes each as an environment variable, and .NET's environment
    /// variable provider turns <c>__</c> into the key delimiter <c>:</c>.
    /// </summary>
    public static IConfiguration HostConfiguration(IEnumerable<KeyValuePair<string, string>> appSettings) =>
        new ConfigurationBuilder().AddInMemoryCollection(appSettings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)s.Value))).Build();
}
