#!/usr/bin/env bash
# Cluster scaling benchmark (bench/RESULTS.md, "Cluster scaling"): 1, 2 and 4 simulated GPU nodes on loopback with a
# private PostgreSQL server (installed by scripts/install-postgres.sh when missing). Extra arguments go to the benchmark, for example: bench/scaling.sh --gen-cost 200+20 --embed-cost 50+5
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet build "$root/bench/RobustFT.Bench" -c Release -v quiet -nologo >/dev/null
exec dotnet "$root/bench/RobustFT.Bench/bin/Release/net10.0/RobustFT.Bench.dll" scaling "$@"
