#!/usr/bin/env bash
# Streams at scale: one replica (-Xmx HEAP) holds STREAMS event streams of CUSTOMERS generated customers,
# opened all at once by client processes of their own, after every customer was read once (their
# decisions stored, as after a deploy). Prints the reconnect storm's time (until every stream had its
# first state event), the replica's RSS and heap per stream against the same replica
# before the streams, one customer's change to its streams (p50/p99, one at a time as the baseline, then
# RATE customers a second), and a workspace-wide change (a Home app added) to every stream, with the
# p99 of state reads during it against before it.
# Usage: bench/streams.sh [streams, default 10000] [customers, default = streams] [heap, default 768m]
#        [changes at the rate, default 2000] [rate a second, default 100]
BENCH_DB=${BENCH_DB:-ticketspace_bench_streams}
STREAMS=${1:-10000}
CUSTOMERS=${2:-$STREAMS}
HEAP=${3:-768m}
CHANGES=${4:-2000}
RATE=${5:-100}
BENCH_JAVA_OPTS="-Xmx$HEAP"
source "$(dirname "$0")/lib.sh"

# A socket a stream on both sides: the replica can hold as many streams as its open-file limit allows,
# less what it needs besides (raising the hard limit takes CAP_SYS_RESOURCE). One client process per
# 15,000 streams, and one replica address per 25,000 (each address has its own ephemeral ports).
ulimit -n "$(ulimit -Hn)"
if [ "$STREAMS" -gt $(( $(ulimit -Hn) - 1000 )) ]; then
  echo "bench/streams.sh: $STREAMS streams need more open files than this shell's hard limit, $(ulimit -Hn)" >&2
  exit 2
fi
PROCESSES=$(( (STREAMS + 14999) / 15000 ))
BASES=$(seq 1 $(( (STREAMS + 24999) / 25000 )) | sed 's|.*|http://127.0.0.&:28080|' | paste -sd,)

build_jar
fresh_database
generate_customers "$CUSTOMERS"
# shellcheck disable=SC2086
start_server streams 28080 28081 ${BENCH_SERVER_OPTS:-}
wait_healthy 28081
# Every customer read once, so that their decisions are stored as a running service has them: the storm
# then measures clients reconnecting after a deploy, not the first decision of generated rows. Fewer at
# once than the request cap: a first read decides the customer's rows, which is slow.
read_every_customer 28080 16
result=$(java -Xmx512m -Dbench.tokens="$BENCH_WORK/tokens.txt" -cp target/ticketspace.jar dev.ticketspace.bench.StreamsBench \
  http://127.0.0.1:28080 http://127.0.0.1:28081 "${SERVER_PIDS[0]}" "${DEMO_API_KEY:-demo-api-key-change-me}" \
  "$BASES" "$STREAMS" "$CUSTOMERS" "$PROCESSES" "$CHANGES" "$RATE" | tee /dev/stderr | grep '^RESULT')
echo "$result heap=$HEAP"
echo "$result" | awk -v heap="$HEAP" '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END {
    printf "\nstreams at scale, %d streams of %d customers, -Xmx%s (%d ended early)\n", v["streams"], v["customers"], heap, v["ended"]
    printf "reconnect storm: every stream had its first state event in %.2f s (replica CPU %.1f s)\n", v["connect_s"], v["cpu_connect_s"]
    printf "memory: RSS %.0f MB (%.0f MB before the streams, peak %.0f MB): %.1f KB a stream; heap after a full GC %.0f MB (%.0f MB before): %.1f KB a stream\n",
      v["rss_mb"], v["rss_idle_mb"], v["peak_rss_mb"], v["rss_per_stream_kb"], v["heap_mb"], v["heap_idle_mb"], v["heap_per_stream_kb"]
    printf "one customer'\''s change, 200 to every stream of theirs: one at a time p50 %.0f ms, p99 %.0f ms; %d a second: p50 %.0f ms, p99 %.0f ms (%.1f× the baseline p99; replica CPU %.1f s)\n",
      v["quiet_p50_ms"], v["quiet_p99_ms"], v["rate"], v["p50_ms"], v["p99_ms"], v["p99_ms"] / v["quiet_p99_ms"], v["cpu_changes_s"]
    printf "workspace-wide change to every stream: %.2f s (%.2f cores); state reads meanwhile p99 %.1f ms against %.1f ms before (%.1f×, %d reads)\n",
      v["wide_s"], v["wide_cpu_cores"], v["probe_p99_during_ms"], v["probe_p99_before_ms"], v["probe_p99_during_ms"] / v["probe_p99_before_ms"], v["probe_reads_during"]
  }'
echo "$result" | awk -v rate="$RATE" '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END {
    printf "Reconnect storm, %d streams\t%.3f\t%.1f s / 15 s\tlower\n", v["streams"], v["connect_s"] / 15, v["connect_s"]
    printf "Workspace-wide change, %d streams\t%.3f\t%.1f s / 5 s\tlower\n", v["streams"], v["wide_s"] / 5, v["wide_s"]
    printf "One customer'\''s change at %d/s, p99\t%.3f\t%d ms / 1,000 ms\tlower\n", rate, v["p99_ms"] / 1000, v["p99_ms"]
    printf "RSS with every stream open\t%.3f\t%d MB / 1,024 MB\tlower\n", v["rss_mb"] / 1024, v["rss_mb"]
    printf "Peak RSS during the run\t%.3f\t%d MB / 1,024 MB\tlower\n", v["peak_rss_mb"] / 1024, v["peak_rss_mb"]
    printf "Live heap a stream\t%.3f\t%.1f KB / 30 KB\tlower\n", v["heap_per_stream_kb"] / 30, v["heap_per_stream_kb"]
  }' | bench/chart.py "${CHART_DIR:-docs}/streams-at-scale.svg" \
  "Streams at scale: figure ÷ target (1 = the target; shorter is better)" \
  "bench/streams.sh $STREAMS, one replica at -Xmx$HEAP, $(nproc) cores, $(date +%F)"
