using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VerzuimBot.Infra.Tests.Infrastructure;

namespace VerzuimBot.Infra.Tests;

// issue 18 item 1: infra/ compiles and lints clean offline (any warning fails), and the compiled ARM template has the
// essentials: no shared key, the identity holds Storage Table Data Contributor, the Teams channel, HTTPS only, TLS 1.2,
// the readiness path as health check, no secret in outputs or app settings (the pseudonym key: PseudonymKeyVaultTests).
public sealed partial class InfraTemplateTests(ArmTemplate arm) : IClassFixture<ArmTemplate>
{
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    [Fact]
    public void Build_CompilesWithoutASingleDiagnostic()
    {
        Assert.True(arm.Build.ExitCode == 0, arm.Build.Error);
        Assert.Empty(arm.Build.Diagnostics);
        Assert.NotEmpty(arm.Resources);
    }

    [Theory]
    [InlineData("main.bicep")]
    [InlineData("modules/azurebot.bicep")]
    [InlineData("modules/pseudonymkey.bicep")]
    [InlineData("example.bicepparam")]
    public void Lint_IsClean_WithTheRepositoryRules(string file)
    {
        var lint = BicepCli.Run("lint", file);
        Assert.True(lint.ExitCode == 0 && lint.Diagnostics.Count == 0, $"bicep lint {file}:\n{lint.Output}\n{lint.Error}");
    }

