// The Key Vault that holds the pseudonym key (Privacy:PseudonymKey: student ids are HMAC-SHA256 under it). Bicep
// creates the vault and who may use it, never the secret: infra/pseudonym-key.sh puts it in once, so no deployment
// parameter, output or history ever holds it, and a later deployment can never replace it (a new key would make every
// stored student unfindable). Soft delete and purge protection keep the key recoverable for 90 days, even after the
// resource group is deleted.

@description('Globally unique vault name: 3-24 letters and digits, starting with a letter.')
@minLength(3)
@maxLength(24)
param vaultName string

param location string

@description('The bot\'s user-assigned managed identity: it reads the key (App Service resolves the Key Vault reference as this identity).')
param readerIdentityName string

@description('Name of the secret; infra/pseudonym-key.sh uses the same name.')
param secretName string

// Built-in roles: "Key Vault Secrets User" reads secret values; "Key Vault Secrets Officer" may also create them.
var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var secretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Azure RBAC instead of access policies: the same role assignments as the storage account.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Irreversible by design: nobody, not even an owner, can purge the key before the 90 days are over.
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForTemplateDeployment: false
    enabledForDiskEncryption: false
    // App Service resolves the reference over the public endpoint (no virtual network in this template); access is by
    // role only.
    publicNetworkAccess: 'Enabled'
  }
}

resource reader 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: readerIdentityName
}

resource botReadsTheKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, reader.id, secretsUser)
  scope: vault
  properties: {
    principalId: reader.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
  }
}

// Whoever deploys (the IT admin, or a pipeline) may put the key in with infra/pseudonym-key.sh right after this
// deployment; they could grant themselves this role anyway (they assign roles above). docs/deploy.md §14 says how to
// take it away afterwards.
resource deployerSetsTheKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, deployer().objectId, secretsOfficer)
  scope: vault
  properties: {
    principalId: deployer().objectId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficer)
  }
}

output vaultName string = vault.name

@description('Versionless: the key is set once, and App Service takes the current version.')
output keyReference string = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${secretName}/)'
