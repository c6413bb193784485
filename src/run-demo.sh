#!/usr/bin/env bash
# Starts VerzuimBot on the embedded store (Development, no app id, requests without a token accepted from
# loopback only, by the explicit opt-in Bot__AllowUnauthenticatedLoopback=true) together with the
# Microsoft 365 Agents Playground, a local Teams emulator, and prints the address to open.
# Ports: VERZUIMBOT_PORT (default 3978), PLAYGROUND_PORT (default 56150). Ctrl+C stops both.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bot_port="${VERZUIMBOT_PORT:-3978}"
pg_port="${PLAYGROUND_PORT:-56150}"
data_dir="${VERZUIMBOT_DATA:-$root/data/demo}"
pg_dir="$root/tests/node/playground"

if [ ! -d "$root/tests/node/node_modules/@microsoft/m365agentsplayground" ]; then
  echo "== installing the Agents Playground (npm ci in tests/node)"
  (cd "$root/tests/node" && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "== building VerzuimBot"
dotnet build "$root/src/VerzuimBot/VerzuimBot.csproj" -c Debug -v quiet -nologo >/dev/null
mkdir -p "$data_dir" "$root/data/playground"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

ASPNETCORE_ENVIRONMENT=Development Demo__Enabled=true Bot__AllowUnauthenticatedLoopback=true TableStorage__DataDirectory="$data_dir" \
  dotnet "$root/src/VerzuimBot/bin/Debug/net10.0/VerzuimBot.dll" --urls "http://127.0.0.1:$bot_port" \
  --contentRoot "$root/src/VerzuimBot/bin/Debug/net10.0" &
pids+=($!)

# The Playground reads its config from the working directory and writes its log there.
(cd "$root/data/playground" && TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_CONFIG_PATH="$pg_dir/.m365agentsplayground.yml" \
  exec node -r "$pg_dir/loopback.js" "$root/tests/node/node_modules/@microsoft/m365agentsplayground/cli.js" \
  -e "http://127.0.0.1:$bot_port/api/messages" -c msteams --dt -p "$pg_port" \
  --service-url "http://127.0.0.1:$pg_port/_connector") &
pids+=($!)

for _ in $(seq 1 150); do
  if curl -sf "http://127.0.0.1:$bot_port/healthz" >/dev/null && curl -sf "http://127.0.0.1:$pg_port/_debug/ping" >/dev/null; then
    cat <<TXT

VerzuimBot draait (opslag: $data_dir) en de Agents Playground ook.
Open in je browser:  http://127.0.0.1:$pg_port/
Je bent Rita Receptie; de demo kent ook Max Mentor, Zora Zorgcoördinator, Lotte Leerplicht,
Jasper Jeugdarts en Sanne SWV, het groepsgesprek "Kernpartneroverleg" en het team
"Samenwerkingsverband Demo" met kanaal "Thuiszitters". Typ "help" in Personal Chat.
De ziekteroute proberen: "tijd 09-10-2026 08:30", "ziek Daan", "speel mentor", "tijd +2 schooldagen"
(de README beschrijft de hele route).
Stoppen: Ctrl+C.
TXT
    wait -n "${pids[@]}"
    exit $?
  fi
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "Starten mislukt (zie de uitvoer hierboven)." >&2; exit 1; }; done
  sleep 0.2
done
echo "Starten duurde te lang." >&2
exit 1
