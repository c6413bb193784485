using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace VerzuimBot.AppPackage.Packaging;

/// <summary>
/// Builds the Teams app package: manifest.json, the icons and the localization files it names, all at the zip root.
/// The zip is written to a temporary file first, so a failure never leaves a half-written package behind.
/// </summary>
internal static class AppPackageBuilder
{
    // Fixed entry time: the same inputs give the same zip.
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> Build(string manifestsDirectory, PackageSettings settings, string outputZip)
    {
        var manifestPath = Path.Combine(manifestsDirectory, "manifest.json");
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"No manifest.json in {manifestsDirectory}.", manifestPath);

        var manifestText = ManifestRenderer.Render("manifest.json", File.ReadAllText(manifestPath), settings);
        var manifest = JsonNode.Parse(manifestText)!.AsObject();
        var entries = new List<(string Name, byte[] Content)> { ("manifest.json", Encoding.UTF8.GetBytes(manifestText)) };

        foreach (var icon in new[] { manifest["icons"]?["color"], manifest["icons"]?["outline"] })
        {
            var name = RootFileName(icon, "icons");
            entries.Add((name, File.ReadAllBytes(ExistingFile(manifestsDirectory, name))));
        }
        foreach (var language in manifest["localizationInfo"]?["additionalLanguages"]?.AsArray() ?? [])
        {
            var name = RootFileName(language?["file"], "localizationInfo.additionalLanguages[].file");
            var text = ManifestRenderer.Render(name, File.ReadAllText(ExistingFile(manifestsDirectory, name)), settings);
            entries.Add((name, Encoding.UTF8.GetBytes(text)));
        }

        var fullOutput = Path.GetFullPath(outputZip);
        Directory.CreateDirectory(Path.GetDirectoryName(fullOutput)!);
        var temporary = fullOutput + ".tmp";
        try
        {
            using (var zip = new ZipArchive(File.Create(temporary), ZipArchiveMode.Create))
            {
                foreach (var (name, content) in entries)
                {
                    var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                    entry.LastWriteTime = EntryTime;
                    using var stream = entry.Open();
                    stream.Write(content);
                }
            }
            File.Move(temporary, fullOutput, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return entries.Select(e => e.Name).ToList();
    }

    // Teams resolves these paths inside the package; we keep every file at the root.
    private static string RootFileName(JsonNode? value, string field)
    {
        var name = value?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(name) || name != Path.GetFileName(name))
            throw new InvalidDataException($"manifest.json {field} must name a file at the package root (got '{name}').");
        return name;
    }

    private static string ExistingFile(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"manifest.json names {name}, but {path} does not exist.", path);
    }
}
