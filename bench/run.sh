#!/usr/bin/env bash
# Runs the ledger benchmark (see README.md): builds the app and its test classes, then runs
# casegrid.bench.LedgerBench in its own JVM with a small heap. Not part of `mvnw verify`.
#   bench/run.sh                      # 100k items, 200 requests per page, -Xmx256m
#   BENCH_ITEMS=20000 BENCH_HEAP=128m bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS="${BENCH_ITEMS:-100000}"
REQUESTS="${BENCH_REQUESTS:-200}"
HEAP="${BENCH_HEAP:-256m}"
OUT="${BENCH_OUT:-bench/results/latest.md}"

./mvnw -q -pl app test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)"

exec java -Xmx"$HEAP" -Duser.timezone=Asia/Shanghai \
  -Dbench.items="$ITEMS" -Dbench.explain="${BENCH_EXPLAIN:-false}" -Dbench.secondStreet="${BENCH_SECOND_STREET:-false}" -Dbench.requests="$REQUESTS" -Dbench.out="$OUT" \
  -cp "$CP" casegrid.bench.LedgerBench
