// VerzuimBot in one resource group: the host on Linux App Service (.NET 10), a user-assigned managed identity that is
// both the bot's Entra identity (Azure Bot, UserAssignedMSI, single tenant) and the storage identity (tables with
// Entra auth only), the Azure Bot with the Microsoft Teams channel, and Log Analytics + Application Insights.
// The one secret, the pseudonym key behind student ids, lives in a Key Vault (modules/pseudonymkey.bicep) that this
// template creates but never fills: infra/pseudonym-key.sh puts the key in once, and the app setting is a Key Vault
// reference resolved by the managed identity. Nothing else is secret: the bot authenticates with its managed identity,
// storage refuses shared keys.
// Build and lint offline: tests/VerzuimBot.Infra.Tests (Bicep CLI from NuGet). Guide: docs/deploy.md.
targetScope = 'resourceGroup'

@description('Short lower-case name every resource name starts with, e.g. verzuimbot-swvutrecht.')
@minLength(3)
@maxLength(20)
param resourceBaseName string

@description('Azure region of the host, storage and monitoring (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('Name people see for the bot in the Azure portal.')
@maxLength(42)
param botDisplayName string = 'VerzuimBot'

@description('App Service plan size. B1 suits a school; an SWV with many schools takes P0v3 and two instances.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param appServiceSku string = 'B1'

@description('Instances of the host. Several share one storage account safely (reminders are claimed with ETags).')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Storage redundancy: LRS (three copies in one datacentre) or ZRS (three zones).')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param storageSku string = 'Standard_LRS'

@description('Days Log Analytics keeps logs and traces.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Daily cap on log ingestion in GB (-1: none); keeps the monitoring bill bounded.')
param logDailyCapGb int = 1

@description('Public https address of the bot when it has a custom domain; empty: the App Service default host name.')
param publicBaseUrl string = ''

@description('Teams serviceUrls the bot may call before any activity came in on an instance (after a restart, on a new instance).')
param allowedServiceUrls array = [
  'https://smba.trafficmanager.net/emea/'
]

@description('Protocol profile of every school without one of its own (schools[].profile): its steps, deadlines and bewaartermijn.')
@allowed([
  'utrecht-west-vo'
  'po-vo-verzuimschema'
  'veluwe-zeeluwe'
  'mazl-landelijk'
])
param defaultProfile string = 'utrecht-west-vo'

@description('Holiday region of every school without one of its own (schools[].holidayRegion); the region is the school\'s, not the profile\'s.')
@allowed([
  'noord'
  'midden'
  'zuid'
])
param defaultHolidayRegion string = 'midden'

@description('Organisations that may use the bot (Tenants:Organisations[], docs/deploy.md §6): [{ id (a school: its BRIN), kind (School|Leerplicht|Jeugdgezondheidszorg|Swv|LokaalTeam), name, tenantIds: [], beheerders: [], a school: sharePointTenant and kernpartners: [organisation ids], a kernpartner: scholen: [BRIN] and/or gemeenten: [] }]. The host checks them when it starts.')
param organisations array

@description('Schools that differ from the defaults (Schools:Items:<BRIN>): [{ brin, profile, holidayRegion (noord|midden|zuid), studyDays: [yyyy-MM-dd], holidays: [{ name (Herfstvakantie|Voorjaarsvakantie), first, last }], absenceImport: { siteId, folder, driveId, mapping } }], each field optional but brin. absenceImport switches the nightly absence import from the school\'s SharePoint folder on (Schools:Items:<BRIN>:AbsenceImport:Nightly, docs/absence-import.md): siteId (the site\'s Graph id) and folder (its path in the library) together, driveId (default: the site\'s own Documents) and mapping (magister|somtoday|parnassys; default AbsenceImport:Mapping) optional. The bot\'s identity needs Sites.Selected and read on that site (docs/deploy.md §6).')
param schools array = []

@description('Amsterdam time of the nightly absence import for every school with schools[].absenceImport, HH:mm (AbsenceImport:NightlyAt); empty: the host\'s default, 02:30 (after the retention run at 02:00).')
param absenceImportNightlyAt string = ''

var names = {
  identity: '${resourceBaseName}-id'
  plan: '${resourceBaseName}-plan'
  site: '${resourceBaseName}-app'
  bot: resourceBaseName
  workspace: '${resourceBaseName}-logs'
  insights: '${resourceBaseName}-insights'
  // Key Vault names: 3-24 letters, digits and dashes, starting with a letter, globally unique (also for 90 days after
  // deletion: purge protection).
  vault: take('kv${replace(resourceBaseName, '-', '')}${uniqueString(resourceGroup().id)}', 24)
  // Storage account names: 3-24 lower-case letters and digits, globally unique.
  storage: take('${replace(resourceBaseName, '-', '')}${uniqueString(resourceGroup().id)}', 24)
}

// Built-in role "Storage Table Data Contributor": read, write and delete table entities (and create tables).
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// The secret's name in the vault; infra/pseudonym-key.sh puts the key in under the same name.
var pseudonymKeySecretName = 'pseudonym-key'

var hostName = '${names.site}.azurewebsites.net'
var publicUrl = empty(publicBaseUrl) ? 'https://${hostName}' : publicBaseUrl

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: names.workspace
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    workspaceCapping: {
      dailyQuotaGb: logDailyCapGb
    }
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Client IP addresses are not stored.
    DisableIpMasking: false
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' = {
  name: names.storage
  location: location
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    // Entra ID (the managed identity) only: no account key, no SAS signed with it.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-09-01' = {
  parent: storage
  name: 'default'
}

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: names.plan
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

// Tenants:Organisations[] as app settings: Tenants__Organisations__<i>__Id, …__SharePointTenant, …__TenantIds__<j>, ….
// Optional fields are written only when given; the parameter's names map onto the host's keys one by one.
var organisationScalars = [
  { key: 'sharePointTenant', setting: 'SharePointTenant' }
]
var organisationLists = [
  { key: 'tenantIds', setting: 'TenantIds' }
  { key: 'beheerders', setting: 'Beheerders' }
  { key: 'scholen', setting: 'Scholen' }
  { key: 'gemeenten', setting: 'Gemeenten' }
  { key: 'kernpartners', setting: 'Kernpartners' }
]
var organisationSettings = flatten(map(range(0, length(organisations)), i => concat(
  [
    { name: 'Tenants__Organisations__${i}__Id', value: organisations[i].id }
    { name: 'Tenants__Organisations__${i}__Kind', value: organisations[i].kind }
    { name: 'Tenants__Organisations__${i}__Name', value: organisations[i].name }
  ],
  flatten(map(organisationScalars, f => empty(organisations[i][?f.key] ?? '') ? [] : [
    { name: 'Tenants__Organisations__${i}__${f.setting}', value: organisations[i][f.key] }
  ])),
  flatten(map(organisationLists, f => map(range(0, length(organisations[i][?f.key] ?? [])), j => {
    name: 'Tenants__Organisations__${i}__${f.setting}__${j}'
    value: organisations[i][f.key][j]
  })))
)))

// Schools:Items:<BRIN> as app settings: Schools__Items__<BRIN>__HolidayRegion, …__StudyDays__<j>, …__Holidays__<j>__First,
// …__AbsenceImport__Nightly__SiteId. A scalar is written only when given (the host checks that SiteId and Folder come together).
var schoolScalars = [
  { key: 'profile', setting: 'Profile' }
  { key: 'holidayRegion', setting: 'HolidayRegion' }
]
var nightlyImportFields = [
  { key: 'siteId', setting: 'SiteId' }
  { key: 'folder', setting: 'Folder' }
  { key: 'driveId', setting: 'DriveId' }
  { key: 'mapping', setting: 'Mapping' }
]
var holidayFields = [
  { key: 'name', setting: 'Name' }
  { key: 'first', setting: 'First' }
  { key: 'last', setting: 'Last' }
]
var schoolSettings = flatten(map(schools, school => concat(
  flatten(map(
    concat(
      map(schoolScalars, f => { setting: f.setting, value: school[?f.key] }),
      map(nightlyImportFields, f => { setting: 'AbsenceImport__Nightly__${f.setting}', value: school.?absenceImport[?f.key] })
    ),
    s => empty(s.value ?? '') ? [] : [{ name: 'Schools__Items__${school.brin}__${s.setting}', value: s.value }]
  )),
  map(range(0, length(school.?studyDays ?? [])), j => { name: 'Schools__Items__${school.brin}__StudyDays__${j}', value: school.studyDays[j] }),
  flatten(map(range(0, length(school.?holidays ?? [])), j => map(holidayFields, f => {
    name: 'Schools__Items__${school.brin}__Holidays__${j}__${f.setting}'
    value: school.holidays[j][f.key]
  })))
)))

// Only when given: otherwise the host's own default run time holds.
var nightlyImportSettings = empty(absenceImportNightlyAt) ? [] : [{ name: 'AbsenceImport__NightlyAt', value: absenceImportNightlyAt }]

var serviceUrlSettings = map(range(0, length(allowedServiceUrls)), i => { name: 'Connector__AllowedServiceUrls__${i}', value: allowedServiceUrls[i] })

module pseudonymKey 'modules/pseudonymkey.bicep' = {
  name: 'pseudonymkey'
  params: {
    vaultName: names.vault
    location: location
    readerIdentityName: identity.name
    secretName: pseudonymKeySecretName
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: names.site
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    // Key Vault references are resolved as the bot's identity (the site has no system-assigned one).
    keyVaultReferenceIdentity: identity.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // An instance whose store or signing keys are not ready gets no traffic (and is replaced if it stays so).
      healthCheckPath: '/healthz/ready'
      appSettings: concat(
        [
          { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
          { name: 'Bot__MicrosoftAppId', value: identity.properties.clientId }
          { name: 'Bot__TenantMode', value: 'SingleTenant' }
          { name: 'Bot__TenantId', value: identity.properties.tenantId }
          { name: 'Bot__UseManagedIdentity', value: 'true' }
          { name: 'Bot__ManagedIdentityClientId', value: identity.properties.clientId }
          // DefaultAzureCredential (table storage) picks the user-assigned identity by this client id.
          { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
          { name: 'TableStorage__TableEndpoint', value: storage.properties.primaryEndpoints.table }
          { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
          { name: 'Digest__PublicBaseUrl', value: publicUrl }
          // A Key Vault reference, not the key: App Service resolves it when the app starts (docs/deploy.md §3c).
          { name: 'Privacy__PseudonymKey', value: pseudonymKey.outputs.keyReference }
          { name: 'Schools__DefaultProfile', value: defaultProfile }
          { name: 'Schools__DefaultHolidayRegion', value: defaultHolidayRegion }
        ],
        serviceUrlSettings,
        organisationSettings,
        schoolSettings,
        nightlyImportSettings
      )
    }
  }
}

resource noFtpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

module bot 'modules/azurebot.bicep' = {
  name: 'azurebot'
  params: {
    botName: names.bot
    displayName: botDisplayName
    endpoint: '${publicUrl}/api/messages'
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    identityTenantId: identity.properties.tenantId
  }
}

// Read by m365agents.yml (the toolkit writes each output into env/.env.<environment>) and by docs/deploy.md.
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = replace(publicUrl, 'https://', '')
output BOT_ENDPOINT string = publicUrl
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = site.id
output TABLE_ENDPOINT string = storage.properties.primaryEndpoints.table
output STORAGE_ACCOUNT_NAME string = storage.name
output KEY_VAULT_NAME string = pseudonymKey.outputs.vaultName
