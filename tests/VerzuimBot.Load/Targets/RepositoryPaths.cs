namespace VerzuimBot.Load.Targets;

/// <summary>Where the repository's parts are, found from the tool's own folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string NodeTools => Path.Combine(Root, "tests", "node");

    public static string DefaultScenarios => Path.Combine(Root, "tests", "VerzuimBot.Load", "scenarios");

    /// <summary>The host built in the same configuration as this tool.</summary>
    public static string DefaultHostDll =>
#if DEBUG
        Path.Combine(Root, "src", "VerzuimBot", "bin", "Debug", "net10.0", "VerzuimBot.dll");
#else
        Path.Combine(Root, "src", "VerzuimBot", "bin", "Release", "net10.0", "VerzuimBot.dll");
#endif

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VerzuimBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("VerzuimBot.sln not found above " + AppContext.BaseDirectory);
    }
}
