namespace VerzuimBot.Cards.Tests.Infrastructure;

/// <summary>Paths in the repository, found by walking up from the test binaries to the folder with VerzuimBot.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;
    public static string Cards => Path.Combine(Root, "cards");
    public static string Manifests => Path.Combine(Root, "manifests");
    public static string NodeTools => Path.Combine(Root, "tests", "node");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VerzuimBot.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No VerzuimBot.sln above {AppContext.BaseDirectory}.");
    }
}
