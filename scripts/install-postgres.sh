#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages (Debian 12: PostgreSQL 15 in /usr/lib/postgresql/15/bin) for the tests,
# without starting the system service or creating the default "main" cluster. Idempotent: does nothing when initdb
# is already there. Runs as root (CI) or through sudo.
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "install-postgres: $(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1) already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# No default cluster, no service start from the package scripts.
$SUDO mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/robustft-no-main.conf >/dev/null
POLICY=/usr/sbin/policy-rc.d
ADDED_POLICY=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod +x "$POLICY"
  ADDED_POLICY=1
fi
cleanup() { if [ "$ADDED_POLICY" = 1 ]; then $SUDO rm -f "$POLICY"; fi; }
trap cleanup EXIT

if ! $SUDO apt-get install -y --no-install-recommends postgresql; then
  echo "install-postgres: install failed, refreshing package lists and retrying"
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends postgresql
fi

ls /usr/lib/postgresql/*/bin/initdb
