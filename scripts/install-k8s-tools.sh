#!/usr/bin/env bash
# Installs what tests/k8s/validate.mjs and the manifest tests need. Idempotent (skips what is present).
#  - kubectl with its built-in kustomize: kept if already on PATH; otherwise Debian's `kubectl` package when the
#    apt lists have one, else Debian's `kubernetes-client` (kubectl 1.20, kustomize v2.0.3: k8s/ is written for it).
#  - node + npm (Debian) when missing.
#  - npm packages of tests/k8s/package.json (kubernetes-models, yaml) into <repo>/.cache/npm-k8s.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
prefix="${repo_root}/.cache/npm-k8s"
mkdir -p "${prefix}"

# Serialise concurrent runs (several test processes may call this at once).
exec 9>"${prefix}/.install.lock"
flock 9

apt_updated=0
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-k8s-tools.sh: need root to apt-get install $*" >&2
    exit 1
  fi
  if [ "${apt_updated}" -eq 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v kubectl >/dev/null 2>&1 || ! kubectl kustomize --help >/dev/null 2>&1; then
  if [ "${apt_updated}" -eq 0 ] && [ "$(id -u)" -eq 0 ]; then apt-get update -qq; apt_updated=1; fi
  candidate="$(apt-cache policy kubectl 2>/dev/null | awk '/Candidate:/ {print $2}')"
  if [ -n "${candidate}" ] && [ "${candidate}" != "(none)" ]; then
    apt_install kubectl
  else
    apt_install kubernetes-client
  fi
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi

wanted="$(cat "${repo_root}/tests/k8s/package.json")"
if [ ! -f "${prefix}/package.json" ] || [ "$(cat "${prefix}/package.json")" != "${wanted}" ] \
   || [ ! -f "${prefix}/node_modules/kubernetes-models/package.json" ] || [ ! -f "${prefix}/node_modules/yaml/package.json" ]; then
  printf '%s\n' "${wanted}" > "${prefix}/package.json"
  npm install --no-audit --no-fund --loglevel=error --prefix "${prefix}" >/dev/null
fi
