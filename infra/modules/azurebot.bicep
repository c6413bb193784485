// The Azure Bot: its identity is the user-assigned managed identity (UserAssignedMSI, single tenant), its endpoint the
// host's /api/messages, and Microsoft Teams is its only channel (the host refuses every other one too).

@description('Globally unique name of the Azure Bot resource.')
param botName string

param displayName string

@description('https://<host>/api/messages')
param endpoint string

param identityResourceId string
param identityClientId string
param identityTenantId string

@description('F0 is free and covers Teams (a standard channel); S1 is only for premium channels.')
@allowed([
  'F0'
  'S1'
])
param sku string = 'F0'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    disableLocalAuth: false
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output botResourceId string = bot.id
