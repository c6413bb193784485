using System.Text.Json.Nodes;

namespace VerzuimBot.Infra.Tests.Infrastructure;

/// <summary>infra/main.bicep compiled to ARM JSON, with the resources of its modules (nested deployments) flattened.</summary>
public sealed class ArmTemplate
{
    public ArmTemplate()
    {
        var build = BicepCli.Run("build", "main.bicep", "--stdout");
        Build = build;
        Json = build.ExitCode == 0 ? JsonNode.Parse(build.Output)!.AsObject() : [];
        Resources = Json["resources"] is JsonArray top ? Flatten(top).ToList() : [];
    }

    internal BicepCli.Result Build { get; }

    public JsonObject Json { get; }

    public IReadOnlyList<JsonObject> Resources { get; }

    public JsonObject Single(string type) => Assert.Single(Resources, r => r["type"]!.GetValue<string>() == type);

    private static IEnumerable<JsonObject> Flatten(JsonArray resources)
    {
        foreach (var resource in resources.OfType<JsonObject>())
        {
            yield return resource;
            if (resource["properties"]?["template"]?["resources"] is JsonArray nested)
            {
                foreach (var inner in Flatten(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
