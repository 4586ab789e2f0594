#!/usr/bin/env bash
# Sourced by scripts/test.sh and scripts/bench.sh: installs (as root, from Debian) and starts
# PostgreSQL and Redis on free loopback ports in a temporary folder; a trap stops them.
# Exports DATABASE_URL and REDIS_URL. Needs PY (the venv's python) to be set.

log() { printf '\n== %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- 1. System packages ------------------------------------------------------------------
declare -A CHECK=(
  [postgresql]="ls /usr/lib/postgresql/*/bin/initdb"
  [redis-server]="command -v redis-server"
  [chromium]="test -x /usr/bin/chromium"
  [fonts-noto-core]="test -d /usr/share/fonts/truetype/noto"
  [gettext]="command -v msgfmt"
  [nodejs]="command -v node"
  [npm]="command -v npm"
  [poppler-utils]="command -v pdffonts && command -v pdftotext && command -v pdfinfo"
  # grep -c, not -q: -q stops reading early and ldconfig then fails on a closed pipe (pipefail)
  [libpango-1.0-0]="ldconfig -p | grep -c 'libpango-1.0.so.0 '"
  [libpangoft2-1.0-0]="ldconfig -p | grep -c 'libpangoft2-1.0.so.0 '"
)
missing=()
for pkg in "${!CHECK[@]}"; do
  eval "${CHECK[$pkg]}" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "Installing from Debian: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "missing: ${missing[*]}. Run 'make test' as root, or install them: apt-get install ${missing[*]}"
  fi
fi
for pkg in "${!CHECK[@]}"; do
  eval "${CHECK[$pkg]}" >/dev/null 2>&1 || die "$pkg is still missing after installation"
done

# --- 2. Services on loopback, in a temporary folder ----------------------------------------
RUN_DIR=$(mktemp -d /tmp/accueil-test.XXXXXX)
chmod 755 "$RUN_DIR"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  status=$?
  log "Stopping test services"
  as_pg "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg/data" -m immediate stop >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR"
  exit $status
}
trap cleanup EXIT INT TERM

log "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
mkdir -p "$RUN_DIR/pg"
[ "$(id -u)" = 0 ] && chown postgres "$RUN_DIR/pg"
as_pg "$PG_BIN/initdb" -D "$RUN_DIR/pg/data" -U accueil --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg/data" -l "$RUN_DIR/pg/log" -w start \
  -o "-p $PG_PORT -k $RUN_DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
  || { cat "$RUN_DIR/pg/log" >&2; die "PostgreSQL did not start"; }
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U accueil accueil

log "Starting Redis on 127.0.0.1:$REDIS_PORT"
mkdir -p "$RUN_DIR/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$RUN_DIR/redis" --save "" \
  --appendonly no --daemonize yes --logfile "$RUN_DIR/redis/log" >/dev/null
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$REDIS_PORT" ping >/dev/null || die "Redis did not start"

export DATABASE_URL="postgres://accueil@127.0.0.1:$PG_PORT/accueil"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
