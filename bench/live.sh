#!/usr/bin/env bash
# Live: two replicas on one MySQL database; customers stream from replica B while their changes go to
# replica A. Time from an event's acceptance (A's 200) to its state event on B, p50/p99 over 1,000
# changes; also from sending it.
# Usage: bench/live.sh [changes, default 1000] [customers, default 50]
source "$(dirname "$0")/lib.sh"
CHANGES=${1:-1000}
CUSTOMERS=${2:-50}

build_jar
fresh_database
start_server live-a 18080 18081
wait_healthy 18081
start_server live-b 18090 18091
wait_healthy 18091
result=$(java -cp target/ticketspace.jar dev.ticketspace.bench.LiveLatency http://127.0.0.1:18080 http://127.0.0.1:18090 \
  "${DEMO_API_KEY:-demo-api-key-change-me}" "${DEMO_MESSENGER_SECRET:-demo-messenger-secret-change-me-0123456789}" \
  "$CUSTOMERS" "$CHANGES" | grep '^RESULT')
echo "$result"
echo "$result" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END { printf "\nlive, accepted on replica A to state event on replica B over %d changes: p50 %.0f ms, p99 %.0f ms, max %.0f ms (from sending: p50 %.0f ms, p99 %.0f ms)\n",
        v["changes"], v["p50_ms"], v["p99_ms"], v["max_ms"], v["sent_p50_ms"], v["sent_p99_ms"] }'
