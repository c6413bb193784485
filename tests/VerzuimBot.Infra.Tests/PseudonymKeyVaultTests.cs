using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VerzuimBot.Infra.Tests.Infrastructure;

namespace VerzuimBot.Infra.Tests;

// Privacy:PseudonymKey (issue 19 item 5: student ids are HMAC-SHA256 under it) in production: a hardened Key Vault holds
// it, the bot's identity may only read it, the app setting is a Key Vault reference resolved as that identity, and the
// template never holds the key itself: no secret resource, no secure parameter, nothing in outputs (infra/pseudonym-key.sh
// puts it in once, PseudonymKeyScriptTests).
public sealed partial class PseudonymKeyVaultTests(ArmTemplate arm) : IClassFixture<ArmTemplate>
{
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    [Fact]
    public void Vault_UsesRbac_WithSoftDeleteAndPurgeProtection_AndNoAccessPolicies()
    {
        var vault = arm.Single("Microsoft.KeyVault/vaults")["properties"]!;
        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(vault["enableSoftDelete"]!.GetValue<bool>());
        Assert.True(vault["enablePurgeProtection"]!.GetValue<bool>());
        Assert.Equal(90, vault["softDeleteRetentionInDays"]!.GetValue<int>());
        Assert.Null(vault["accessPolicies"]);
        Assert.False(vault["enabledForDeployment"]!.GetValue<bool>());
        Assert.False(vault["enabledForTemplateDeployment"]!.GetValue<bool>());
        Assert.Equal("[tenant().tenantId]", vault["tenantId"]!.GetValue<string>());
    }

    [Fact]
    public void TheBotsIdentity_IsKeyVaultSecretsUser_OnTheVault_AndOnlyTheDeployerMaySetSecrets()
    {
        Assert.Equal(KeyVaultSecretsUser, Module()["properties"]!["template"]!["variables"]!["secretsUser"]!.GetValue<string>());
        Assert.Equal(KeyVaultSecretsOfficer, Module()["properties"]!["template"]!["variables"]!["secretsOfficer"]!.GetValue<string>());

        var reader = VaultRole("secretsUser")["properties"]!;
        Assert.Equal("[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('readerIdentityName')), '2024-11-30').principalId]", reader["principalId"]!.GetValue<string>());
        Assert.Equal("ServicePrincipal", reader["principalType"]!.GetValue<string>());
        Assert.Equal("[variables('names').identity]", Module()["properties"]!["parameters"]!["readerIdentityName"]!["value"]!.GetValue<string>());

        Assert.Equal("[deployer().objectId]", VaultRole("secretsOfficer")["properties"]!["principalId"]!.GetValue<string>());
        Assert.Equal(2, arm.Resources.Count(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments" && r["scope"]!.GetValue<string>().Contains("Microsoft.KeyVault/vaults", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheAppSetting_IsAVersionlessKeyVaultReference_ResolvedAsTheBotsIdentity()
    {
        Assert.Equal("reference(resourceId('Microsoft.Resources/deployments', 'pseudonymkey'), '2025-04-01').outputs.keyReference.value", InfraTemplateTests.AppSettings(arm)["Privacy__PseudonymKey"]);
        Assert.Equal(
            "[format('@Microsoft.KeyVault(SecretUri={0}secrets/{1}/)', reference(resourceId('Microsoft.KeyVault/vaults', parameters('vaultName')), '2026-02-01').vaultUri, parameters('secretName'))]",
            Module()["properties"]!["template"]!["outputs"]!["keyReference"]!["value"]!.GetValue<string>());
        Assert.Equal("[variables('pseudonymKeySecretName')]", Module()["properties"]!["parameters"]!["secretName"]!["value"]!.GetValue<string>());

        var site = arm.Single("Microsoft.Web/sites");
        Assert.Equal("[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('names').identity)]", site["properties"]!["keyVaultReferenceIdentity"]!.GetValue<string>());
        Assert.Contains("[resourceId('Microsoft.Resources/deployments', 'pseudonymkey')]", site["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public void TheKey_IsNeverInTheTemplate_NoSecretResource_NoSecureParameter_NoSecretOutput()
    {
        Assert.DoesNotContain(arm.Resources, r => r["type"]!.GetValue<string>().StartsWith("Microsoft.KeyVault/vaults/", StringComparison.Ordinal));
        var module = Module()["properties"]!["template"]!;
        Assert.DoesNotContain(module["parameters"]!.AsObject(), p => p.Value!["type"]!.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["keyReference", "vaultName"], module["outputs"]!.AsObject().Select(o => o.Key).Order());
        Assert.Equal("[reference(resourceId('Microsoft.Resources/deployments', 'pseudonymkey'), '2025-04-01').outputs.vaultName.value]", arm.Json["outputs"]!["KEY_VAULT_NAME"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void TheScript_FillsTheSecretTheTemplateReferences()
    {
        var name = arm.Json["variables"]!["pseudonymKeySecretName"]!.GetValue<string>();
        var script = File.ReadAllText(Path.Combine(RepoPaths.Infra, "pseudonym-key.sh"));
        Assert.Equal(name, SecretNameInScript().Match(script).Groups[1].Value);
    }

    private JsonObject Module() => Assert.Single(arm.Resources, r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == "pseudonymkey");

    private JsonObject VaultRole(string roleVariable) => Assert.Single(arm.Resources, r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments"
        && r["properties"]!["roleDefinitionId"]!.GetValue<string>() == $"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('{roleVariable}'))]"
        && r["scope"]!.GetValue<string>() == "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]");

    [GeneratedRegex(@"^secret=([a-z-]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SecretNameInScript();
}
