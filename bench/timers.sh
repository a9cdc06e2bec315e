#!/usr/bin/env bash
# Timer drain benchmark (bench part 4, see bench/README.md "Timers"). Not part of `mvnw verify`.
#   bench/timers.sh                          # 10k timers, settings "before" and "after", 1 and 2 nodes
#   BENCH_TIMERS=2000 BENCH_SETTINGS=after bench/timers.sh
# Needs the local PostgreSQL on 127.0.0.1:5432 (trust, user postgres); creates and drops its own databases.
# Seeds once (TimerBench seed-app / seed-bare) into template databases, then for each settings set and node
# count copies a fresh database from the template (CREATE DATABASE … TEMPLATE), starts the nodes with the
# job executor idle (all timers due tomorrow), moves the timers due at once and polls until none is due.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
N="${BENCH_TIMERS:-10000}"
SETTINGS="${BENCH_SETTINGS:-before after}"
NODES="${BENCH_NODES:-1 2}"
OUT="${BENCH_OUT:-bench/results/timers-$(date -u +%Y-%m-%d-%H%M).md}"
TAG="tb$$"
# The job-executor settings of application.yaml before issue 14 (after = application.yaml as it is now).
BEFORE="--camunda.bpm.job-execution.core-pool-size=3 --camunda.bpm.job-execution.max-pool-size=6
  --camunda.bpm.job-execution.queue-capacity=10 --camunda.bpm.job-execution.max-jobs-per-acquisition=5
  --camunda.bpm.job-execution.wait-time-in-millis=1000 --camunda.bpm.job-execution.max-wait=10000
  --camunda.bpm.job-execution.backoff-time-in-millis=0"

cleanup() {
  stop_all || true
  for db in $(psql -X -qtA -d postgres -c "select datname from pg_database where datname like '${TAG}%'"); do
    dropdb --if-exists "$db" || true
  done
}
trap cleanup EXIT

out() { printf '%s\n' "$*" | tee -a "$OUT"; }

build
mkdir -p "$(dirname "$OUT")"
out "# Timer drain, $(date -u '+%Y-%m-%d %H:%M UTC'), $N timers"
out ""
out "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(psql -X -qtA -d postgres -c 'select version()' | cut -d, -f1), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
out ""

if [ -n "${BENCH_TEMPLATE_APP:-}" ]; then
  # A database seeded once and kept (seeded now if it does not exist yet); copied, never changed.
  template_app "$BENCH_TEMPLATE_APP" "$N"
  createdb -T "$BENCH_TEMPLATE_APP" "${TAG}_app"
  out "Seeded database reused: $BENCH_TEMPLATE_APP ($(sql "${TAG}_app" "select count(*) from act_ru_job where $T2") T+2 timers, $(sql "${TAG}_app" "select count(*) from act_ru_job where $PLAIN") plain)"
else
  log "seeding $N items with a T+2 timer and $N plain timers (casegrid)"
  createdb "${TAG}_app"
  seed_app "${TAG}_app" "$N" | tee -a "$OUT"
fi
log "seeding $N plain timers (bare engine)"
createdb "${TAG}_bare"
java -Xmx256m -Duser.timezone="$NODE_TZ" -Dbench.timers="$N" -cp "$CP" casegrid.bench.TimerBench seed-bare \
  "jdbc:postgresql://$PGHOST:$PGPORT/${TAG}_bare" >"$WORK/seed-bare.log" 2>&1 || { tail -50 "$WORK/seed-bare.log"; exit 1; }
grep seeded "$WORK/seed-bare.log" | tee -a "$OUT"
out ""

# tasklist_p95 PORT SECONDS_FILE: samples a caseworker's first Tasklist page until the flag file disappears.
tasklist_sampler() {
  local port=$1 flag=$2 file=$3
  while [ -e "$flag" ]; do
    curl -s -o /dev/null -w '%{time_total}\n' -u c03-staff:c03-staff \
      "http://127.0.0.1:$port/engine-rest/task?candidateGroup=community-C03&sortBy=dueDate&sortOrder=asc&maxResults=50" >>"$file"
  done
}
p95() { sort -n "$1" | awk '{ a[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int(NR * 0.95); if (i < 1) i = 1; printf "%.0f ms (p50 %.0f ms, %d samples)", a[i] * 1000, a[int((NR + 1) / 2)] * 1000, NR }'; }

