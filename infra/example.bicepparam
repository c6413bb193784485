// Example parameters for "az deployment group create" (docs/deploy.md, without the toolkit): an SWV with two member
// schools and its kernpartners in one tenant. Copy it, put in your own names and ids, and keep the copy out of the
// repository. The pseudonym key is not here: infra/pseudonym-key.sh puts it in the Key Vault after the deployment.
using 'main.bicep'

param resourceBaseName = 'verzuimbot-swv'
param botDisplayName = 'VerzuimBot'
param appServiceSku = 'P0v3'
param instanceCount = 2
param storageSku = 'Standard_ZRS'
param defaultProfile = 'utrecht-west-vo'
param defaultHolidayRegion = 'midden'
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
    scholen: [
      '12AB00'
      '34CD00'
    ]
  }
  {
    id: 'RBL-VOORBEELD'
    kind: 'Leerplicht'
    name: 'Regionaal Bureau Leerplicht Voorbeeldstad'
    tenantIds: [
      '00000000-0000-0000-0000-000000000000'
    ]
    beheerders: [
      'ict@rbl.voorbeeld.nl'
    ]
    gemeenten: [
      'Voorbeeldstad'
      'Dorpsveen'
    ]
  }
  {
    id: 'GGD-VOORBEELD'
    kind: 'Jeugdgezondheidszorg'
    name: 'GGD Voorbeeldregio'
    tenantIds: [
      '00000000-0000-0000-0000-000000000000'
    ]
    beheerders: [
      'ict@ggd.voorbeeld.nl'
    ]
    scholen: [
      '12AB00'
      '34CD00'
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
    sharePointTenant: 'voorbeeldcollege'
    kernpartners: [
      'SWV-2801'
      'RBL-VOORBEELD'
      'GGD-VOORBEELD'
    ]
  }
  {
    id: '34CD00'
    kind: 'School'
    name: 'Voorbeeldlyceum'
    tenantIds: [
      '00000000-0000-0000-0000-000000000000'
    ]
    beheerders: [
      'ict@voorbeeldlyceum.nl'
    ]
    sharePointTenant: 'voorbeeldlyceum'
    kernpartners: [
      'SWV-2801'
      'RBL-VOORBEELD'
      'GGD-VOORBEELD'
    ]
  }
]
param schools = [
  {
    // A school in region zuid on another protocol, with a study day and the carnaval week as its voorjaarsvakantie.
    brin: '34CD00'
    profile: 'po-vo-verzuimschema'
    holidayRegion: 'zuid'
    studyDays: [
      '2027-03-10'
    ]
    holidays: [
      {
        name: 'Voorjaarsvakantie'
        first: '2027-02-06'
        last: '2027-02-14'
      }
    ]
  }
]
