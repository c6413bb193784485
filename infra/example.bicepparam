// Example parameters for "az deployment group create" (docs/deploy.md, without the toolkit): an SWV with two member
// schools in one tenant. Copy it, put in your own names and ids, and keep the copy out of the repository.
using 'main.bicep'

param resourceBaseName = 'verzuimbot-swv'
param botDisplayName = 'VerzuimBot'
param appServiceSku = 'P0v3'
param instanceCount = 2
param storageSku = 'Standard_ZRS'
param organisations = [
  {
    id: 'SWV-2801'
    kind: 'Swv'
    name: 'Samenwerkingsverband VO Voorbeeldstad'
    tenantIds: [
      '00000000-0000-0000-0000-000000000000'
    ]
    beheerders: [
      'beheer@swv.voorbeeld.nl'
    ]
  }
  {
    id: '12AB00'
    kind: 'School'
    name: 'Voorbeeldcollege'
    tenantIds: [
      '00000000-0000-0000-0000-000000000000'
    ]
    beheerders: [
      'ict@voorbeeldcollege.nl'
    ]
  }
]
