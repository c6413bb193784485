#!/usr/bin/env bash
# Runs a beheer command (docs/deploy.md §8: roster import, roles, audit, inzage, delete, retention, pseudonyms migrate)
# on this machine against the production store, with the Web App's own app settings: the same organisations, schools,
# table endpoint and pseudonym key (read from Key Vault through its reference, never printed). It works while the Web
# App is stopped, as "pseudonyms migrate" requires, and a roster file never has to leave this machine.
#
# Needs: the Azure CLI signed in (az login) as someone with "Storage Table Data Contributor" on the storage account and
# "Key Vault Secrets User" (or Officer) on the vault, the published host (dotnet publish … -o artifacts/publish), and
#   BOT_AZURE_APP_SERVICE_RESOURCE_ID=<output …> bash infra/beheer.sh roster import leerlingen.csv --school 12AB00 --type VO --door ict@school.nl
set -euo pipefail

site="${BOT_AZURE_APP_SERVICE_RESOURCE_ID:?set BOT_AZURE_APP_SERVICE_RESOURCE_ID to the template output of that name}"
host="${VERZUIMBOT_HOST_DLL:-artifacts/publish/VerzuimBot.dll}"
[[ -f "$host" ]] || { echo "No published host at $host: run 'dotnet publish src/VerzuimBot/VerzuimBot.csproj -c Release -o artifacts/publish' first." >&2; exit 1; }

settings="$(az webapp config appsettings list --ids "$site" --query "[].[name, value]" --output tsv)"
environment=()
while IFS=$'\t' read -r name value; do
  case "$name" in
    "") continue ;;
    # On this machine the store is reached as you (az login), not as the Web App's managed identity.
    AZURE_CLIENT_ID | TableStorage__ManagedIdentityClientId | APPLICATIONINSIGHTS_CONNECTION_STRING | WEBSITE_* | ASPNETCORE_URLS) continue ;;
  esac

  if [[ "$value" == "@Microsoft.KeyVault(SecretUri="*")" ]]; then
    uri="${value#@Microsoft.KeyVault(SecretUri=}"
    uri="${uri%)}"
    value="$(az keyvault secret show --id "${uri%/}" --query value --output tsv </dev/null)"
  fi

  environment+=("$name=$value")
done <<<"$settings"

exec env "${environment[@]}" dotnet "$host" beheer "$@"
