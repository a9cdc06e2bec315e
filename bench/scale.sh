#!/usr/bin/env bash
# Runs the scale benchmark of issue 14 (see README.md, "Scale benchmark"): builds the app and its test
# classes, then runs casegrid.bench.ScaleBench in its own JVM with a 512 MiB heap. Not part of `mvnw verify`.
#   bench/scale.sh                                      # 10k and 100k open tasks, 100k items
#   BENCH_TASKS2=30000 BENCH_ITEMS=30000 bench/scale.sh # smaller
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${BENCH_OUT:-bench/results/scale-latest.md}"
if [ "${BENCH_SKIP_BUILD:-false}" != true ]; then
  ./mvnw -B -o -q -pl app test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi
# A copy of the compiled classes: a build in this work tree while the bench runs must not change them under it.
SNAP="$(mktemp -d /tmp/casegrid-scale-classes.XXXXXX)"
cp -r app/target/classes "$SNAP/classes" && cp -r app/target/test-classes "$SNAP/test-classes"
CP="$SNAP/test-classes:$SNAP/classes:$(cat app/target/bench.classpath)"

java -Xmx"${BENCH_HEAP:-512m}" -Duser.timezone=Asia/Shanghai \
  -Dbench.items="${BENCH_ITEMS:-100000}" -Dbench.tasks1="${BENCH_TASKS1:-10000}" -Dbench.tasks2="${BENCH_TASKS2:-100000}" \
  -Dbench.requests="${BENCH_REQUESTS:-100}" -Dbench.warmups="${BENCH_WARMUPS:-20}" -Dbench.perRound="${BENCH_PER_ROUND:-200}" -Dbench.rounds="${BENCH_ROUNDS:-3}" \
  -Dbench.threads="${BENCH_THREADS:-4}" -Dbench.profileCalls="${BENCH_PROFILE_CALLS:-50}" -Dbench.explain="${BENCH_EXPLAIN:-true}" -Dbench.label="${BENCH_LABEL:-as configured}" \
  -Dbench.out="$OUT" ${BENCH_DB:+-Dbench.db="$BENCH_DB"} ${BENCH_JAVA_OPTS:-} \
  -cp "$CP" casegrid.bench.ScaleBench
rm -rf "$SNAP"
