#!/usr/bin/env bash
# The daily re-chase herd (bench/README.md, "The daily re-chase herd"). Not part of `mvnw verify`.
#   BENCH_TEMPLATE_APP=<db seeded by TimerBench seed-app> bench/herd.sh
# One node (application.yaml's settings) on a copy of a seeded database. Twice: every T+2 timer due at one
# instant (the herd), then each at its own offset within WINDOW seconds (what DeadlineTimers.dailyFrom(due,
# number) does with casegrid.deadlines.chase-spread). Measures how long until the last chase is recorded and a
# caseworker's Tasklist page p50/p95 meanwhile. 10k timers in a 360 s window arrive at the rate of 100k in
# the default hour (28/s).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
TEMPLATE="${BENCH_TEMPLATE_APP:?a database seeded by TimerBench seed-app (seeded with HERD_TIMERS if it does not exist)}"
WINDOW="${HERD_WINDOW:-360}"
OUT="${BENCH_OUT:-bench/results/herd-$(date -u +%Y-%m-%d-%H%M).md}"
TAG="herd$$"
cleanup() { stop_all || true; for m in all spread; do dropdb --if-exists "${TAG}_$m" || true; done; }
trap cleanup EXIT
out() { printf '%s\n' "$*" | tee -a "$OUT"; }
build
template_app "$TEMPLATE" "${HERD_TIMERS:-10000}"
PAGE="http://127.0.0.1:18481/engine-rest/task?candidateGroup=community-C03&sortBy=dueDate&sortOrder=asc&maxResults=50"
sampler() { while [ -e "$WORK/sampling" ]; do
    curl -s -o /dev/null -w '%{time_total}\n' -u c03-staff:c03-staff "$PAGE" >>"$1"
  done; }
p95() { sort -n "$1" | awk '{ a[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int(NR * 0.95); if (i < 1) i = 1; printf "p95 %.0f ms, p50 %.0f ms, %d samples", a[i] * 1000, a[int((NR + 1) / 2)] * 1000, NR }'; }

out "# The daily re-chase herd, $(date -u '+%Y-%m-%d %H:%M UTC'), window $WINDOW s, load $(cut -d' ' -f1-3 /proc/loadavg)"
out ""
out "| how the chases fall due | timers | last chase recorded after | Tasklist page meanwhile | the page idle, before |"
out "|---|---:|---:|---|---|"
for mode in all spread; do
  db="${TAG}_$mode"
  createdb -T "$TEMPLATE" "$db"
  start_node herd 18481 "$db"
  wait_ready 18481
  sleep 5
  # The page idle first, after one call not counted: a node's first call loads classes and caches (10–46 s on
  # the loaded machine), which is not what the herd does to the page.
  curl -s -o /dev/null -u c03-staff:c03-staff "$PAGE" || true
  touch "$WORK/sampling"; : >"$WORK/idle-$mode.txt"
  sampler "$WORK/idle-$mode.txt" & s=$!
  sleep 10; rm -f "$WORK/sampling"; wait $s || true
  t0=$(sql "$db" "select $NOW_SQL")
  if [ $mode = all ]; then
    n=$(sql "$db" "with d as (update act_ru_job set duedate_ = '$t0' where $T2 returning 1) select count(*) from d")
  else
    n=$(sql "$db" "with d as (update act_ru_job set duedate_ = '$t0'::timestamp + (abs(hashtext(process_instance_id_)) % $WINDOW) * interval '1 second' where $T2 returning 1) select count(*) from d")
  fi
  start=$(date +%s.%N)
  touch "$WORK/sampling"; : >"$WORK/$mode.txt"
  sampler "$WORK/$mode.txt" & s=$!
  limit=$(( $(date +%s) + WINDOW + ${HERD_TIMEOUT:-7200} ))
  until [ "$(sql "$db" "select count(*) from act_ru_job where $T2 and duedate_ <= '$t0'::timestamp + interval '$WINDOW seconds'")" = 0 ]; do
    [ "$(date +%s)" -lt $limit ] || { log "chases still due $((WINDOW + ${HERD_TIMEOUT:-7200})) s after the first fell due"; exit 1; }
    sleep 0.5
  done
  end=$(date +%s.%N)
  rm -f "$WORK/sampling"; wait $s || true
  label=$([ $mode = all ] && echo "all at one instant (today)" || echo "spread over $WINDOW s")
  out "| $label | $n | $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.0f s", e - s }') | $(p95 "$WORK/$mode.txt") | $(p95 "$WORK/idle-$mode.txt") |"
  stop_all
  dropdb "$db"
done
