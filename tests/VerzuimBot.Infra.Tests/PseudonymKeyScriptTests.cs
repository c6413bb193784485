using System.Globalization;
using VerzuimBot.Infra.Tests.Infrastructure;

namespace VerzuimBot.Infra.Tests;

// infra/pseudonym-key.sh, run against a stand-in for the Azure CLI that records every call: the key is generated once
// (32 random bytes, base64), handed to Key Vault through a private file, never printed or passed as an argument, never
// replaced when it is there, recovered rather than re-created when it was deleted, and the Web App is told to resolve its
// reference again. The real Key Vault is not touched (docs/deploy.md §16 says what was not tried).
public sealed class PseudonymKeyScriptTests : IDisposable
{
    private const string SiteId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-verzuimbot/providers/Microsoft.Web/sites/verzuimbot-app";
    private readonly ScriptSandbox _sandbox = new();

    public PseudonymKeyScriptTests() => _sandbox.Command("az", FakeAzureCli);

    [Fact]
    public void NoKeyYet_StoresOne32ByteKey_ThatNobodySees_AndRefreshesTheReference()
    {
        var run = RunScript("missing");

        Assert.True(run.ExitCode == 0, run.Error);
        var stored = File.ReadAllText(Path.Combine(_sandbox.Folder, "stored"));
        Assert.Equal(32, Convert.FromBase64String(stored).Length);
        Assert.Single(run.Calls, c => c.StartsWith("keyvault secret set --vault-name kvverzuimbot --name pseudonym-key --file ", StringComparison.Ordinal));
        Assert.DoesNotContain(stored, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Calls, c => c.Contains(stored, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_sandbox.Temp)); // the private key file is gone
        Assert.Equal("0600", File.ReadAllText(Path.Combine(_sandbox.Folder, "stored-mode")).Trim());
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

    public void Dispose() => _sandbox.Dispose();

    private ScriptSandbox.Run RunScript(string secret, int forbiddenAnswers = 0, int attempts = 3, string? vault = "kvverzuimbot")
    {
        File.WriteAllText(Path.Combine(_sandbox.Folder, "forbidden"), forbiddenAnswers.ToString(CultureInfo.InvariantCulture));
        return _sandbox.RunScript("infra/pseudonym-key.sh", new Dictionary<string, string?>
        {
            ["FAKE_AZ_SECRET"] = secret,
            ["PSEUDONYM_KEY_ATTEMPTS"] = attempts.ToString(CultureInfo.InvariantCulture),
            ["PSEUDONYM_KEY_WAIT_SECONDS"] = "0",
            ["BOT_AZURE_APP_SERVICE_RESOURCE_ID"] = SiteId,
            ["KEY_VAULT_NAME"] = vault,
        });
    }

    // The Azure CLI as the script uses it: "secret list" answers Forbidden as often as the file "forbidden" says, then
    // lists the secret when FAKE_AZ_SECRET=exists; "list-deleted" lists it when FAKE_AZ_SECRET=deleted; "secret set" keeps
    // the file it was given (and its mode); "rest" succeeds. Anything else is an unexpected call.
    private const string FakeAzureCli = """
        printf '%s\n' "$*" >>"$SANDBOX/calls"
        case "$1 $2 $3" in
          "keyvault secret list")
            left="$(cat "$SANDBOX/forbidden")"
            if ((left > 0)); then
              echo $((left - 1)) >"$SANDBOX/forbidden"
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
              if [[ "$1" == --file ]]; then cp "$2" "$SANDBOX/stored"; stat -c %a "$2" | sed 's/^/0/' >"$SANDBOX/stored-mode"; fi
              shift
            done
            exit 0 ;;
          "rest --method post") exit 0 ;;
        esac
        echo "unexpected az call: $*" >&2
        exit 2
        """;
}
