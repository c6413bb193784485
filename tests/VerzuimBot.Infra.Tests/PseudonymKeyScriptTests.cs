using System.Diagnostics;
using VerzuimBot.Infra.Tests.Infrastructure;

namespace VerzuimBot.Infra.Tests;

// infra/pseudonym-key.sh, run against a stand-in for the Azure CLI that records every call: the key is generated once
// (32 random bytes, base64), handed to Key Vault through a private file, never printed or passed as an argument, never
// replaced when it is there, recovered rather than re-created when it was deleted, and the Web App is told to resolve its
// reference again. The real Key Vault is not touched (docs/deploy.md §15 says what was not tried).
public sealed class PseudonymKeyScriptTests : IDisposable
{
    private const string SiteId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-verzuimbot/providers/Microsoft.Web/sites/verzuimbot-app";
    private readonly string _work = Directory.CreateTempSubdirectory("verzuimbot-keyscript-").FullName;

    public PseudonymKeyScriptTests()
    {
        Directory.CreateDirectory(Path.Combine(_work, "bin"));
        Directory.CreateDirectory(Path.Combine(_work, "tmp"));
        var az = Path.Combine(_work, "bin", "az");
        File.WriteAllText(az, FakeAzureCli);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void NoKeyYet_StoresOne32ByteKey_ThatNobodySees_AndRefreshesTheReference()
    {
        var run = RunScript("missing");

        Assert.True(run.ExitCode == 0, run.Error);
        var stored = File.ReadAllText(Path.Combine(_work, "stored"));
        Assert.Equal(32, Convert.FromBase64String(stored).Length);
        Assert.Single(run.Calls, c => c.StartsWith("keyvault secret set --vault-name kvverzuimbot --name pseudonym-key --file ", StringComparison.Ordinal));
        Assert.DoesNotContain(stored, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Calls, c => c.Contains(stored, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_work, "tmp"))); // the private key file is gone
        Assert.Equal("0600", File.ReadAllText(Path.Combine(_work, "stored-mode")).Trim());
        Assert.Equal($"rest --method post --url {SiteId}/config/configreferences/appsettings/refresh?api-version=2022-03-01 --output none", run.Calls[^1]);
    }

    [Fact]
    public void KeyAlreadyThere_IsLeftAlone_AndTheReferenceIsRefreshed()
    {
        var run = RunScript("exists");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("keyvault secret set", StringComparison.Ordinal));
        Assert.Contains("already in Key Vault kvverzuimbot; it stays as it is", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("rest --method post", run.Calls[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void ADeletedKey_IsNotReplaced_TheAdminIsToldToRecoverIt()
    {
        var run = RunScript("deleted");

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("keyvault secret set", StringComparison.Ordinal) || c.StartsWith("rest", StringComparison.Ordinal));
        Assert.Contains("az keyvault secret recover --vault-name kvverzuimbot --name pseudonym-key", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ARoleThatIsNotThereYet_IsWaitedFor_ThenTheKeyIsStoredOnce()
    {
        var run = RunScript("missing", forbiddenAnswers: 2, attempts: 5);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(3, run.Calls.Count(c => c.StartsWith("keyvault secret list ", StringComparison.Ordinal)));
        Assert.Single(run.Calls, c => c.StartsWith("keyvault secret set", StringComparison.Ordinal));
        Assert.Contains("does not let this account in yet", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NoAccessAtAll_StopsWithoutWriting_AndSaysWhatToDo()
    {
        var run = RunScript("missing", forbiddenAnswers: 10, attempts: 2);

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("keyvault secret set", StringComparison.Ordinal) || c.StartsWith("rest", StringComparison.Ordinal));
        Assert.Contains("Key Vault Secrets Officer", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheTemplatesOutputs_ItNamesTheMissingOne()
    {
        var run = RunScript("missing", vault: null);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("KEY_VAULT_NAME", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Calls);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private sealed record ScriptRun(int ExitCode, string Output, string Error, IReadOnlyList<string> Calls);

    private ScriptRun RunScript(string secret, int forbiddenAnswers = 0, int attempts = 3, string? vault = "kvverzuimbot")
    {
        File.WriteAllText(Path.Combine(_work, "forbidden"), forbiddenAnswers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Infra, "pseudonym-key.sh"));
        start.Environment["PATH"] = Path.Combine(_work, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["TMPDIR"] = Path.Combine(_work, "tmp");
        start.Environment["FAKE_AZ_DIR"] = _work;
        start.Environment["FAKE_AZ_SECRET"] = secret;
        start.Environment["PSEUDONYM_KEY_ATTEMPTS"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PSEUDONYM_KEY_WAIT_SECONDS"] = "0";
        start.Environment["BOT_AZURE_APP_SERVICE_RESOURCE_ID"] = SiteId;
        start.Environment.Remove("KEY_VAULT_NAME");
        if (vault is not null)
        {
            start.Environment["KEY_VAULT_NAME"] = vault;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the script did not finish");
        process.WaitForExit();
        var log = Path.Combine(_work, "calls");
        return new ScriptRun(process.ExitCode, output.Result, error.Result, File.Exists(log) ? File.ReadAllLines(log) : []);
    }

    // The Azure CLI as the script uses it: "secret list" answers Forbidden as often as the file "forbidden" says, then
    // lists the secret when FAKE_AZ_SECRET=exists; "list-deleted" lists it when FAKE_AZ_SECRET=deleted; "secret set" keeps
    // the file it was given (and its mode); "rest" succeeds. Anything else is an unexpected call.
    private const string FakeAzureCli = """
        #!/usr/bin/env bash
        printf '%s\n' "$*" >>"$FAKE_AZ_DIR/calls"
        case "$1 $2 $3" in
          "keyvault secret list")
            left="$(cat "$FAKE_AZ_DIR/forbidden")"
            if ((left > 0)); then
              echo $((left - 1)) >"$FAKE_AZ_DIR/forbidden"
              echo "ERROR: (Forbidden) Caller is not authorized to perform action on resource. Code: Forbidden" >&2
              exit 1
            fi
            [[ "$FAKE_AZ_SECRET" == exists ]] && echo pseudonym-key
            exit 0 ;;
          "keyvault secret list-deleted")
            [[ "$FAKE_AZ_SECRET" == deleted ]] && echo pseudonym-key
            exit 0 ;;
          "keyvault secret set")
            while (($#)); do
              if [[ "$1" == --file ]]; then cp "$2" "$FAKE_AZ_DIR/stored"; stat -c %a "$2" | sed 's/^/0/' >"$FAKE_AZ_DIR/stored-mode"; fi
              shift
            done
            exit 0 ;;
          "rest --method post") exit 0 ;;
        esac
        echo "unexpected az call: $*" >&2
        exit 2
        """;
}
