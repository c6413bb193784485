using System.Text.Json.Nodes;
using VerzuimBot.Cards.Tests.Infrastructure;

namespace VerzuimBot.Cards.Tests.Cards;

/// <summary>The templates in cards/ (every *.json that is not *.data.json), read fresh so new cards join the theories.</summary>
internal static class CardCatalog
{
    public const string DataSuffix = ".data.json";

    public static IReadOnlyList<string> TemplateNames() =>
        Directory.EnumerateFiles(RepoPaths.Cards, "*.json")
            .Select(Path.GetFileName).OfType<string>()
            .Where(f => !f.EndsWith(DataSuffix, StringComparison.OrdinalIgnoreCase))
            .Select(f => f[..^".json".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> DataFileNames() =>
        Directory.EnumerateFiles(RepoPaths.Cards, "*" + DataSuffix)
            .Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string TemplatePath(string name) => Path.Combine(RepoPaths.Cards, name + ".json");
    public static string DataPath(string name) => Path.Combine(RepoPaths.Cards, name + DataSuffix);

    public static JsonNode ReadJson(string path) =>
        JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} holds JSON null.");
}
