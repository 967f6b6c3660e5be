# Shared by the bench/*.sh scripts: a fresh MySQL database, the service jar, servers started and stopped.
# Settings (environment): BENCH_DB (default ticketspace_bench), BENCH_JAVA_OPTS, BENCH_WORK (scratch folder).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DB=${BENCH_DB:-ticketspace_bench}
BENCH_WORK=${BENCH_WORK:-target/bench}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms1g -Xmx2g}
mkdir -p "$BENCH_WORK"
SERVER_PIDS=()

stop_servers() {
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
}
trap stop_servers EXIT

# The jar with the benchmark classes (JMH and the Java load clients) beside the service.
build_jar() {
  ./mvnw -q -B -ntp -Pbench package -DskipTests
}

# An empty MySQL database (MariaDB started if need be, as CI does), used through the configuration's
# environment variables by every command and server started afterwards.
fresh_database() {
  TICKETSPACE_TEST_MYSQL_DB="$BENCH_DB" bash .ci/mysql-setup >/dev/null
  mysql -h127.0.0.1 --protocol=TCP -uticketspace -pticketspace \
    -e "DROP DATABASE IF EXISTS \`$BENCH_DB\`; CREATE DATABASE \`$BENCH_DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  export TICKETSPACE_DB_DRIVER=com.mysql.cj.jdbc.Driver
  export TICKETSPACE_DB_URL="jdbc:mysql://127.0.0.1:3306/$BENCH_DB"
  export TICKETSPACE_DB_USER=ticketspace TICKETSPACE_DB_PASSWORD=ticketspace
}

# start_server NAME PORT ADMIN_PORT [java options...]: starts the service in the background (log in
# $BENCH_WORK/NAME.log); wait_healthy ADMIN_PORT waits until its health checks pass.
start_server() {
  local name=$1 port=$2 admin=$3
  shift 3
  # shellcheck disable=SC2086
  TICKETSPACE_PORT=$port TICKETSPACE_ADMIN_PORT=$admin \
    java $BENCH_JAVA_OPTS "$@" -jar target/ticketspace.jar server config.yml >"$BENCH_WORK/$name.log" 2>&1 &
  SERVER_PIDS+=($!)
}

wait_healthy() {
  local admin=$1
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$admin/healthcheck" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: the server on admin port $admin did not become healthy; see $BENCH_WORK/*.log" >&2
  exit 1
}

generate_customers() {
  java -jar target/ticketspace.jar generate --workspace demo --customers "${1:-10000}" \
    --tokens "$BENCH_WORK/tokens.txt" config.yml
}

# read_every_customer PORT [AT_ONCE]: GET /api/v1/messenger once with each token, AT_ONCE (64) at a time,
# by one curl (each transfer its own block of the config file, its token in a header, never in a URL);
# fails unless every answer is 200.
read_every_customer() {
  local config="$BENCH_WORK/read-every-customer.curl"
  awk -v port="$1" 'NR > 1 { print "next" }
    { printf "url = \"http://127.0.0.1:%s/api/v1/messenger\"\nheader = \"Authorization: Bearer %s\"\n", port, $0
      print "silent"; print "show-error"; print "output = \"/dev/null\""; print "write-out = \"%{http_code}\\n\"" }' \
    "$BENCH_WORK/tokens.txt" >"$config"
  local codes
  codes=$(curl --no-progress-meter --parallel --parallel-max "${2:-64}" -K "$config" | sort | uniq -c || true)
  rm -f "$config"
  local answered
  answered=$(awk '$2 == 200 { n += $1 } END { print n + 0 }' <<<"$codes")
  if [ "$answered" -ne "$(wc -l <"$BENCH_WORK/tokens.txt")" ]; then
    echo "$0: the warm-up read did not answer 200 for every customer:" $codes >&2
    exit 1
  fi
  echo "warm-up: $answered customers read once"
}
