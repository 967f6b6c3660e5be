#!/usr/bin/env bash
# Live: two replicas on one MySQL database; customers stream from replica B while their changes go to
# replica A. Time from an event's acceptance (A's 200) to its state event on B, p50/p99 over 1,000
# changes; also from sending it. Then what carrying the changes cost: change-log queries and rows each
# replica read, and on NATS the notices the relay published and B received.
# Usage: bench/live.sh [changes, default 1000] [customers, default 50] [transport: database (default) or nats]
# With nats, .ci/nats-setup makes sure a JetStream server answers on 127.0.0.1:4222.
source "$(dirname "$0")/lib.sh"
CHANGES=${1:-1000}
CUSTOMERS=${2:-50}
TRANSPORT=${3:-database}

case "$TRANSPORT" in
  database) LIVE_OPTS=() ;;
  nats)
    bash .ci/nats-setup >/dev/null
    LIVE_OPTS=(-Ddw.live.transport=nats -Ddw.live.nats.url=nats://127.0.0.1:4222
      -Ddw.live.nats.stream=TICKETSPACE_BENCH -Ddw.live.nats.subjectPrefix=ticketspace-bench) ;;
  *) echo "bench/live.sh: transport must be database or nats, not $TRANSPORT" >&2; exit 2 ;;
esac

build_jar
fresh_database
start_server live-a 18080 18081 "${LIVE_OPTS[@]}"
wait_healthy 18081
start_server live-b 18090 18091 "${LIVE_OPTS[@]}"
wait_healthy 18091

# count NAME ADMIN_PORT: a counter's count on the replica's /metrics (0 when it has none)
count() {
  curl -sf "http://127.0.0.1:$2/metrics" | grep -o "\"$1\":{\"count\":[0-9]*" | grep -o '[0-9]*$' || echo 0
}
before_a=$(count live.changeLog.queries 18081); before_b=$(count live.changeLog.queries 18091)
rows_a=$(count live.changeLog.rows 18081); rows_b=$(count live.changeLog.rows 18091)
started=$(date +%s.%N)
result=$(java -cp target/ticketspace.jar dev.ticketspace.bench.LiveLatency http://127.0.0.1:18080 http://127.0.0.1:18090 \
  "${DEMO_API_KEY:-demo-api-key-change-me}" "${DEMO_MESSENGER_SECRET:-demo-messenger-secret-change-me-0123456789}" \
  "$CUSTOMERS" "$CHANGES" | grep '^RESULT')
seconds=$(awk -v from="$started" -v to="$(date +%s.%N)" 'BEGIN { print to - from }')
echo "$result transport=$TRANSPORT seconds=$seconds"
echo "$result" | awk -v transport="$TRANSPORT" '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END { printf "\nlive (%s), accepted on replica A to state event on replica B over %d changes: p50 %.0f ms, p99 %.0f ms, max %.0f ms (from sending: p50 %.0f ms, p99 %.0f ms)\n",
        transport, v["changes"], v["p50_ms"], v["p99_ms"], v["max_ms"], v["sent_p50_ms"], v["sent_p99_ms"] }'
awk -v s="$seconds" -v qa="$(( $(count live.changeLog.queries 18081) - before_a ))" \
    -v qb="$(( $(count live.changeLog.queries 18091) - before_b ))" \
    -v ra="$(( $(count live.changeLog.rows 18081) - rows_a ))" -v rb="$(( $(count live.changeLog.rows 18091) - rows_b ))" \
  'BEGIN { printf "change log read in %.1f s: replica A %d queries (%.1f/s), %d rows (%.1f/s); replica B %d queries (%.1f/s), %d rows (%.1f/s)\n",
           s, qa, qa / s, ra, ra / s, qb, qb / s, rb, rb / s }'
if [ "$TRANSPORT" = nats ]; then
  echo "NATS: relay published $(( $(count live.relay.published 18081) + $(count live.relay.published 18091) )) notices;" \
    "B received $(count live.nats.received 18091) (dropped as repeats: $(count live.nats.repeats 18091))," \
    "A received $(count live.nats.received 18081)"
fi
