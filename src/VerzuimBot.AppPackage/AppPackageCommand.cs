using VerzuimBot.AppPackage.Icons;
using VerzuimBot.AppPackage.Packaging;

namespace VerzuimBot.AppPackage;

/// <summary>
/// The command line:
/// <code>
///   VerzuimBot.AppPackage --out artifacts/verzuimbot.zip [--app-id GUID] [--bot-id GUID] [--domain host]
///                         [--privacy-url https://…] [--terms-url https://…] [--manifests dir]
///   VerzuimBot.AppPackage icons [--manifests dir]      (re-draws manifests/color.png and outline.png)
/// </code>
/// Values fall back to VERZUIMBOT_APP_ID, VERZUIMBOT_BOT_ID, VERZUIMBOT_DOMAIN, VERZUIMBOT_PRIVACY_URL and VERZUIMBOT_TERMS_URL. Exit codes: 0 ok,
/// 2 bad or missing configuration (nothing written), 1 the package could not be built.
/// </summary>
internal static class AppPackageCommand
{
    public const int Ok = 0, Failed = 1, Usage = 2;

    public static int Run(string[] args, Func<string, string?> environment, TextWriter output, TextWriter error, string workingDirectory)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var iconsMode = args.Length > 0 && args[0] == "icons";
        for (var i = iconsMode ? 1 : 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is not ("--out" or "--app-id" or "--bot-id" or "--domain" or "--privacy-url" or "--terms-url" or "--manifests") || i + 1 >= args.Length)
            {
                error.WriteLine($"Unknown or incomplete option '{name}'.");
                error.WriteLine("Usage: VerzuimBot.AppPackage --out <zip> [--app-id <guid>] [--bot-id <guid>] [--domain <host>] [--privacy-url <https url>] [--terms-url <https url>] [--manifests <dir>] | icons [--manifests <dir>]");
                return Usage;
            }
            options[name] = args[++i];
        }

        var manifests = options.TryGetValue("--manifests", out var dir) ? Path.GetFullPath(dir, workingDirectory) : FindManifests(workingDirectory);
        if (manifests is null || !Directory.Exists(manifests))
        {
            error.WriteLine($"Cannot find the manifests folder (looked for VerzuimBot.sln above {workingDirectory}); pass --manifests <dir>.");
            return Usage;
        }

        if (iconsMode)
        {
            File.WriteAllBytes(Path.Combine(manifests, "color.png"), PngWriter.Encode(IconPainter.PaintColor()));
            File.WriteAllBytes(Path.Combine(manifests, "outline.png"), PngWriter.Encode(IconPainter.PaintOutline()));
            output.WriteLine($"Wrote color.png ({IconPainter.ColorSize}×{IconPainter.ColorSize}) and outline.png ({IconPainter.OutlineSize}×{IconPainter.OutlineSize}) to {manifests}.");
            return Ok;
        }

        var problems = new List<string>();
        if (!options.TryGetValue("--out", out var outPath)) problems.Add("Missing --out <path of the zip to write>.");
        var settings = PackageSettings.Resolve(options.GetValueOrDefault("--app-id"), options.GetValueOrDefault("--bot-id"), options.GetValueOrDefault("--domain"),
            options.GetValueOrDefault("--privacy-url"), options.GetValueOrDefault("--terms-url"), environment, problems);
        if (settings is null || outPath is null)
        {
            foreach (var problem in problems) error.WriteLine(problem);
            error.WriteLine("No app package was written.");
            return Usage;
        }

        try
        {
            var zip = Path.GetFullPath(outPath, workingDirectory);
            var entries = AppPackageBuilder.Build(manifests, settings, zip);
            output.WriteLine($"Wrote {zip} with {string.Join(", ", entries)}.");
            return Ok;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"The app package could not be built: {e.Message}");
            return Failed;
        }
    }

    private static string? FindManifests(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "VerzuimBot.sln"))) return Path.Combine(d.FullName, "manifests");
        return null;
    }
}
