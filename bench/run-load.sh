#!/usr/bin/env bash
# End-to-end HL7 ingest benchmark: Qingfeng (durable store, all real-time rules) against a bare
# "parse + ACK, no storage" Camel MLLP listener, in the same run, over 4 connections on loopback.
# Usage (from the repository root, after ./mvnw -DskipTests package):
#   bench/run-load.sh [rounds=3] [messages per round=20000] [database URL (default: H2 file in a temp dir)] [extra Qingfeng arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
COUNT=${2:-20000}
WORK=$(mktemp -d /tmp/qingfeng-bench.XXXXXX)
DB_URL=${3:-"jdbc:h2:file:$WORK/qingfeng;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"}
shift $(( $# < 3 ? $# : 3 ))
EXTRA=("$@")
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
QF_MLLP=$(free_port); QF_HTTP=$(free_port); BARE=$(free_port)
FILES=()
for f in bench/messages/*.hl7; do FILES+=(--file "$f"); done

java -cp bench/target/benchmarks.jar org.qingfeng.bench.BareAckServer "$BARE" > "$WORK/bare.log" 2>&1 &
BARE_PID=$!
QINGFENG_DB_URL="$DB_URL" QINGFENG_ADMIN_PASSWORD=bench-admin java -jar app/target/qingfeng.jar \
  --server.port="$QF_HTTP" --qingfeng.mllp.feeds[0].port="$QF_MLLP" --qingfeng.mllp.feeds[0].bind-address=127.0.0.1 --qingfeng.ingest.journal-dir="$WORK/journal" "${EXTRA[@]}" \
  > "$WORK/qingfeng.log" 2>&1 &
QF_PID=$!
trap 'kill $BARE_PID $QF_PID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$QF_HTTP/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done

send() { java -jar app/target/qingfeng.jar send --host 127.0.0.1 --port "$1" "${FILES[@]}" --connections 4 --count "$2"; }
echo "warm-up"
send "$BARE" 20000 >/dev/null
send "$QF_MLLP" 20000 >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r bare      $(send "$BARE" "$COUNT")"
  echo "round $r qingfeng  $(send "$QF_MLLP" "$COUNT")"
done
