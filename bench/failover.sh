#!/usr/bin/env bash
# Failover benchmark (bench/RESULTS.md, "Failover on the Akka.NET runtime"; docs/operations.md, "What failover takes"):
# a private PostgreSQL server (installed by scripts/install-postgres.sh when missing), three real `robustft node`
# processes on 127.0.0.1 (the CLI with the scripted expert backend, tests/RobustFT.TestHost), a submitted arc noisy30
# run; the singleton's node gets kill -9 (and, on a fresh cluster, SIGTERM) mid-run. Extra arguments go to the
# benchmark, for example: bench/failover.sh --repeats 3 --scenarios kill,term --stable-after 5s
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet build "$root/tests/RobustFT.TestHost" -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null
dotnet build "$root/bench/RobustFT.Bench" -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null
exec dotnet "$root/bench/RobustFT.Bench/bin/Release/net10.0/RobustFT.Bench.dll" failover "$@"