    [Fact]
    public void Linter_IsConfigured_AndCatchesAMisspeltProperty()
    {
        // The rules are ours (infra/bicepconfig.json), and the type library really checks properties: a typo is a warning
        // (BCP089 "did you mean", or BCP037 when nothing is close), and warnings fail the build test above.
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "bicepconfig.json")))!;
        Assert.Equal("error", config["analyzers"]!["core"]!["rules"]!["outputs-should-not-contain-secrets"]!["level"]!.GetValue<string>());
        var broken = Path.Combine(RepoPaths.Infra, $"broken-{Guid.NewGuid():N}.bicep");
        try
        {
            File.WriteAllText(broken, File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.bicep")).Replace("allowSharedKeyAccess: false", "allowSharedKeyAcess: false", StringComparison.Ordinal));
            var build = BicepCli.Run("build", Path.GetFileName(broken), "--stdout");
            Assert.Contains(build.Diagnostics, d => d.Contains("Warning BCP089", StringComparison.Ordinal) && d.Contains("allowSharedKeyAcess", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void ExampleParameters_BuildAgainstTheTemplate()
    {
        var parameters = BicepCli.Run("build-params", "example.bicepparam", "--stdout");
        Assert.True(parameters.ExitCode == 0 && parameters.Diagnostics.Count == 0, parameters.Output + parameters.Error);
    }

    [Fact]
    public void ToolkitParameters_NameOnlyTemplateParameters_AndEveryRequiredOne()
    {
        var template = arm.Json["parameters"]!.AsObject();
        var given = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.parameters.json")))!["parameters"]!.AsObject();
        Assert.All(given, p => Assert.True(template.ContainsKey(p.Key), $"main.parameters.json sets {p.Key}, which main.bicep does not have"));
        var required = template.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        Assert.All(required, name => Assert.True(given.ContainsKey(name), $"main.parameters.json misses the required parameter {name}"));
    }

    [Fact]
    public void Storage_RefusesSharedKeys_AndPlainHttp()
    {
        var storage = arm.Single("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.False(storage["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(storage["defaultToOAuthAuthentication"]!.GetValue<bool>());
        Assert.True(storage["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.False(storage["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", storage["minimumTlsVersion"]!.GetValue<string>());
    }

    [Fact]
    public void TheManagedIdentity_IsStorageTableDataContributor_OnTheAccount()
    {
        var assignment = Assert.Single(arm.Resources, r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments"
            && r["properties"]!["roleDefinitionId"]!.GetValue<string>().Contains("storageTableDataContributor", StringComparison.Ordinal));
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', variables('names').storage)]", assignment["scope"]!.GetValue<string>());
        var properties = assignment["properties"]!;
        Assert.Equal($"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('storageTableDataContributor'))]", properties["roleDefinitionId"]!.GetValue<string>());
        Assert.Equal(StorageTableDataContributor, arm.Json["variables"]!["storageTableDataContributor"]!.GetValue<string>());
        Assert.Matches(@"^\[reference\(resourceId\('Microsoft\.ManagedIdentity/userAssignedIdentities', variables\('names'\)\.identity\), '[0-9-]+'\)\.principalId\]$", properties["principalId"]!.GetValue<string>());
        Assert.Equal("ServicePrincipal", properties["principalType"]!.GetValue<string>());
    }

    [Fact]
    public void AzureBot_IsTheManagedIdentity_SingleTenant_WithOnlyTheTeamsChannel()
    {
        var bot = arm.Single("Microsoft.BotService/botServices");
        Assert.Equal("azurebot", bot["kind"]!.GetValue<string>());
        var properties = bot["properties"]!;
        Assert.Equal("UserAssignedMSI", properties["msaAppType"]!.GetValue<string>());
        Assert.Equal("[parameters('identityClientId')]", properties["msaAppId"]!.GetValue<string>());
        Assert.Equal("[parameters('identityTenantId')]", properties["msaAppTenantId"]!.GetValue<string>());
        Assert.Equal("[parameters('identityResourceId')]", properties["msaAppMSIResourceId"]!.GetValue<string>());

        var module = Assert.Single(arm.Resources, r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == "azurebot")["properties"]!["parameters"]!;
        Assert.Contains("userAssignedIdentities", module["identityClientId"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(".clientId]", module["identityClientId"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("[format('{0}/api/messages', variables('publicUrl'))]", module["endpoint"]!["value"]!.GetValue<string>());

        var channel = arm.Single("Microsoft.BotService/botServices/channels");
        Assert.Equal("MsTeamsChannel", channel["properties"]!["channelName"]!.GetValue<string>());
        Assert.True(channel["properties"]!["properties"]!["isEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public void WebApp_IsHttpsOnly_Tls12_AlwaysOn_DotNet10_WithTheReadinessProbe()
    {
        var site = arm.Single("Microsoft.Web/sites");
        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
        var properties = site["properties"]!;
        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        var config = properties["siteConfig"]!;
        Assert.True(Version.Parse(config["minTlsVersion"]!.GetValue<string>()) >= new Version(1, 2));
        Assert.True(Version.Parse(config["scmMinTlsVersion"]!.GetValue<string>()) >= new Version(1, 2));
        Assert.True(config["alwaysOn"]!.GetValue<bool>());
        Assert.Equal("DOTNETCORE|10.0", config["linuxFxVersion"]!.GetValue<string>());
        Assert.Equal("/healthz/ready", config["healthCheckPath"]!.GetValue<string>());
        Assert.Equal("Disabled", config["ftpsState"]!.GetValue<string>());

        var plan = arm.Single("Microsoft.Web/serverfarms");
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>()); // Linux
        Assert.Equal("[parameters('instanceCount')]", plan["sku"]!["capacity"]!.GetValue<string>()); // scale-out by parameter
    }

    [Fact]
    public void AppSettings_WireEveryProductionKey_FromResources_NeverFromASecret()
    {
        var settings = AppSettings(arm);
        string Value(string name) => Assert.Contains(name, (IDictionary<string, string>)settings);

        Assert.Contains("userAssignedIdentities", Value("Bot__MicrosoftAppId"), StringComparison.Ordinal);
        Assert.EndsWith(".clientId", Value("Bot__MicrosoftAppId"), StringComparison.Ordinal);
        Assert.Equal("'SingleTenant'", Value("Bot__TenantMode"));
        Assert.EndsWith(".tenantId", Value("Bot__TenantId"), StringComparison.Ordinal);
        Assert.Equal("'true'", Value("Bot__UseManagedIdentity"));
        Assert.Equal(Value("Bot__MicrosoftAppId"), Value("Bot__ManagedIdentityClientId"));
        Assert.Equal(Value("Bot__MicrosoftAppId"), Value("AZURE_CLIENT_ID"));
        Assert.EndsWith(".primaryEndpoints.table", Value("TableStorage__TableEndpoint"), StringComparison.Ordinal);
        Assert.Contains("Microsoft.Insights/components", Value("APPLICATIONINSIGHTS_CONNECTION_STRING"), StringComparison.Ordinal);
        Assert.Equal("variables('publicUrl')", Value("Digest__PublicBaseUrl"));
        Assert.Equal("parameters('defaultProfile')", Value("Schools__DefaultProfile"));
        Assert.Equal("'Production'", Value("ASPNETCORE_ENVIRONMENT"));
        Assert.Equal("parameters('defaultHolidayRegion')", Value("Schools__DefaultHolidayRegion"));

        // The lists the host requires (Connector:AllowedServiceUrls, Tenants:Organisations) come from parameters, key by key.
        var variables = arm.Json["variables"]!.ToJsonString();
        Assert.Contains("Connector__AllowedServiceUrls__{0}", variables, StringComparison.Ordinal);
        foreach (var key in new[] { "Id", "Kind", "Name" })
        {
            Assert.Contains("Tenants__Organisations__{0}__" + key, variables, StringComparison.Ordinal);
        }

        // The pseudonym key is a Key Vault reference (PseudonymKeyVaultTests); no other setting comes near a secret.
        Assert.DoesNotContain(settings.Where(s => s.Key != "Privacy__PseudonymKey").Select(s => s.Value), v => v.Contains("list", StringComparison.OrdinalIgnoreCase) || v.Contains("secret", StringComparison.OrdinalIgnoreCase) || v.Contains("password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void NoSecretAnywhere_NoSecureParameter_NoKeyListing_NoSecretOutput()
    {
        var text = arm.Json.ToJsonString();
        Assert.DoesNotContain(arm.Json["parameters"]!.AsObject(), p => p.Value!["type"]!.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotMatch(new Regex(@"\blist[A-Za-z]*\(", RegexOptions.IgnoreCase), text);
        Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);

        var outputs = arm.Json["outputs"]!.AsObject();
        Assert.Equal(["BOT_AZURE_APP_SERVICE_RESOURCE_ID", "BOT_DOMAIN", "BOT_ENDPOINT", "BOT_ID", "KEY_VAULT_NAME", "STORAGE_ACCOUNT_NAME", "TABLE_ENDPOINT"], outputs.Select(o => o.Key).Order());
        Assert.All(outputs, o =>
        {
            Assert.Equal("string", o.Value!["type"]!.GetValue<string>());
            var value = o.Value["value"]!.GetValue<string>();
            Assert.DoesNotContain("ConnectionString", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("InstrumentationKey", value, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void EveryResource_UsesAnApiVersionTheTypeLibraryKnows()
    {
        // BCP081 (unknown API version) and BCP037 (unknown property) would have been diagnostics of the build; this proves
        // the build covered every resource, modules included.
        Assert.All(arm.Resources, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", r["apiVersion"]!.GetValue<string>()));
        Assert.DoesNotContain(arm.Build.Diagnostics, d => d.Contains("BCP081", StringComparison.Ordinal) || d.Contains("BCP037", StringComparison.Ordinal) || d.Contains("BCP089", StringComparison.Ordinal));
    }

    /// <summary>The site's app settings, name → ARM expression of the value (from the compiled concat(createArray(createObject(…))) expression).</summary>
    internal static Dictionary<string, string> AppSettings(ArmTemplate arm)
    {
        var expression = arm.Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.GetValue<string>();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in SettingStart().Matches(expression))
        {
            var start = match.Index + match.Length;
            var depth = 0;
            var end = start;
            for (; end < expression.Length; end++)
            {
                var c = expression[end];
                if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    if (depth == 0)
                    {
                        break;
                    }

                    depth--;
                }
            }

            settings.Add(match.Groups["name"].Value, expression[start..end].Trim());
        }

        return settings;
    }

    [GeneratedRegex(@"createObject\('name', '(?<name>[^']+)', 'value', ", RegexOptions.CultureInvariant)]
    private static partial Regex SettingStart();
}
