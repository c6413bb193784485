namespace VerzuimBot.Infra.Tests.Infrastructure;

/// <summary>Paths in the repository, found by walking up from the test binaries to the folder with VerzuimBot.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VerzuimBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No VerzuimBot.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => LazyRoot.Value;

    public static string Infra => Path.Combine(Root, "infra");

    public static string Of(string relative) => Path.GetFullPath(Path.Combine(Root, relative));
}
