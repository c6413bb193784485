using System.Diagnostics;
using System.Text.Json.Nodes;

namespace VerzuimBot.Cards.Tests.Infrastructure;

/// <summary>Runs one of our Node scripts (tests/node/...) on a JSON request file and parses its JSON answer.</summary>
internal static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static JsonObject Run(string scriptRelativeToNodeTools, JsonObject request)
    {
        var nodeModules = Path.Combine(RepoPaths.NodeTools, "node_modules");
        if (!Directory.Exists(Path.Combine(nodeModules, "adaptivecards-templating")) || !Directory.Exists(Path.Combine(nodeModules, "@microsoft", "app-manifest")))
            Assert.Fail($"The npm test tools are not installed ({nodeModules} is missing or incomplete). Run tests/test.sh, which runs 'npm ci' in tests/node.");

        var requestFile = Path.Combine(Path.GetTempPath(), $"verzuimbot-cards-{Guid.NewGuid():N}.json");
        File.WriteAllText(requestFile, request.ToJsonString());
        try
        {
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = RepoPaths.NodeTools,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(RepoPaths.NodeTools, scriptRelativeToNodeTools));
            start.ArgumentList.Add(requestFile);

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Assert.Fail($"Cannot start 'node' ({e.Message}). Node.js 20 must be on PATH; see tests/test.sh.");
                throw;
            }
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(Timeout))
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail($"node {scriptRelativeToNodeTools} did not finish within {Timeout.TotalSeconds} s.");
                }
                process.WaitForExit();
                if (process.ExitCode != 0)
                    Assert.Fail($"node {scriptRelativeToNodeTools} exited with {process.ExitCode}: {stderr.Result}");
                return JsonNode.Parse(stdout.Result) as JsonObject
                    ?? throw new InvalidOperationException($"node {scriptRelativeToNodeTools} printed no JSON object.");
            }
        }
        finally
        {
            File.Delete(requestFile);
        }
    }
}
