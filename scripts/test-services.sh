#!/usr/bin/env bash
# Makes sure what the test suite needs is here: PostgreSQL and Redis answering on their default ports
# (started when installed but stopped), Chromium for the browser tests, and faketime for a run at another
# date (both installed through apt).
set -euo pipefail

want_browser=1
want_faketime=0
for arg in "$@"; do
  case $arg in
    --no-browser) want_browser=0 ;;
    --faketime) want_faketime=1 ;;
  esac
done

say() { printf '%s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 30); do port_open "$1" && return 0; sleep 0.5; done
  return 1
}

apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "Cannot install $*: this machine has no apt-get. Install it by hand and run make test again."
    exit 1
  fi
  if [ "$(id -u)" != 0 ]; then
    say "Installing $* needs root: run 'sudo apt-get install $*' and then make test again."
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! port_open 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    say "PostgreSQL is installed but stopped; starting it."
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
  wait_port 5432 || { say "PostgreSQL is not reachable on 127.0.0.1:5432 and is not installed here: install and start it (user postgres, trust auth)."; exit 1; }
fi

if ! port_open 6379; then
  if command -v redis-server >/dev/null 2>&1; then
    say "Redis is installed but stopped; starting it."
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
  fi
  wait_port 6379 || { say "Redis is not reachable on 127.0.0.1:6379 and is not installed here: install and start redis-server."; exit 1; }
fi

if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  say "Installing Chromium for the browser tests (apt-get install chromium)."
  apt_install chromium fonts-dejavu-core
fi
if [ "$want_faketime" = 1 ] && ! command -v faketime >/dev/null 2>&1; then
  say "Installing faketime to run the suite at another date (apt-get install faketime)."
  apt_install faketime
fi
exit 0
