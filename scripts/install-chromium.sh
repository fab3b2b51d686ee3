#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's Playwright tests (they launch /usr/bin/chromium headless; Playwright
# never downloads a browser: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1). Idempotent: does nothing when /usr/bin/chromium is
# already there. Runs as root (CI) or through sudo.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium) already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

if ! $SUDO apt-get install -y --no-install-recommends chromium; then
  echo "install-chromium: install failed, refreshing package lists and retrying"
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends chromium
fi

/usr/bin/chromium --version
