#!/usr/bin/env bash
# Ingest: events/s for POST /events in batches of 100 on MySQL, against plain JDBC writing again every row
# those events left, in every table, as they left them (one transaction per 100 events, a statement a
# row) in the same run, both from 8 client threads.
# Usage: bench/ingest.sh [batches per measurement, default 300] [client threads, default 8]
source "$(dirname "$0")/lib.sh"
BATCHES=${1:-300}
THREADS=${2:-8}

build_jar
fresh_database
start_server ingest 18080 18081
wait_healthy 18081
load() {
  java -cp target/ticketspace.jar dev.ticketspace.bench.IngestLoad http://127.0.0.1:18080 \
    "${DEMO_API_KEY:-demo-api-key-change-me}" "$TICKETSPACE_DB_URL" "$TICKETSPACE_DB_USER" "$TICKETSPACE_DB_PASSWORD" \
    "$1" "$THREADS" "$2" | grep '^RESULT'
}
echo "warming up"
load 50 warmup >/dev/null
result=$(load "$BATCHES" run)
echo "$result"
echo "$result" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END { printf "\ningest, batches of 100 on MySQL: service %d events/s, plain JDBC %d events/s, ratio %.2f\n",
        v["service_events_per_s"], v["jdbc_events_per_s"], v["ratio"] }'
echo "$result" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END { printf "Events a second, of plain JDBC'\''s\t%.3f\t%d / %d events/s; target 0.5\thigher\t0.5\n",
        v["ratio"], v["service_events_per_s"], v["jdbc_events_per_s"] }' \
  | bench/chart.py "${CHART_DIR:-docs}/ingest.svg" \
  "Ingest against its baseline (1 = plain JDBC writing the same rows; the bold mark is the target)" \
  "bench/ingest.sh, batches of 100 on MySQL, $THREADS client threads, $(nproc) cores, $(date +%F)"
