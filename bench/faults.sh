#!/usr/bin/env bash
# Faults, with nothing lost (bench/README.md, "Faults"). Not part of `mvnw verify`; loopback only; bounded
# (each wait has a limit, the whole run is killed after FAULTS_LIMIT seconds).
#   bench/faults.sh                        # 3 runs in a row, 10k due timers each
#   FAULTS_TIMERS=2000 FAULTS_RUNS=1 bench/faults.sh
#   FAULTS_TIMERS=300 FAULTS_RUNS=1 FAULTS_PARTS="2 3" bench/faults.sh   # only the database restart and the key
# It starts a private PostgreSQL 15 (/usr/lib/postgresql/15/bin, port 55432, data in the work directory) so
# that restarting it disturbs no one else, seeds one template database (TimerBench seed-app: items waiting on
# their T+2 feedback, each with the model's T+2 timer), then per run copies a fresh database from it and:
#   1. kill -9 mid-drain: two nodes (built jar, ports 18281/18282), group robots of every community pointed at
#      a loopback sink (bench/sink.py) so that every chase writes a notification outbox row; all T+2 timers
#      moved due; node 2 killed with SIGKILL after a third has run, restarted; then: every timer's effect
#      exactly once (one supervision record, one supervision instance, one DEADLINE_MISSED event per item),
#      no message received twice, every outbox row SENT or flagged "delivery outcome unknown" for an
#      administrator (the outbox is at-most-once), no job locked past its lock time, no incident, no failed job;
#   2. PostgreSQL restarted mid-load: intake requests on node 1 while the server stops for ~10 s: each answer
#      within 5 s, 503 problem+json while it is down, 201 again afterwards without restarting the node;
#      no item without its process and no process without its item;
#   3. the same Idempotency-Key sent to both nodes at once, 20 keys: one item per key.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
N="${FAULTS_TIMERS:-10000}"
RUNS="${FAULTS_RUNS:-3}"
PGBIN=/usr/lib/postgresql/15/bin
export PGPORT="${FAULTS_PGPORT:-55432}"
OUT="${FAULTS_OUT:-bench/results/faults-$(date -u +%Y-%m-%d-%H%M).md}"
LOCK_MS=20000
SINK_PORT=18299
PGDATA="$WORK/pgdata"
( sleep "${FAULTS_LIMIT:-7200}"; log "time limit reached"; kill -TERM $$ ) & LIMITER=$!

cleanup() {
  stop_all || true
  [ -n "${SINK:-}" ] && kill "$SINK" 2>/dev/null || true
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  kill "$LIMITER" 2>/dev/null || true
  [ "${FAULTS_KEEP:-false}" = true ] || rm -rf "$PGDATA"
}
trap cleanup EXIT
out() { printf '%s\n' "$*" | tee -a "$OUT"; }
# FAULTS_PARTS="2 3" runs only those parts (default: all three).
part() { [[ " ${FAULTS_PARTS:-1 2 3} " == *" $1 "* ]]; }
fail() { out "FAILED: $*"; exit 1; }
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then out "- ok: $1 ($3)"; else fail "$1: expected $2, got $3"; fi
}

pg_start() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/postgres.log" -w start >/dev/null; }
pg_stop() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; }

build
mkdir -p "$(dirname "$OUT")"
mkdir -p "$PGDATA"; chown postgres "$PGDATA"; chmod 700 "$PGDATA"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
cat >>"$PGDATA/postgresql.conf" <<EOF
port = $PGPORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGDATA'
max_connections = 200
shared_buffers = 256MB
fsync = on
EOF
pg_start
out "# Faults, $(date -u '+%Y-%m-%d %H:%M UTC'), $N timers, $RUNS runs, parts ${FAULTS_PARTS:-1 2 3}"
out ""
out "Machine: $(nproc) cores, private $($PGBIN/postgres --version), load: $(cut -d' ' -f1-3 /proc/loadavg)"
out ""

log "seeding the template: $N items waiting on T+2, each with its timer"
createdb faults_tpl
seed_app faults_tpl "$N" | tee -a "$OUT"

python3 bench/sink.py "$SINK_PORT" "$WORK/sink.txt" >"$WORK/sink.log" 2>&1 & SINK=$!
ROBOTS=$(for c in $(seq -w 1 15); do printf 'community-C%s=http://127.0.0.1:%s/robot/C%s,' "$c" "$SINK_PORT" "$c"; done)
# Both nodes: notifications to the sink, a round every second in batches of the production size (20), a lease
# of 20 s; jobs locked for 20 s. The row a killed node was sending is what the outbox flags "outcome unknown".
BATCH=20
NODE_ARGS="--casegrid.notifications.robot-list=${ROBOTS%,} --casegrid.notifications.quiet-hours.start=
  --casegrid.notifications.worker.interval=PT1S --casegrid.notifications.worker.batch-size=$BATCH
  --casegrid.notifications.worker.lease=PT20S"
export NOTIFY_WORKER=true

