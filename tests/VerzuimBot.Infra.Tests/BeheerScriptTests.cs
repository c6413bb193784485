using VerzuimBot.Infra.Tests.Infrastructure;

namespace VerzuimBot.Infra.Tests;

// infra/beheer.sh, run against stand-ins for the Azure CLI and dotnet: the beheer command gets the Web App's own app
// settings, with the pseudonym key read from Key Vault through its reference (never printed, never an argument), and
// without the settings that would make it try the Web App's managed identity on this machine.
public sealed class BeheerScriptTests : IDisposable
{
    private const string SiteId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-verzuimbot/providers/Microsoft.Web/sites/verzuimbot-app";
    private const string Key = "q0Zf3nUxZ3pJ8mY1b2V9c3Rlc3RrZXlub3RyZWFsISE=";
    private readonly ScriptSandbox _sandbox = new();

    public BeheerScriptTests()
    {
        // The app settings infra/ writes (a few), as "az webapp config appsettings list --output tsv" prints them.
        _sandbox.Command("az", $$"""
            printf '%s\n' "$*" >>"$SANDBOX/calls"
            case "$1 $2 $3 $4" in
              "webapp config appsettings list")
                printf 'ASPNETCORE_ENVIRONMENT\tProduction\n'
                printf 'AZURE_CLIENT_ID\taaaaaaaa-0000-0000-0000-0000000000b1\n'
                printf 'TableStorage__TableEndpoint\thttps://verzuimbotabc.table.core.windows.net/\n'
                printf 'Privacy__PseudonymKey\t@Microsoft.KeyVault(SecretUri=https://kvverzuimbot.vault.azure.net/secrets/pseudonym-key/)\n'
                printf 'Tenants__Organisations__0__Name\tDe Voorbeeldschool\n'
                exit 0 ;;
              "keyvault secret show --id")
                [[ "$5" == https://kvverzuimbot.vault.azure.net/secrets/pseudonym-key ]] && echo '{{Key}}' && exit 0 ;;
            esac
            echo "unexpected az call: $*" >&2
            exit 2
            """);

        // dotnet: writes its arguments and the environment it got, for the assertions.
        _sandbox.Command("dotnet", """
            printf '%s\n' "$*" >"$SANDBOX/dotnet-arguments"
            env >"$SANDBOX/dotnet-environment"
            """);
    }

    [Fact]
    public void RunsTheBeheerCommand_WithTheWebAppsSettings_AndTheKeyFromKeyVault()
    {
        var run = Run(("BOT_AZURE_APP_SERVICE_RESOURCE_ID", SiteId), "roster", "import", "leerlingen.csv", "--school", "12AB00", "--type", "VO");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(Path.Combine(_sandbox.Folder, "VerzuimBot.dll") + " beheer roster import leerlingen.csv --school 12AB00 --type VO", File.ReadAllText(Path.Combine(_sandbox.Folder, "dotnet-arguments")).Trim());
        var environment = File.ReadAllLines(Path.Combine(_sandbox.Folder, "dotnet-environment"));
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Production", environment);
        Assert.Contains("TableStorage__TableEndpoint=https://verzuimbotabc.table.core.windows.net/", environment);
        Assert.Contains("Tenants__Organisations__0__Name=De Voorbeeldschool", environment);
        Assert.Contains("Privacy__PseudonymKey=" + Key, environment);
        Assert.DoesNotContain(environment, e => e.StartsWith("AZURE_CLIENT_ID=", StringComparison.Ordinal));
        Assert.Equal($"webapp config appsettings list --ids {SiteId} --query [].[name, value] --output tsv", run.Calls[0]);
        Assert.DoesNotContain(Key, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Calls, c => c.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutTheWebAppsId_ItSaysWhichOutputToSet()
    {
        var run = Run(("BOT_AZURE_APP_SERVICE_RESOURCE_ID", null), "roles", "list");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("BOT_AZURE_APP_SERVICE_RESOURCE_ID", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Calls);
        Assert.False(File.Exists(Path.Combine(_sandbox.Folder, "dotnet-arguments")));
    }

    public void Dispose() => _sandbox.Dispose();

    private ScriptSandbox.Run Run((string Name, string? Value) site, params string[] arguments)
    {
        File.WriteAllText(Path.Combine(_sandbox.Folder, "VerzuimBot.dll"), string.Empty);
        return _sandbox.RunScript("infra/beheer.sh", new Dictionary<string, string?>
        {
            [site.Name] = site.Value,
            ["VERZUIMBOT_HOST_DLL"] = Path.Combine(_sandbox.Folder, "VerzuimBot.dll"),
        }, arguments);
    }
}
