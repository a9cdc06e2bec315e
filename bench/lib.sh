# Shared helpers of bench/timers.sh, bench/faults.sh and bench/backup-drill.sh (sourced, not run).
# Everything is on loopback: PostgreSQL on PGHOST:PGPORT (trust auth, user postgres), casegrid nodes on
# 127.0.0.1 ports. Each script creates its own databases and drops them at the end.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
JAR="${CASEGRID_JAR:-app/target/casegrid-app-0.1.0-SNAPSHOT.jar}"
WORK="${BENCH_WORK:-/tmp/casegrid-bench-$$}"
mkdir -p "$WORK"
NODE_PIDS=()
# Every JVM of the bench runs in the app's zone, and the engine stores due dates as local timestamps of its JVM's
# zone: a due date written by SQL must be that zone's wall time (PostgreSQL's own zone here is UTC, 8 h behind,
# which made every "spread" due date 8 hours overdue).
NODE_TZ="${NODE_TZ:-Asia/Shanghai}"
NOW_SQL="to_char(clock_timestamp() at time zone '$NODE_TZ', 'YYYY-MM-DD HH24:MI:SS.US')"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
sql() { psql -X -qtA -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

# Builds the jar and the test classes (TimerBench) unless BENCH_BUILD=false.
build() {
  if [ "${BENCH_BUILD:-true}" = true ]; then
    ./mvnw -B -o -q -pl app package -DskipTests
    ./mvnw -B -o -q -pl app test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench.classpath
  fi
  CP="app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)"
}

# seed_app DB N: N items waiting on their T+2 feedback (each with the model's timer) and N plain timers, written
# by TimerBench seed-app into the existing database DB; its output in $WORK/seed-DB.log, the counts on stdout.
seed_app() {
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$1" SPRING_DATASOURCE_USERNAME=postgres \
    java -Xmx512m -Duser.timezone="$NODE_TZ" -Dbench.timers="$2" -cp "$CP" casegrid.bench.TimerBench seed-app \
    >"$WORK/seed-$1.log" 2>&1 || { tail -50 "$WORK/seed-$1.log" >&2; return 1; }
  grep seeded "$WORK/seed-$1.log"
}

# template_app DB N: a seeded database kept as a template (BENCH_TEMPLATE_APP): seeded with N on first use
# (seeding is the slow part: 10k items take minutes), reused as it is afterwards.
template_app() {
  if [ -z "$(sql postgres "select 1 from pg_database where datname = '$1'")" ]; then
    log "seeding the template $1 with $2 items (kept for later runs; dropdb $1 to remove it)"
    createdb "$1"
    seed_app "$1" "$2" >&2 || { dropdb "$1"; return 1; }
  fi
}

# start_node NAME PORT DB [extra args...]: one casegrid node from the built jar; log in $WORK/NAME.log.
start_node() {
  local name=$1 port=$2 db=$3; shift 3
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_DATASOURCE_PASSWORD= PORT=$port \
    java -Xmx512m -Duser.timezone="$NODE_TZ" -jar "$JAR" --logging.level.root=warn \
      --casegrid.notifications.worker.enabled="${NOTIFY_WORKER:-false}" --casegrid.platform.worker.enabled=false \
      --camunda.bpm.job-execution.lock-time-in-millis="${LOCK_MS:-300000}" \
      ${NODE_ARGS:-} "$@" >"$WORK/$name.log" 2>&1 &
  echo $! >"$WORK/$name.pid"
  NODE_PIDS+=($!)
}

# wait_ready PORT [seconds]: until the node answers /actuator/health with UP.
wait_ready() {
  local port=$1 limit=${2:-600} t=0
  until curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q UP; do
    sleep 1; t=$((t + 1))
    if [ $t -ge "$limit" ]; then log "node on :$port not ready after ${limit}s"; return 1; fi
  done
}

# A node already gone (faults.sh kills one with SIGKILL) is no error: under set -e a failing kill ended the script.
stop_pid() { kill "$1" 2>/dev/null || return 0; for _ in $(seq 60); do kill -0 "$1" 2>/dev/null || return 0; sleep 1; done; kill -9 "$1" 2>/dev/null || true; }
stop_node() { stop_pid "$(cat "$WORK/$1.pid")"; }
stop_all() { for p in "${NODE_PIDS[@]}"; do stop_pid "$p"; done; NODE_PIDS=(); }

# The timer jobs of the benchmark: T+2 = the model's Timer_FeedbackOverdue, PLAIN = the minimal process's timer.
T2="type_ = 'timer' and process_def_key_ = 'riskItem' and handler_cfg_ like '%Timer_FeedbackOverdue%'"
PLAIN="type_ = 'timer' and process_def_key_ = 'bench-plain-timer'"

# Due timer jobs matching CONDITION in DB, due by the given time.
due_left() { sql "$1" "select count(*) from act_ru_job where $2 and duedate_ <= '$3'"; }

# drain DB CONDITION: moves every timer job matching CONDITION due now, then polls (0.2 s) until none
# is due; prints "jobs seconds jobs/s".
drain() {
  local db=$1 cond=$2 t0 n left start end
  t0=$(sql "$db" "select $NOW_SQL")
  # At most DRAIN_LIMIT of them (a smaller drain out of a larger seeded database), else all.
  n=$(sql "$db" "with d as (update act_ru_job set duedate_ = '$t0' where id_ in (select id_ from act_ru_job where $cond
      order by id_ limit ${DRAIN_LIMIT:-all}) returning 1) select count(*) from d")
  start=$(date +%s.%N)
  local limit=$(( $(date +%s) + ${DRAIN_TIMEOUT:-7200} ))
  while :; do
    left=$(due_left "$db" "$cond" "$t0")
    [ "$left" = 0 ] && break
    [ "$(date +%s)" -lt $limit ] || { log "$left of $n timers still due after ${DRAIN_TIMEOUT:-7200} s"; return 1; }
    sleep 0.2
  done
  end=$(date +%s.%N)
  awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "%d %.1f %.0f\n", n, e - s, n / (e - s) }'
}