intake_body() { # intake_body COMMUNITY TAG
  printf '{"title":"故障演练事项 %s","description":"故障演练：数据库重启时登记","category":"PUBLIC_SAFETY","source":"GRID_SURVEY","community":"%s","grid":"%s-G1","address":"%s 演练路%s号","occurredAt":"2026-11-20T09:30:00+08:00","peopleInvolved":2,"parties":[{"name":"演练%s","phone":"13912345678","role":"住户"}],"threatOfViolence":false,"involvesMinors":false,"crossJurisdiction":false}' \
    "$2" "$1" "$1" "$1" "$2" "$2"
}

for run in $(seq "$RUNS"); do
  out ""
  out "## Run $run ($(date -u +%H:%M:%S) UTC)"
  db="faults_$run"
  dropdb --if-exists "$db"
  createdb -T faults_tpl "$db"
  : >"$WORK/sink.txt"

  # Both nodes up (part 1 kills and restarts node 2).
  start_node node1 18281 "$db"
  start_node node2 18282 "$db"
  wait_ready 18281; wait_ready 18282

  # 1. kill -9 one node mid-drain.
  if part 1; then
    t0=$(sql "$db" "select $NOW_SQL")
    sql "$db" "update act_ru_job set duedate_ = '$t0' where $T2" >/dev/null
    start=$(date +%s)
    until [ "$(due_left "$db" "$T2" "$t0")" -le $((N * 2 / 3)) ]; do sleep 0.5; done
    locked=$(sql "$db" "select count(*) from act_ru_job where lock_owner_ is not null")
    kill -9 "$(cat "$WORK/node2.pid")"
    out "- node 2 killed with SIGKILL after $(( $(date +%s) - start )) s, $(due_left "$db" "$T2" "$t0") of $N timers still due, $locked jobs locked at that moment"
    start_node node2 18282 "$db"
    wait_ready 18282
    out "- node 2 restarted after $(( $(date +%s) - start )) s"
    # Two messages per item (chase and reminder), at most 2 × BATCH a second: 900 s, plus 0.1 s per item.
    wait_s=$(( 900 + N / 10 ))
    limit=$(( $(date +%s) + wait_s ))
    until [ "$(due_left "$db" "$T2" "$t0")" = 0 ] \
        && [ "$(sql "$db" "select count(*) from notification_outbox where status in ('PENDING', 'SENDING')")" = 0 ]; do
      [ "$(date +%s)" -lt $limit ] || fail "timers or messages still pending after $wait_s s"
      sleep 1
    done
    out "- all timers run and all messages sent $(( $(date +%s) - start )) s after the timers fell due"
    check "supervision records of the T+2 miss, one per item" "$N $N" \
      "$(sql "$db" "select count(*) || ' ' || count(distinct number) from supervision_record where deadline = 'feedback'")"
    check "supervision instances started" "$N" "$(sql "$db" "select count(*) from act_hi_procinst where proc_def_key_ = 'supervision'")"
    check "items with more than one DEADLINE_MISSED event" 0 \
      "$(sql "$db" "select count(*) from (select number from risk_item_event where kind = 'DEADLINE_MISSED' group by number having count(*) > 1) d")"
    check "items with a DEADLINE_MISSED event" "$N" "$(sql "$db" "select count(distinct number) from risk_item_event where kind = 'DEADLINE_MISSED'")"
    check "miss_count of every item is 1" "1 1" "$(sql "$db" "select min(miss_count) || ' ' || max(miss_count) from risk_item where number like 'QF-2026-%'")"
    outbox=$(sql "$db" "select count(*) from notification_outbox")
    check "chase messages in the outbox (one per item)" "$N" "$(sql "$db" "select count(*) from notification_outbox where kind = 'DEADLINE_MISSED'")"
    # At most once (casegrid.outbox): a row the killed node was sending is not retried but marked FAILED with
    # "delivery outcome unknown" for an administrator (OutboxAdmin); every other row is SENT; nothing arrives twice.
    check "outbox rows neither SENT nor flagged 'outcome unknown'" 0 "$(sql "$db" "select count(*) from notification_outbox
        where status <> 'SENT' and not (status = 'FAILED' and last_error like '%delivery outcome unknown%')")"
    out "- outbox: $(sql "$db" "select string_agg(status || ' ' || n, ', ') from (select status, count(*) n from notification_outbox group by 1) s")"
    check "rows flagged 'outcome unknown': at most the one the killed node was sending" yes \
      "$([ "$(sql "$db" "select count(*) from notification_outbox where status = 'FAILED'")" -le 1 ] && echo yes || echo no)"
    check "messages received twice by the sink" 0 "$(sort "$WORK/sink.txt" | uniq -d | wc -l | tr -d ' ')"
    check "messages received ≥ rows SENT" yes "$([ "$(wc -l <"$WORK/sink.txt")" -ge "$(sql "$db" "select count(*) from notification_outbox where status = 'SENT'")" ] && echo yes || echo no)"
    check "jobs locked past their lock time" 0 "$(sql "$db" "select count(*) from act_ru_job where lock_owner_ is not null and lock_exp_time_ < now()")"
    check "incidents" 0 "$(sql "$db" "select count(*) from act_ru_incident")"
    check "jobs with an exception (retried)" 0 "$(sql "$db" "select count(*) from act_ru_job where exception_msg_ is not null")"
  fi

  if part 2; then
    # 2. PostgreSQL restarted mid-load (intake on node 1, two clients). Warm-up first (not counted): a node's
    # first intakes load classes and the models' caches and take several seconds on a loaded machine.
    for i in 1 2 3; do
      curl -s -m 60 -o /dev/null -u c01-grid1:c01-grid1 -H 'Content-Type: application/json' \
        --data "$(intake_body C01 "r$run-warm-$i")" "http://127.0.0.1:18281/api/risk-items" || true
    done
    : >"$WORK/answers.txt"
    touch "$WORK/loading"
    clients=()
    for client in 1 2; do
      ( i=0; while [ -e "$WORK/loading" ]; do i=$((i + 1))
          c=$(printf 'C%02d' $(( (i + client) % 15 + 1 )))
          curl -s -m 30 -o "$WORK/answer-$client.json" -w "%{http_code} %{time_total} %{content_type}\n" \
            -u "${c,,}-grid1:${c,,}-grid1" -H 'Content-Type: application/json' \
            --data "$(intake_body "$c" "r$run-c$client-$i")" "http://127.0.0.1:18281/api/risk-items" >>"$WORK/answers.txt" || true
        done ) & clients+=($!)
    done
    limit=$(( $(date +%s) + 120 ))
    until [ "$(wc -l <"$WORK/answers.txt")" -ge 10 ] || [ "$(date +%s)" -ge $limit ]; do sleep 1; done
    before=$(wc -l <"$WORK/answers.txt")
    pg_stop
    out "- PostgreSQL stopped ($before intake answers before)"
    sleep 10
    pg_start
    out "- PostgreSQL started again"
    sleep 20
    rm -f "$WORK/loading"; wait "${clients[@]}" || true
    total=$(wc -l <"$WORK/answers.txt")
    out "- intake answers during the run: $(awk '{ print $1 }' "$WORK/answers.txt" | sort | uniq -c | awk '{ printf "%s× %s, ", $1, $2 }')slowest $(sort -k2 -n "$WORK/answers.txt" | tail -1 | awk '{ print $2 }') s"
    check "answers other than 201 or 503 problem+json" 0 \
      "$(awk '!($1 == 201 || ($1 == 503 && $3 ~ /problem\+json/))' "$WORK/answers.txt" | wc -l | tr -d ' ')"
    check "answers slower than 5 s" 0 "$(awk '$2 > 5' "$WORK/answers.txt" | wc -l | tr -d ' ')"
    check "at least one 503 while the database was down" yes "$(grep -q '^503 ' "$WORK/answers.txt" && echo yes || echo no)"
    check "201 again after the restart, same node" yes "$(tail -5 "$WORK/answers.txt" | grep -q '^201 ' && echo yes || echo no)"
    check "items without their process" 0 "$(sql "$db" "select count(*) from risk_item r where r.title like '故障演练事项%'
        and not exists (select 1 from act_hi_procinst p where p.business_key_ = r.number and p.proc_def_key_ = 'riskItem')")"
    check "processes without their item" 0 "$(sql "$db" "select count(*) from act_hi_procinst p where p.proc_def_key_ = 'riskItem'
        and not exists (select 1 from risk_item r where r.number = p.business_key_)")"
    check "201 answers = items registered" "$(grep -c '^201 ' "$WORK/answers.txt")" \
      "$(sql "$db" "select count(*) from risk_item where title like '故障演练事项 r$run-c%'")"
  fi

  if part 3; then
    # 3. The same Idempotency-Key to both nodes at once.
    senders=()
    for k in $(seq 20); do
      key="faults-$run-$k-$$"
      body=$(intake_body C07 "idem-$run-$k")
      for port in 18281 18282; do
        curl -s -m 30 -o "$WORK/idem-$k-$port.json" -w "%{http_code}\n" -u c07-grid1:c07-grid1 -H 'Content-Type: application/json' \
          -H "Idempotency-Key: $key" --data "$body" "http://127.0.0.1:$port/api/risk-items" >"$WORK/idem-$k-$port.code" & senders+=($!)
      done
    done
    wait "${senders[@]}" || true
    check "items per Idempotency-Key sent to both nodes at once (20 keys)" "20 20" \
      "$(sql "$db" "select count(*) || ' ' || count(distinct title) from risk_item where title like '故障演练事项 idem-$run-%'")"
    check "both nodes answered 201 with the same number, every key" 20 \
      "$(for k in $(seq 20); do a=$(grep -o '"number":"[^"]*"' "$WORK/idem-$k-18281.json"); b=$(grep -o '"number":"[^"]*"' "$WORK/idem-$k-18282.json")
         [ -n "$a" ] && [ "$a" = "$b" ] && [ "$(cat "$WORK/idem-$k-18281.code" "$WORK/idem-$k-18282.code" | sort -u)" = 201 ] && echo x; done | wc -l | tr -d ' ')"
  fi
  stop_all
  out "- run $run passed"
done
out ""
out "All $RUNS runs passed. Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
