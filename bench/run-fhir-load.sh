#!/usr/bin/env bash
# FHIR ingest load: MedicationRequests/s through the rest-hook receiver (bundles of 50) with HAPI's JSON parse rate of
# the same bundles as the baseline, and through the poller (paging an in-JVM HAPI RestfulServer), on an H2 file database.
# Usage (from the repository root, after ./mvnw -DskipTests package):
#   bench/run-fhir-load.sh [rounds=3] [MedicationRequests per round=5000] [client threads=4]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
COUNT=${2:-5000}
THREADS=${3:-4}
WORK=$(mktemp -d /tmp/qingfeng-fhir.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
QF_HTTP=$(free_port); QF_MLLP=$(free_port); FHIR_PORT=$(free_port)
CP=bench/target/benchmarks.jar
java -cp "$CP" org.qingfeng.bench.FhirLoad server "$FHIR_PORT" "$COUNT" "$WORK/go" > "$WORK/fhir-server.log" 2>&1 &
FHIR_PID=$!
start_qingfeng() { # $1: poll interval of the polled source, $2: name of this run's database
  QINGFENG_DB_URL="jdbc:h2:file:$WORK/qingfeng-$2;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  QINGFENG_ADMIN_PASSWORD=bench-admin java -jar app/target/qingfeng.jar \
    --server.port="$QF_HTTP" --qingfeng.mllp.feeds[0].port="$QF_MLLP" --qingfeng.mllp.feeds[0].bind-address=127.0.0.1 \
    --qingfeng.ingest.journal-dir="$WORK/journal-$2" --qingfeng.demo.load-reference-data=true \
    --qingfeng.fhir.sources[0].id=hook --qingfeng.fhir.sources[0].notify-secret=bench-secret \
    --qingfeng.fhir.sources[1].id=poll --qingfeng.fhir.sources[1].base-url="http://127.0.0.1:$FHIR_PORT/fhir" \
    --qingfeng.fhir.sources[1].page-size=500 --qingfeng.fhir.sources[1].poll-interval="$1" \
    > "$WORK/qingfeng-$2.log" 2>&1 &
  QF_PID=$!
  for _ in $(seq 1 90); do
    curl -sf "http://127.0.0.1:$QF_HTTP/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "Qingfeng did not start"; exit 1
}
accepted() {
  curl -sf -u admin:bench-admin "http://127.0.0.1:$QF_HTTP/actuator/prometheus" \
    | awk '/^qingfeng_messages_received_total\{.*feed="fhir:poll".*outcome="accepted"/ {s+=$2} END {print s+0}'
}
trap 'kill $FHIR_PID ${QF_PID:-} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "rest-hook (the polled source is off)"
start_qingfeng PT0S hook
java -cp "$CP" org.qingfeng.bench.FhirLoad restHook "http://127.0.0.1:$QF_HTTP" hook bench-secret 2000 "$THREADS" > /dev/null # warm-up
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r $(java -cp "$CP" org.qingfeng.bench.FhirLoad restHook "http://127.0.0.1:$QF_HTTP" hook bench-secret "$COUNT" "$THREADS")"
done
kill "$QF_PID"; wait "$QF_PID" 2>/dev/null || true

echo "poller ($COUNT MedicationRequests on the server, released once Qingfeng is ready; a fresh database each round)"
for r in $(seq 1 "$ROUNDS"); do
  rm -f "$WORK/go"
  start_qingfeng PT1S "poll-$r"
  touch "$WORK/go"
  START=$(date +%s.%N)
  while [ "$(accepted)" -lt "$COUNT" ]; do sleep 0.2; done
  END=$(date +%s.%N)
  python3 -c "print('round $r poller %.0f/s (%d in %.1f s, poll interval 1 s included)' % ($COUNT/($END-$START), $COUNT, $END-$START))"
  kill "$QF_PID"; wait "$QF_PID" 2>/dev/null || true
done
