#!/usr/bin/env bash
# Read path: GET /api/v1/messenger for 10,000 generated customers (a token each) under wrk at 64
# connections, against GET /api/v1/messenger/ping (authentication and a constant body) on the same
# server in the same run, alternating rounds. Prints requests/s, p50/p99 and the ratios.
# Usage: bench/read.sh [seconds per round, default 20] [rounds, default 2]
source "$(dirname "$0")/lib.sh"
SECONDS_PER_ROUND=${1:-20}
ROUNDS=${2:-2}
if ! command -v wrk >/dev/null; then
  echo "installing wrk"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || { echo "bench/read.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
fi

build_jar
fresh_database
generate_customers 10000
start_server read 18080 18081
wait_healthy 18081

load() { # load PATH SECONDS -> the RESULT line of wrk
  TOKENS="$BENCH_WORK/tokens.txt" wrk -t2 -c64 -d"$2"s --latency -s bench/read.lua "http://127.0.0.1:18080$1" \
    | grep '^RESULT'
}
# Warm-up, defined by the work done rather than by time: the JIT on the baseline path, then every
# customer's state read once (the view cache's steady state; also the state path's JIT warm-up).
echo "warming up"
load /api/v1/messenger/ping 10 >/dev/null
# Fewer at once than the request cap: a first read decides the customer's generated rows, which is slow,
# and moves the customer's version on, so it is the second read that leaves the state in the view cache.
read_every_customer 18080 16
read_every_customer 18080
: >"$BENCH_WORK/read.txt"
for round in $(seq 1 "$ROUNDS"); do
  for endpoint in BASELINE:/api/v1/messenger/ping STATE:/api/v1/messenger; do
    result=$(load "${endpoint#*:}" "$SECONDS_PER_ROUND")
    line="${endpoint%%:*} ${result#RESULT }"
    echo "round $round: $line"
    echo "$line" >>"$BENCH_WORK/read.txt"
  done
done
awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1]] += kv[2] } n[$1]++ }
  END {
    b = v["BASELINE", "rps"] / n["BASELINE"]; s = v["STATE", "rps"] / n["STATE"]
    bp50 = v["BASELINE", "p50_ms"] / n["BASELINE"]; sp50 = v["STATE", "p50_ms"] / n["STATE"]
    bp99 = v["BASELINE", "p99_ms"] / n["BASELINE"]; sp99 = v["STATE", "p99_ms"] / n["STATE"]
    printf "\nread path, 64 connections: state %.0f req/s (p50 %.2f ms, p99 %.2f ms), baseline %.0f req/s (p50 %.2f ms, p99 %.2f ms)\n", s, sp50, sp99, b, bp50, bp99
    printf "ratio: %.2f of the baseline req/s, p99 %.2fx the baseline p99; errors: %d\n", s / b, sp99 / bp99, v["STATE", "errors"] + v["BASELINE", "errors"]
  }' "$BENCH_WORK/read.txt"
awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1]] += kv[2] } n[$1]++ }
  END {
    b = v["BASELINE", "rps"] / n["BASELINE"]; s = v["STATE", "rps"] / n["STATE"]
    bp99 = v["BASELINE", "p99_ms"] / n["BASELINE"]; sp99 = v["STATE", "p99_ms"] / n["STATE"]
    printf "State reads a second, of the ping baseline'\''s\t%.3f\t%.0f / %.0f req/s; target 0.8\thigher\t0.8\n", s / b, s, b
    printf "State read p99, of the ping baseline'\''s\t%.3f\t%.1f ms / %.1f ms; target 1.5\tlower\t1.5\n", sp99 / bp99, sp99, bp99
  }' "$BENCH_WORK/read.txt" | bench/chart.py "${CHART_DIR:-docs}/read-path.svg" \
  "Read path against its baseline (1 = the ping baseline; the bold mark is the target)" \
  "bench/read.sh, 10,000 customers, 64 connections, $(nproc) cores, $(date +%F)"
