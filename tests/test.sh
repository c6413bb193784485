#!/usr/bin/env bash
# Runs every test of VerzuimBot from a fresh clone: installs what the tests need
# (Debian's Chromium, the npm test peers), builds, runs the whole solution's tests
# and ends with one summary line "tests: N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Chromium drives the Playground end-to-end tests (Playwright is pointed at /usr/bin/chromium).
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Chromium (Debian package)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The real peers we prove our own layers against: Azurite, the Agents Playground,
# the official Adaptive Cards and Teams manifest libraries. Pinned by the lock file.
if [ ! -d tests/node/node_modules ] || [ tests/node/package-lock.json -nt tests/node/node_modules/.package-lock.json ]; then
  echo "== installing npm test tools (tests/node)"
  (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
fi

# The Agents Toolkit's schema for m365agents.yml (tests/VerzuimBot.Infra.Tests), from its npm package.
bash tests/node/m365agents/fetch-schema.sh

echo "== dotnet test"
log="$(mktemp)"
set +e
dotnet test VerzuimBot.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one line per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12 ..."
summary=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}')
rm -f "$log"
echo "$summary"
if [ "$status" -ne 0 ]; then exit "$status"; fi
case "$summary" in
  "tests: 0 passed"*) echo "no test ran" >&2; exit 1 ;;
esac
