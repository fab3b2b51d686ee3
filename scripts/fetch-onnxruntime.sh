#!/usr/bin/env bash
# Fetches the ONNX Runtime native library (libonnxruntime.so.1, 1.30.0) from the npm package
# onnxruntime-node@1.30.0 into DEST (default: <repo>/.tools/onnxruntime/1.30.0/).
# Idempotent: does nothing when DEST/libonnxruntime.so.1 already exists. Prints the library path.
# The npm tarball is cached in ${XDG_CACHE_HOME:-~/.cache}/robustft/ so fresh clones reuse it.
set -euo pipefail

ORT_VERSION="1.30.0"
PACKAGE="onnxruntime-node@${ORT_VERSION}"
TARBALL_NAME="onnxruntime-node-${ORT_VERSION}.tgz"
LIB_IN_TARBALL="package/bin/napi-v6/linux/x64/libonnxruntime.so.1"

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
dest="${1:-${repo_root}/.tools/onnxruntime/${ORT_VERSION}}"
lib="${dest}/libonnxruntime.so.1"

if [[ -f "${lib}" ]]; then
  echo "${lib}"
  exit 0
fi

if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
  echo "fetch-onnxruntime.sh: only linux-x64 is supported (this is $(uname -s)-$(uname -m))" >&2
  exit 1
fi

cache_dir="${XDG_CACHE_HOME:-${HOME}/.cache}/robustft"
tarball="${cache_dir}/${TARBALL_NAME}"
mkdir -p "${cache_dir}" "${dest}"

# Serialise concurrent fetches (parallel builds of several projects).
exec 9>"${cache_dir}/.onnxruntime-${ORT_VERSION}.lock"
flock 9

if [[ -f "${lib}" ]]; then
  echo "${lib}"
  exit 0
fi

if [[ ! -s "${tarball}" ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
      echo "fetch-onnxruntime.sh: installing npm with apt-get ..." >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >&2
    else
      echo "fetch-onnxruntime.sh: npm is required to download ${PACKAGE} (apt-get install -y npm)" >&2
      exit 1
    fi
  fi
  work="$(mktemp -d)"
  trap 'rm -rf "${work}"' EXIT
  echo "fetch-onnxruntime.sh: downloading ${PACKAGE} (about 113 MB) ..." >&2
  (cd "${work}" && npm pack --silent "${PACKAGE}" >/dev/null)
  mv "${work}/${TARBALL_NAME}" "${tarball}.partial"
  mv "${tarball}.partial" "${tarball}"
fi

extract="$(mktemp -d)"
trap 'rm -rf "${extract}" ${work:+"${work}"}' EXIT
tar -xzf "${tarball}" -C "${extract}" "${LIB_IN_TARBALL}"
# The library needs only libc/libstdc++/libm/libgcc (checked with ldd); nothing else is copied.
install -m 0755 "${extract}/${LIB_IN_TARBALL}" "${lib}.partial"
mv "${lib}.partial" "${lib}"
echo "${lib}"