out "| settings | nodes | engine | timers | seconds | jobs/s | exactly once | Tasklist p95 during the drain |"
out "|---|---:|---|---:|---:|---:|---|---|"
for s in $SETTINGS; do
  for nodes in $NODES; do
    db="${TAG}_${s}_${nodes}"
    createdb -T "${TAG}_app" "$db"
    if [ "$s" = before ]; then NODE_ARGS="$BEFORE"; else NODE_ARGS=""; fi
    for i in $(seq "$nodes"); do start_node "node$i" $((18180 + i)) "$db"; done
    for i in $(seq "$nodes"); do wait_ready $((18180 + i)); done
    sleep 5
    # A caseworker's Tasklist while idle, then during the drain (node 1).
    touch "$WORK/sampling"; : >"$WORK/idle.txt"; : >"$WORK/busy.txt"
    tasklist_sampler 18181 "$WORK/sampling" "$WORK/idle.txt" & sampler=$!
    sleep 10; rm -f "$WORK/sampling"; wait $sampler || true
    touch "$WORK/sampling"
    tasklist_sampler 18181 "$WORK/sampling" "$WORK/busy.txt" & sampler=$!
    read -r jobs secs rate <<<"$(drain "$db" "$T2")"
    rm -f "$WORK/sampling"; wait $sampler || true
    records=$(sql "$db" "select count(*) || ' records, ' || count(distinct number) || ' items' from supervision_record where deadline = 'feedback'")
    dup=$(sql "$db" "select count(*) from (select number from supervision_record where deadline = 'feedback' group by number having count(*) > 1) d")
    sup=$(sql "$db" "select count(*) from act_hi_procinst where proc_def_key_ = 'supervision'")
    inc=$(sql "$db" "select count(*) from act_ru_incident")
    once="$records, $sup supervisions, $dup doubles, $inc incidents"
    out "| $s | $nodes | casegrid, T+2 chase | $jobs | $secs | **$rate** | $once | $(p95 "$WORK/busy.txt") (idle: $(p95 "$WORK/idle.txt")) |"
    read -r jobs secs rate <<<"$(drain "$db" "$PLAIN")"
    ended=$(sql "$db" "select count(*) from act_hi_procinst where proc_def_key_ = 'bench-plain-timer' and end_time_ is not null")
    out "| $s | $nodes | casegrid, plain timer | $jobs | $secs | **$rate** | $ended ended | |"
    stop_all
    dropdb "$db"

    db="${TAG}_bare_${s}_${nodes}"
    createdb -T "${TAG}_bare" "$db"
    for i in $(seq "$nodes"); do
      java -Xmx256m -Duser.timezone="$NODE_TZ" -cp "$CP" casegrid.bench.TimerBench run-bare "jdbc:postgresql://$PGHOST:$PGPORT/$db" >"$WORK/bare$i.log" 2>&1 &
      NODE_PIDS+=($!)
    done
    for i in $(seq "$nodes"); do
      t=0
      until grep -q "bare engine running" "$WORK/bare$i.log"; do
        sleep 1; t=$((t + 1))
        [ $t -lt 600 ] || { log "bare engine $i not running after 600 s"; tail -30 "$WORK/bare$i.log" >&2; exit 1; }
      done
    done
    sleep 2
    read -r jobs secs rate <<<"$(drain "$db" "$PLAIN")"
    ended=$(sql "$db" "select count(*) from act_hi_procinst where proc_def_key_ = 'bench-plain-timer' and end_time_ is not null")
    out "| $s | $nodes | bare engine, plain timer | $jobs | $secs | **$rate** | $ended ended | |"
    stop_all
    dropdb "$db"
  done
done
out ""
out "Load after: $(cut -d' ' -f1-3 /proc/loadavg). Settings \"before\": $(echo $BEFORE | tr '\n' ' '); \"after\": application.yaml."
