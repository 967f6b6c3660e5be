#!/usr/bin/env bash
# Rule evaluation: the read-time rules through Drools vs. the same decisions in plain Java (checked to
# agree on 2,000 generated customers first), for one subject, one customer's read and one whole customer.
# Prints each pair and its ratio.
# Usage: bench/rules.sh [extra JMH options, e.g. -f 2 -i 10]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench package -DskipTests
out=$(mktemp)
java -cp target/ticketspace.jar org.openjdk.jmh.Main RuleEvaluationBenchmark \
  -f 1 -wi 5 -w 2s -i 8 -r 2s -rf csv -rff "$out" "$@"
awk -F, 'NR > 1 { gsub(/"/, ""); name = $1; sub(/.*\./, "", name); score[name] = $5; err[name] = $6 }
  function line(what, key) {
    printf "%-40s drools %8.2f (+-%.2f), hand-written Java %7.3f (+-%.3f), ratio %.1fx\n", what,
      score[key "Drools"], err[key "Drools"], score[key "Java"], err[key "Java"], score[key "Drools"] / score[key "Java"]
  }
  END {
    print "\nrule evaluation, us/op:"
    line("one subject (an event, per subject):", "subject")
    line("one customer read (over its counts):", "customer")
    line("one whole customer (a rules change):", "wholeCustomer")
  }' "$out"
