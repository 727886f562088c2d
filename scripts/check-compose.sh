#!/usr/bin/env bash
# Validates docker-compose.yml with Debian's docker-compose (this machine has a Docker client, no engine).
set -euo pipefail
if ! command -v docker-compose >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
  else
    echo "docker-compose is missing: install it (apt-get install docker-compose) to validate docker-compose.yml." >&2
    exit 1
  fi
fi
SECRET_KEY=compose-check docker-compose -f docker-compose.yml config --quiet
echo "docker-compose.yml is valid."
