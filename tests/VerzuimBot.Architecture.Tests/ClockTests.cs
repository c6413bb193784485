using System.Text.RegularExpressions;

namespace VerzuimBot.Architecture.Tests;

// style-anchors §6–§7: time only through an injected TimeProvider, so every rule can be tried on a given day.
public partial class ClockTests
{
    [Fact]
    public void ProductCode_NeverReadsTheSystemClockDirectly()
    {
        var src = Path.Combine(RepoRoot(), "src");
        var offending = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => SystemClock().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(src, l.File)}:{l.Line}")
            .ToList();
        Assert.True(offending.Count == 0, $"The system clock is read directly (use TimeProvider) at {string.Join(", ", offending)}");
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

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Utc)?Now\b", RegexOptions.None, 100)]
    private static partial Regex SystemClock();
}
