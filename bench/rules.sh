#!/usr/bin/env bash
# Rule evaluation: one customer's read-time decisions through Drools vs. the same decisions in plain
# Java (checked to agree on 2,000 generated customers first). Prints both and the ratio.
# Usage: bench/rules.sh [extra JMH options, e.g. -f 2 -i 10]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench package -DskipTests
out=$(mktemp)
java -cp target/ticketspace.jar org.openjdk.jmh.Main RuleEvaluationBenchmark \
  -f 1 -wi 5 -w 2s -i 8 -r 2s -rf csv -rff "$out" "$@"
awk -F, 'NR > 1 { gsub(/"/, ""); name = $1; sub(/.*\./, "", name); score[name] = $5; err[name] = $6 }
  END {
    printf "\nrule evaluation, us/op: drools %.2f (+-%.2f), hand-written Java %.2f (+-%.2f), ratio %.1fx\n",
      score["drools"], err["drools"], score["handWrittenJava"], err["handWrittenJava"],
      score["drools"] / score["handWrittenJava"]
  }' "$out"
