using System.Diagnostics;

namespace VerzuimBot.Infra.Tests.Infrastructure;

/// <summary>
/// Runs one of infra/'s bash scripts with stand-ins for the commands it calls (az, dotnet) first on PATH, a private
/// TMPDIR, and every call of a stand-in appended to <c>calls</c> in <see cref="Folder"/> (each stand-in does that itself).
/// </summary>
internal sealed class ScriptSandbox : IDisposable
{
    public ScriptSandbox()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "bin"));
        Directory.CreateDirectory(Temp);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("verzuimbot-script-").FullName;

    public string Temp => Path.Combine(Folder, "tmp");

    public sealed record Run(int ExitCode, string Output, string Error, IReadOnlyList<string> Calls);

    /// <summary>A stand-in for <paramref name="command"/>: a bash script that finds this sandbox in $SANDBOX.</summary>
    public void Command(string command, string script)
    {
        var path = Path.Combine(Folder, "bin", command);
        File.WriteAllText(path, "#!/usr/bin/env bash\n" + script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public Run RunScript(string script, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepoPaths.Of(script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = Path.Combine(Folder, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["TMPDIR"] = Temp;
        start.Environment["SANDBOX"] = Folder;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
            if (value is null)
            {
                start.Environment.Remove(name);
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), $"{script} did not finish");
        process.WaitForExit();
        var log = Path.Combine(Folder, "calls");
        return new Run(process.ExitCode, output.Result, error.Result, File.Exists(log) ? File.ReadAllLines(log) : []);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
