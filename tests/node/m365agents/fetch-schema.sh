#!/usr/bin/env bash
# The Microsoft 365 Agents Toolkit's JSON schema for m365agents.yml ships in @microsoft/teamsfx-core (the package the
# toolkit CLI, @microsoft/m365agentstoolkit-cli 1.1.17, pins). Installing it would pull ~300 MB of dependencies, so
# only its tarball is fetched (npm verifies the registry's integrity hash) and the one schema file is kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
package="@microsoft/teamsfx-core@3.1.3"
version="v1.13"
target="$here/.schema/$version/yaml.schema.json"
[ -f "$target" ] && exit 0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "$package" --silent --loglevel=error >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" "package/resource/yaml-schema/$version/yaml.schema.json"
mkdir -p "$(dirname "$target")"
mv "$work/package/resource/yaml-schema/$version/yaml.schema.json" "$target"
echo "m365agents.yml schema $version from $package"
