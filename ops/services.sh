#!/usr/bin/env bash
# Makes sure the hub's services answer: PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).
# A no-op when both answer. Otherwise, on a Debian machine where we are root, installs what is
# missing from Debian's packages and starts it; else stops with one line saying what to do.
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/isac}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

host_of() { local rest="${1#*://}"; rest="${rest#*@}"; rest="${rest%%/*}"; echo "${rest%%:*}"; }
port_of() { local rest="${1#*://}"; rest="${rest#*@}"; rest="${rest%%/*}"; [[ "$rest" == *:* ]] && echo "${rest##*:}" || echo "$2"; }

PG_HOST=$(host_of "$DATABASE_URL"); PG_PORT=$(port_of "$DATABASE_URL" 5432)
REDIS_HOST=$(host_of "$REDIS_URL"); REDIS_PORT=$(port_of "$REDIS_URL" 6379)

answers() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
is_local() { [[ "$1" == 127.* || "$1" == localhost || "$1" == "::1" ]]; }
say() { echo "services: $*" >&2; }
fail() { say "$*"; exit 1; }

can_install() { [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; }
apt_log="${TMPDIR:-/tmp}/isac-hub-services.log"
apt_updated=0
# Debian's packages only, without their recommends (which would bring cron, sysstat and an MTA
# that a systemd machine then starts). Their chatter goes to $apt_log; a failure says where it is.
# C.UTF-8, whatever the caller's locale: the PostgreSQL cluster the package creates is UTF8 with
# the C.UTF-8 collation the tests were written against, and an SSH-forwarded locale that is not
# generated here cannot break initdb.
apt_install() {
  local env=(env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=)
  if [[ $apt_updated -eq 0 ]]; then
    "${env[@]}" apt-get update -q >>"$apt_log" 2>&1 || fail "apt-get update failed; see $apt_log"
    apt_updated=1
  fi
  "${env[@]}" apt-get install -y -q --no-install-recommends "$@" >>"$apt_log" 2>&1 \
    || fail "apt-get install $* failed; see $apt_log"
}
wait_for() { for _ in $(seq 1 30); do answers "$1" "$2" && return 0; sleep 0.5; done; return 1; }

start_postgres() {
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    say "installing PostgreSQL from Debian's packages (log: $apt_log)"
    apt_install postgresql
  fi
  local version; version=$(ls /etc/postgresql | sort -V | tail -1)
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  # local development only: trust loopback connections, as the hub's default URL expects
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  # started here, not through systemd (there may be none); when the package's own service already
  # runs it (a systemd machine), start says so and a reload picks up pg_hba.conf
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >>"$apt_log" 2>&1 \
    || pg_ctlcluster --skip-systemctl-redirect "$version" main reload >>"$apt_log" 2>&1 \
    || fail "PostgreSQL $version/main did not start; see $apt_log and /var/log/postgresql/postgresql-$version-main.log"
}

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    say "installing Redis from Debian's packages (log: $apt_log)"
    apt_install redis-server
    # on a systemd machine the package starts its own service on 6379: nothing more to do
    answers "$REDIS_HOST" "$REDIS_PORT" && return 0
  fi
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/isac-hub.log
}

ensure() {
  local name=$1 host=$2 port=$3 starter=$4 variable=$5
  answers "$host" "$port" && return 0
  if ! is_local "$host"; then
    fail "$name does not answer at $host:$port; start it there or set $variable to a server that runs"
  fi
  if ! can_install; then
    fail "$name does not answer at $host:$port and cannot be installed here (needs root and apt-get): install $name, or run 'docker compose -f ops/compose.yaml up -d postgres redis', or set $variable"
  fi
  say "$name does not answer at $host:$port; starting it"
  "$starter"
  wait_for "$host" "$port" || fail "$name was started but does not answer at $host:$port; see its log"
  say "$name answers at $host:$port"
}

ensure PostgreSQL "$PG_HOST" "$PG_PORT" start_postgres DATABASE_URL
ensure Redis "$REDIS_HOST" "$REDIS_PORT" start_redis REDIS_URL
