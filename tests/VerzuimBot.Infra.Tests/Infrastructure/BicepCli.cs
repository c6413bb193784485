using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace VerzuimBot.Infra.Tests.Infrastructure;

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package this project downloads (PackageDownload), run offline:
/// its bundled type library knows every Azure resource type, API version and property.
/// </summary>
internal static partial class BicepCli
{
    public const string Version = "0.49.2";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Every "Warning …" or "Error …" line the compiler or linter printed.</summary>
        public IReadOnlyList<string> Diagnostics => (Output + "\n" + Error).Split('\n').Where(l => DiagnosticLine().IsMatch(l)).Select(l => l.Trim()).ToList();
    }

    public static Result Run(params string[] args) => RunIn(RepoPaths.Infra, args);

    /// <summary>Runs bicep in <paramref name="directory"/> (e.g. a copy of infra/ for commands that write next to their input).</summary>
    public static Result RunIn(string directory, params string[] args)
    {
        var start = new ProcessStartInfo(Binary()) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Offline and quiet: no telemetry, no check for a newer version.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bicep {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s.");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    private static string Binary()
    {
        var packages = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
        var binary = Path.Combine(packages, "azure.bicep.commandline.linux-x64", Version, "tools", "bicep");
        Assert.True(File.Exists(binary), $"The Bicep CLI is missing at {binary}: run 'dotnet restore' for tests/VerzuimBot.Infra.Tests.");

        // NuGet does not keep the executable bit of a package's files (the package is for Linux only).
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(binary).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return binary;
    }

    [GeneratedRegex(@"\b(Warning|Error) [A-Za-z0-9-]+:", RegexOptions.CultureInvariant)]
    private static partial Regex DiagnosticLine();
}
