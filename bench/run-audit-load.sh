#!/usr/bin/env bash
# End-to-end anti-统方 load: audit lines/s from a pgaudit log file (the AuditMix: HIS lookups, monthly reports,
# ad-hoc narrow statistics), read, classified, attributed, checked and written to the ledger, on an H2 file database.
# Usage (from the repository root, after ./mvnw -DskipTests package):
#   bench/run-audit-load.sh [rounds=3] [lines per round=200000]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
LINES=${2:-200000}
WORK=$(mktemp -d /tmp/qingfeng-audit.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
trap 'kill ${QF_PID:-} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
java -cp bench/target/benchmarks.jar org.qingfeng.bench.AuditMix "$WORK/mix.log" "$LINES"
for r in $(seq 1 "$ROUNDS"); do
  QF_HTTP=$(free_port); QF_MLLP=$(free_port)
  QINGFENG_DB_URL="jdbc:h2:file:$WORK/qingfeng-$r;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  QINGFENG_ADMIN_PASSWORD=bench-admin java -jar app/target/qingfeng.jar \
    --server.port="$QF_HTTP" --qingfeng.mllp.feeds[0].port="$QF_MLLP" --qingfeng.mllp.feeds[0].bind-address=127.0.0.1 \
    --qingfeng.ingest.journal-dir="$WORK/journal-$r" \
    --qingfeng.data-access.files[0].path="$WORK/audit-$r.log" --qingfeng.data-access.files[0].format=pgaudit \
    "--qingfeng.data-access.files[0].line-prefix=%m [%p] %q%u@%d %h " > "$WORK/qingfeng-$r.log" 2>&1 &
  QF_PID=$!
  for _ in $(seq 1 90); do
    curl -sf "http://127.0.0.1:$QF_HTTP/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
  cp "$WORK/mix.log" "$WORK/staging-$r.log" && mv "$WORK/staging-$r.log" "$WORK/audit-$r.log"
  START=$(date +%s.%N)
  read_lines() {
    curl -sf -u admin:bench-admin "http://127.0.0.1:$QF_HTTP/actuator/prometheus" \
      | awk '/^qingfeng_audit_lines_total/ {s+=$2} END {printf "%d", s+0}'
  }
  TOTAL=$(wc -l < "$WORK/mix.log")
  while [ "$(read_lines)" -lt "$TOTAL" ]; do sleep 0.2; done
  END=$(date +%s.%N)
  python3 -c "print('round $r: %d log lines (%d entries) in %.1f s = %.0f lines/s, %.0f entries/s' % ($TOTAL, $LINES, $END-$START, $TOTAL/($END-$START), $LINES/($END-$START)))"
  kill "$QF_PID"; wait "$QF_PID" 2>/dev/null || true
done
