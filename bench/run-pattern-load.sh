#!/usr/bin/env bash
# Pattern jobs on a generated month of a 3,000-bed hospital (≈ 3 million order lines, 800 prescribers, 2,000 items):
# rollup rebuild, 双十, peer comparison and the surge check through the API of the real application (-Xmx1g), timed
# per call (each call returns when its job has finished). H2 file database by default; with "postgres", a throw-away
# PostgreSQL cluster (Debian's packages) on loopback.
# Usage (from the repository root, after ./mvnw -DskipTests package):
#   bench/run-pattern-load.sh [h2|postgres] [rounds=3] [lines=3000000]
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-h2}
ROUNDS=${2:-3}
LINES=${3:-3000000}
MONTH=2026-09
WORK=$(mktemp -d /tmp/qingfeng-pattern.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
cleanup() {
  kill ${QF_PID:-} 2>/dev/null || true; wait 2>/dev/null || true
  if [ -n "${PG_DIR:-}" ]; then "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; fi
  [ -n "${KEEP:-}" ] || rm -rf "$WORK" "${PG_DIR:-}"
}
trap cleanup EXIT
if [ "$DB" = postgres ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_DIR=$(mktemp -d /tmp/qingfeng-pattern-pg.XXXXXX); PG_PORT=$(free_port); RUN_AS=()
  if [ "$(id -u)" = "0" ]; then chown postgres "$PG_DIR"; RUN_AS=(runuser -u postgres --); fi
  echo bench > "$PG_DIR/pw"; chmod 644 "$PG_DIR/pw"
  "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/pg.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=256MB" start >/dev/null
  PGPASSWORD=bench "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE qingfeng" >/dev/null
  export QINGFENG_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/qingfeng" QINGFENG_DB_USER=postgres QINGFENG_DB_PASSWORD=bench
  SPRING_PROFILE=--spring.profiles.active=postgres
else
  export QINGFENG_DB_URL="jdbc:h2:file:$WORK/qingfeng;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
  export QINGFENG_DB_USER=sa QINGFENG_DB_PASSWORD=
  SPRING_PROFILE=
fi
start_app() {
  QF_HTTP=$(free_port); QF_MLLP=$(free_port)
  QINGFENG_ADMIN_PASSWORD=bench-admin java -Xmx1g -jar app/target/qingfeng.jar $SPRING_PROFILE \
    --server.port="$QF_HTTP" --qingfeng.mllp.feeds[0].port="$QF_MLLP" --qingfeng.mllp.feeds[0].bind-address=127.0.0.1 \
    --qingfeng.ingest.journal-dir="$WORK/journal" --qingfeng.demo.load-reference-data=false > "$WORK/qingfeng.log" 2>&1 &
  QF_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$QF_HTTP/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "Qingfeng did not start"; tail -50 "$WORK/qingfeng.log"; exit 1
}
# 1. create the schema, 2. write the month with the application stopped (H2 file databases take one process)
start_app; kill "$QF_PID"; wait "$QF_PID" 2>/dev/null || true
java -cp bench/target/benchmarks.jar org.qingfeng.bench.PatternMonth "$QINGFENG_DB_URL" "$QINGFENG_DB_USER" \
  "$QINGFENG_DB_PASSWORD" "$MONTH" "$LINES"
start_app
curl -sf -u admin:bench-admin -X PUT -H 'Content-Type: application/json' \
  "http://127.0.0.1:$QF_HTTP/api/v1/users/bench" -d '{"password":"bench-password-1","roles":["DISCIPLINE","IT_ADMIN"]}' >/dev/null
call() { # name, method path [body] → seconds
  curl -sf -o "$WORK/$1.json" -w '%{time_total}' -u bench:bench-password-1 -X POST -H 'Content-Type: application/json' \
    "http://127.0.0.1:$QF_HTTP$2" -d "${3:-}"
}
heap_mib() {
  curl -sf -u bench:bench-password-1 "http://127.0.0.1:$QF_HTTP/actuator/prometheus" | python3 -c '
import sys
print(int(sum(float(l.split()[-1]) for l in sys.stdin
              if l.startswith("jvm_memory_used_bytes{") and "area=\"heap\"" in l) / 1048576))'
}
for r in $(seq 1 "$ROUNDS"); do
  # sample the heap in use twice a second while the jobs run; the peak is reported
  ( while true; do heap_mib >> "$WORK/heap-$r" 2>/dev/null || true; sleep 0.5; done ) &
  SAMPLER=$!
  REBUILD=$(call rebuild "/api/v1/rollups/rebuild?from=$MONTH-01&to=$MONTH-30")
  DOUBLE=$(call double-ten /api/v1/jobs/double-ten/run "{\"period\":\"$MONTH\"}")
  PEER=$(call peer /api/v1/jobs/peer-comparison/run "{\"period\":\"$MONTH\"}")
  SURGE=$(call surge /api/v1/jobs/usage-surge/run "{\"period\":\"$MONTH-28\"}")
  kill "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true
  HEAP=$(sort -n "$WORK/heap-$r" | tail -1)
  python3 - "$r" "$REBUILD" "$DOUBLE" "$PEER" "$SURGE" "$HEAP" "$WORK" <<'PY'
import json, sys
r, rebuild, double, peer, surge, heap, work = sys.argv[1:]
rows = json.load(open(work + "/rebuild.json"))
findings = json.load(open(work + "/peer.json"))["counts"].get("findings")
total = float(rebuild) + float(double) + float(peer) + float(surge)
print(f"round {r}: rebuild {float(rebuild):.1f} s ({rows['usageRows']:,} usage rows, {rows['rowsWritten']:,} written), double-ten {float(double):.1f} s, "
      f"peer comparison {float(peer):.1f} s ({findings} findings), surge {float(surge):.1f} s; "
      f"total {total:.1f} s; peak heap in use {heap} MiB of 1024")
PY
done
