// Example parameters for "az deployment group create" (docs/deploy.md, without the toolkit): an SWV with two member
// schools and its kernpartners in one tenant, one school importing its absences nightly from SharePoint. Copy it, put in
// your own names and ids, and keep the copy out of the repository. The pseudonym key is not here: infra/pseudonym-key.sh
// puts it in the Key Vault after the deployment.
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
// When the nightly absence import (schools[].absenceImport below) runs, Amsterdam time; without this line at 02:30.
// param absenceImportNightlyAt = '03:00'
param schools = [
  {
    // The nightly absence import (docs/absence-import.md): every night the bot imports the new exports in this folder of
    // the school's SharePoint site. Leave absenceImport out to keep it off. The bot's identity needs Sites.Selected and
    // read on this one site (docs/deploy.md §6).
    brin: '12AB00'
    absenceImport: {
      siteId: 'voorbeeldcollege.sharepoint.com,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000'
      folder: 'Absenties/Nachtimport'
      mapping: 'magister'
      // driveId: a document library other than the site's own Documents (GET /sites/{siteId}/drives lists their ids)
    }
  }
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
