#!/usr/bin/env bash
# Puts the pseudonym key (Privacy:PseudonymKey, 32 random bytes in base64) into the bot's Key Vault, once, and makes the
# Web App resolve its Key Vault reference. Run after every provision (m365agents.yml does): when the key is already
# there it is left alone, because another key would make every stored student unfindable. The key is generated here,
# goes to Key Vault through a private temporary file, and is never printed, passed as an argument or written elsewhere.
#
# Needs: the Azure CLI signed in (az login) as someone with "Key Vault Secrets Officer" on the vault (infra/ grants it to
# whoever deployed), and the template's outputs in the environment:
#   KEY_VAULT_NAME=<output KEY_VAULT_NAME> BOT_AZURE_APP_SERVICE_RESOURCE_ID=<output …> bash infra/pseudonym-key.sh
set -euo pipefail

vault="${KEY_VAULT_NAME:?set KEY_VAULT_NAME to the template output KEY_VAULT_NAME}"
site="${BOT_AZURE_APP_SERVICE_RESOURCE_ID:?set BOT_AZURE_APP_SERVICE_RESOURCE_ID to the template output of that name}"
secret=pseudonym-key # infra/main.bicep: pseudonymKeySecretName
# A role assigned by the deployment a minute ago can take a few minutes to reach Key Vault.
attempts="${PSEUDONYM_KEY_ATTEMPTS:-30}"
wait_seconds="${PSEUDONYM_KEY_WAIT_SECONDS:-20}"

# Whether the secret exists, asked without reading its value: "exists", "deleted", "missing"; fails on any other answer.
secret_state() {
  local attempt names problem
  problem="$(mktemp)"
  for ((attempt = 1; ; attempt++)); do
    if names="$(az keyvault secret list --vault-name "$vault" --query "[?name=='$secret'].name" --output tsv 2>"$problem")"; then
      rm -f "$problem"
      if [[ -n "$names" ]]; then
        echo exists
      elif [[ -n "$(az keyvault secret list-deleted --vault-name "$vault" --query "[?name=='$secret'].name" --output tsv)" ]]; then
        echo deleted
      else
        echo missing
      fi
      return
    fi

    if grep -q Forbidden "$problem" && ((attempt < attempts)); then
      echo "Key Vault $vault does not let this account in yet (a new role takes a few minutes); trying again in ${wait_seconds}s." >&2
      sleep "$wait_seconds"
      continue
    fi

    echo "Could not look in Key Vault $vault: $(cat "$problem")" >&2
    echo "Sign in with 'az login' as the account that deployed infra/, or give yourself 'Key Vault Secrets Officer' on the vault." >&2
    rm -f "$problem"
    return 1
  done
}

state="$(secret_state)"
case "$state" in
  exists)
    echo "The pseudonym key is already in Key Vault $vault; it stays as it is."
    ;;
  deleted)
    echo "The pseudonym key in Key Vault $vault was deleted. Recover it (it is the key your data is stored under):" >&2
    echo "  az keyvault secret recover --vault-name $vault --name $secret" >&2
    echo "then run this script again. Do not create a new one: every stored student would become unfindable." >&2
    exit 1
    ;;
  missing)
    umask 077
    key_file="$(mktemp)"
    trap 'rm -f "$key_file"' EXIT
    head -c 32 /dev/urandom | base64 | tr -d '\n' >"$key_file"
    az keyvault secret set --vault-name "$vault" --name "$secret" --file "$key_file" --encoding utf-8 \
      --content-type "VerzuimBot Privacy:PseudonymKey (base64, 32 bytes); set once, never rotate" --output none
    rm -f "$key_file"
    echo "A new pseudonym key is in Key Vault $vault (secret $secret). Nobody has seen it; keep the vault."
    ;;
esac

# App Service reads Key Vault references when the app starts and every 24 hours; this makes it read them now.
az rest --method post --url "${site}/config/configreferences/appsettings/refresh?api-version=2022-03-01" --output none
echo "The Web App resolves Privacy__PseudonymKey from Key Vault again."
