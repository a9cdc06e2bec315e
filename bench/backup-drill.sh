#!/usr/bin/env bash
# Backup and restore drill (docs/operations.md). Not part of `mvnw verify`; loopback only; bounded.
#   bench/backup-drill.sh                   # on the local PostgreSQL 127.0.0.1:5432, its own databases
#   DRILL_ITEMS=200 bench/backup-drill.sh
# 1. seeds a source database (TimerBench seed-app: items in resolution waiting on their T+2 feedback, each
#    with its running process and the model's T+2 timer), starts a node on it and registers one item over HTTP;
# 2. backs it up with pg_dump -Fc while that node runs (a dump is one consistent snapshot);
# 3. stops the node, restores the dump into a fresh database with pg_restore, starts a node on the copy;
# 4. proves the round trip: the same items, running processes and timers; an item reads over the API; one
#    item's T+2 timer moved due fires on the restored node (supervision record, supervision instance,
#    DEADLINE_MISSED event); a new intake gets the next number.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
N="${DRILL_ITEMS:-100}"
OUT="${DRILL_OUT:-bench/results/backup-drill-$(date -u +%Y-%m-%d-%H%M).md}"
SRC="drill_src_$$"
DST="drill_dst_$$"
( sleep "${DRILL_LIMIT:-1800}"; log "time limit reached"; kill -TERM $$ ) & LIMITER=$!
cleanup() {
  stop_all || true
  kill "$LIMITER" 2>/dev/null || true
  dropdb --if-exists "$SRC" || true
  dropdb --if-exists "$DST" || true
}
trap cleanup EXIT
out() { printf '%s\n' "$*" | tee -a "$OUT"; }
fail() { out "FAILED: $*"; exit 1; }
check() { if [ "$2" = "$3" ]; then out "- ok: $1 ($3)"; else fail "$1: expected $2, got $3"; fi; }
# What must survive: counted in the source before the dump and in the copy after the restore.
census() {
  sql "$1" "select (select count(*) from risk_item) || ' items, '
    || (select count(*) from act_ru_execution where parent_id_ is null) || ' running processes, '
    || (select count(*) from act_ru_task) || ' open tasks, '
    || (select count(*) from act_ru_job where type_ = 'timer') || ' timers, '
    || (select count(*) from act_ru_variable) || ' variables, '
    || (select max(last_value) from item_number_counter) || ' last number'"
}

build
mkdir -p "$(dirname "$OUT")"
out "# Backup and restore drill, $(date -u '+%Y-%m-%d %H:%M UTC'), $N items"
out ""
out "$(pg_dump --version), server $(psql -X -qtA -d postgres -c 'show server_version')"
out ""
createdb "$SRC"
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$SRC" SPRING_DATASOURCE_USERNAME=postgres \
  java -Xmx512m -Duser.timezone=Asia/Shanghai -Dbench.timers="$N" -cp "$CP" casegrid.bench.TimerBench seed-app \
  >"$WORK/seed.log" 2>&1 || { tail -50 "$WORK/seed.log"; exit 1; }
grep seeded "$WORK/seed.log" | tee -a "$OUT"

start_node src 18381 "$SRC"
wait_ready 18381
body='{"title":"备份演练事项","description":"备份前登记","category":"PUBLIC_SAFETY","source":"GRID_SURVEY","community":"C03","grid":"C03-G1","address":"C03 演练路1号","occurredAt":"2026-11-20T09:30:00+08:00","peopleInvolved":2,"parties":[{"name":"演练甲","phone":"13912345678","role":"住户"}],"threatOfViolence":false,"involvesMinors":false,"crossJurisdiction":false}'
before_number=$(curl -fsS -u c03-grid1:c03-grid1 -H 'Content-Type: application/json' --data "$body" \
  http://127.0.0.1:18381/api/risk-items | grep -o '"number":"[^"]*"' | cut -d'"' -f4)
out "- registered $before_number over HTTP on the source node"

# The backup, taken while the node runs.
start=$(date +%s.%N)
pg_dump -Fc -f "$WORK/casegrid.dump" "$SRC"
out "- pg_dump -Fc with the node running: $(du -h "$WORK/casegrid.dump" | cut -f1), $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
stop_node src
source_census=$(census "$SRC")
out "- source at the dump: $source_census"

# The restore: a fresh database, then a node on it.
createdb "$DST"
start=$(date +%s.%N)
pg_restore --no-owner --exit-on-error -d "$DST" "$WORK/casegrid.dump"
out "- pg_restore into a fresh database: $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
check "restored copy equals the source" "$source_census" "$(census "$DST")"

start_node dst 18382 "$DST"
wait_ready 18382
check "an item reads over the API on the restored node" 200 \
  "$(curl -s -o /dev/null -w '%{http_code}' -u c03-staff:c03-staff "http://127.0.0.1:18382/api/risk-items/$before_number")"
item=QF-2026-000003
instance=$(sql "$DST" "select proc_inst_id_ from act_ru_execution where business_key_ = '$item' and parent_id_ is null")
[ -n "$instance" ] || fail "no running process for $item"
sql "$DST" "update act_ru_job set duedate_ = now() where $T2 and process_instance_id_ = '$instance'" >/dev/null
limit=$(( $(date +%s) + 120 ))
until [ "$(sql "$DST" "select count(*) from supervision_record where number = '$item' and deadline = 'feedback'")" = 1 ]; do
  [ "$(date +%s)" -lt $limit ] || fail "the restored T+2 timer of $item did not fire within 120 s"
  sleep 1
done
out "- $item's T+2 timer, moved due, fired on the restored node"
check "supervision instance started for $item" 1 \
  "$(sql "$DST" "select count(*) from act_hi_procinst where proc_def_key_ = 'supervision' and business_key_ = '$item'")"
check "DEADLINE_MISSED recorded on $item" 1 \
  "$(sql "$DST" "select count(*) from risk_item_event where number = '$item' and kind = 'DEADLINE_MISSED'")"
check "its next daily chase is scheduled (the cycle continues)" 1 \
  "$(sql "$DST" "select count(*) from act_ru_job where $T2 and process_instance_id_ = '$instance' and duedate_ > now()")"
after=$(curl -fsS -u c03-grid1:c03-grid1 -H 'Content-Type: application/json' --data "${body/备份前登记/恢复后登记}" \
  http://127.0.0.1:18382/api/risk-items | grep -o '"number":"[^"]*"' | cut -d'"' -f4)
check "a new intake on the restored node numbers on" "yes" "$([[ "$after" > "$before_number" ]] && echo yes || echo "no: $after")"
out "- new item $after registered after $before_number"
stop_all
out ""
out "Drill passed."
