#!/usr/bin/env bash
# Start-up: seconds from launching the service (on MySQL, schema already migrated) to its health checks
# passing, and the rule base build time it reports, against the same JVM and jar running Dropwizard's
# `check` command (read and validate config.yml, no server) in the same run. Median of 5 launches each.
# Usage: bench/startup.sh [launches, default 5]
source "$(dirname "$0")/lib.sh"
LAUNCHES=${1:-5}

build_jar
fresh_database
java -jar target/ticketspace.jar db migrate config.yml >/dev/null 2>&1

now() { date +%s.%N; }
since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.3f", end - start }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
: >"$BENCH_WORK/startup.txt"
for launch in $(seq 1 "$LAUNCHES"); do
  started=$(now)
  java $BENCH_JAVA_OPTS -jar target/ticketspace.jar check config.yml >/dev/null 2>&1
  check=$(since "$started")
  started=$(now)
  start_server startup 18080 18081
  wait_healthy 18081
  healthy=$(since "$started")
  build=$(curl -sf http://127.0.0.1:18081/metrics | grep -o '"rules.build":{[^}]*' | grep -o '"max":[0-9.eE-]*' | cut -d: -f2)
  stop_servers
  echo "launch $launch: healthy after ${healthy}s (rules built in ${build}s); check command ${check}s"
  echo "$healthy $build $check" >>"$BENCH_WORK/startup.txt"
done
healthy=$(cut -d' ' -f1 "$BENCH_WORK/startup.txt" | median)
build=$(cut -d' ' -f2 "$BENCH_WORK/startup.txt" | median)
check=$(cut -d' ' -f3 "$BENCH_WORK/startup.txt" | median)
awk -v n="$LAUNCHES" -v healthy="$healthy" -v build="$build" -v check="$check" 'BEGIN {
  printf "\nstart-up, median of %d: healthy after %.2f s, rule base built in %.2f s; baseline (check command) %.2f s; ratio %.1fx\n",
    n, healthy, build, check, healthy / check }'
