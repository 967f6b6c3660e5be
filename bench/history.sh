#!/usr/bin/env bash
# What a customer's history costs, on MySQL: an uncached state read and a one-event post for a customer
# with 5 tickets and for one with 10,000, interleaved in one run against one server with its view cache
# off. Prints the medians and the ratios large / small (target: within 2x).
# Usage: bench/history.sh [small tickets, default 5] [large tickets, default 10000] [rounds, default 200]
source "$(dirname "$0")/lib.sh"
SMALL=${1:-5}
LARGE=${2:-10000}
ROUNDS=${3:-200}

build_jar
fresh_database
start_server history 18080 18081 -Ddw.live.viewCacheTtl=0s
wait_healthy 18081
result=$(java -cp target/ticketspace.jar dev.ticketspace.bench.HistoryCost http://127.0.0.1:18080 \
  "${DEMO_API_KEY:-demo-api-key-change-me}" "$SMALL" "$LARGE" "$ROUNDS" | grep '^RESULT')
echo "$result"
echo "$result" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END { printf "\nhistory cost on MySQL, %d vs %d tickets: read %.1f ms vs %.1f ms (%.2fx), one-event post %.1f ms vs %.1f ms (%.2fx)\n",
        v["small"], v["large"], v["read_small_ms"], v["read_large_ms"], v["read_ratio"],
        v["post_small_ms"], v["post_large_ms"], v["post_ratio"] }'
echo "$result" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END {
    printf "Uncached state read\t%.3f\t%.1f ms / %.1f ms; target 2\tlower\t2\n", v["read_ratio"], v["read_large_ms"], v["read_small_ms"]
    printf "One-event POST /events\t%.3f\t%.1f ms / %.1f ms; target 2\tlower\t2\n", v["post_ratio"], v["post_large_ms"], v["post_small_ms"]
  }' | bench/chart.py "${CHART_DIR:-docs}/history-cost.svg" \
  "A customer's history: the cost with $LARGE tickets ÷ with $SMALL (the bold mark is the target)" \
  "bench/history.sh on MySQL, medians of $ROUNDS, view cache off, $(nproc) cores, $(date +%F)"
