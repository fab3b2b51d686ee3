#!/usr/bin/env bash
# Installs Debian's rabbitmq-server for tests, without starting the system service.
# Idempotent: does nothing when rabbitmq-server is already on PATH (or in /usr/sbin).
# Tests start their own private broker (see tests/RobustFT.Testing/Servers/RabbitMqServer.cs).
set -euo pipefail

if command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmq-server ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-rabbitmq.sh: rabbitmq-server is missing and installing it needs root (apt-get)." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Keep the package's init scripts from starting the system broker: policy-rc.d exit 101 = "action forbidden".
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  created_policy=1
fi
cleanup() { if [ "$created_policy" -eq 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

# The list may be empty on a fresh machine; update once when the package is unknown.
if ! apt-cache show rabbitmq-server >/dev/null 2>&1; then
  apt-get update -qq
fi
RUNLEVEL=1 apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null

command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmq-server ]
