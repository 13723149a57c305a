#!/usr/bin/env bash
# Runs every Qingfeng test: unit tests, and integration tests on H2 and on a real PostgreSQL that this script
# installs (Debian packages) if needed and starts on a free loopback port in a throw-away directory; console tests
# in Debian's headless Chromium (installed here too if missing).
# Usage: deploy/test/run-tests.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")/../.."

find_pg_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

if ! PG_BIN=$(find_pg_bin); then
  echo "Installing PostgreSQL from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(find_pg_bin)
fi

# The anti-统方 test starts its own PostgreSQL with the pgaudit extension and tails its log.
PG_MAJOR=$(basename "$(dirname "$PG_BIN")")
if [ ! -f "/usr/lib/postgresql/$PG_MAJOR/lib/pgaudit.so" ]; then
  echo "Installing pgaudit for PostgreSQL $PG_MAJOR from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "postgresql-$PG_MAJOR-pgaudit" >/dev/null
fi

# Console tests drive Debian's Chromium headless through Debian's chromedriver.
# CJK fonts so that the screenshots it keeps show Chinese text.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -d /usr/share/fonts/opentype/noto ]; then
  echo "Installing Chromium, chromedriver and CJK fonts from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
fi

PG_DIR=$(mktemp -d /tmp/qingfeng-pg.XXXXXX)
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
PG_PASSWORD="qingfeng-test-$RANDOM$RANDOM"
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  chown postgres "$PG_DIR"
  RUN_AS=(runuser -u postgres --)
fi

stop_pg() {
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT

echo "$PG_PASSWORD" > "$PG_DIR/pw"
chmod 644 "$PG_DIR/pw"
"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE qingfeng_test" >/dev/null

./mvnw -B -ntp verify -Ppostgres-it \
  -Dqingfeng.test.pg-url="jdbc:postgresql://127.0.0.1:$PG_PORT/qingfeng_test" \
  -Dqingfeng.test.pg-user=postgres \
  -Dqingfeng.test.pg-password="$PG_PASSWORD" \
  "$@"
