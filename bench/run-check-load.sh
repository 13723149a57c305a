#!/usr/bin/env bash
# Load on the synchronous check API (POST /api/v1/prescriptions/check, 5-line prescription, all rules, the patient's
# running orders read from the database), against Qingfeng started from the built jar on an H2 file database.
# Usage (from the repository root, after ./mvnw -DskipTests package):
#   bench/run-check-load.sh [rounds=3] [seconds per round=20] [client threads=4]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_ROUND=${2:-20}
THREADS=${3:-4}
WORK=$(mktemp -d /tmp/qingfeng-check.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
QF_HTTP=$(free_port); QF_MLLP=$(free_port)
QINGFENG_DB_URL="jdbc:h2:file:$WORK/qingfeng;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
QINGFENG_ADMIN_PASSWORD=bench-admin java -jar app/target/qingfeng.jar \
  --server.port="$QF_HTTP" --qingfeng.mllp.feeds[0].port="$QF_MLLP" --qingfeng.mllp.feeds[0].bind-address=127.0.0.1 \
  --qingfeng.ingest.journal-dir="$WORK/journal" --qingfeng.demo.load-reference-data=true > "$WORK/qingfeng.log" 2>&1 &
QF_PID=$!
trap 'kill $QF_PID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$QF_HTTP/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r $(java -cp bench/target/benchmarks.jar org.qingfeng.bench.CheckLoad "http://127.0.0.1:$QF_HTTP" admin bench-admin "$THREADS" "$SECONDS_PER_ROUND")"
done
