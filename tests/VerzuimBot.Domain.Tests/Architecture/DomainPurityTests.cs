using System.Text.RegularExpressions;
using VerzuimBot.Domain.Rules;

namespace VerzuimBot.Domain.Tests.Architecture;

// style-anchors §6.2: the domain references nothing that does I/O; time only through TimeProvider.
public class DomainPurityTests
{
    [Fact]
    public void DomainAssembly_ReferencesOnlyTheBaseClassLibrary()
    {
        var references = typeof(ProtocolEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(name is "System.Runtime" or "System.Collections" or "System.Linq" or "System.Text.Json" or "System.Memory" or "System.Runtime.InteropServices" or "System.Collections.Concurrent" or "System.Threading" or "System.Text.RegularExpressions" || name.StartsWith("System.Runtime.", StringComparison.Ordinal), $"Domain references {name}"));
        Assert.DoesNotContain(references, name => name.Contains("Net.Http", StringComparison.Ordinal) || name.StartsWith("Azure", StringComparison.Ordinal) || name.Contains("AspNetCore", StringComparison.Ordinal) || name.Contains("Sqlite", StringComparison.Ordinal));
    }

    [Fact]
    public void ProductCode_NeverReadsTheSystemClockDirectly()
    {
        var src = Path.Combine(RepoRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"DateTime(Offset)?\.(Utc)?Now\b"))
            .ToList();
        Assert.Empty(offenders);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VerzuimBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("VerzuimBot.sln not found above the test output.");
    }
}
