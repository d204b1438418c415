#!/usr/bin/env bash
# The leaders' pages at province scale: 10,000 items, 2,000 units, 1,000,000 reports
# (bench/pages/seed.sql), the service at -Xmx512m, signed in as a LEADER. Not part of the test run.
#   bench/pages.sh                     build, seed (a few minutes), time every page
#   SKIP_SEED=1 bench/pages.sh         reuse the database seeded by an earlier run
#   SKIP_BUILD=1 RUNS=5 bench/pages.sh
#   ONLY=bulletin bench/pages.sh       time only the pages whose name matches (grep -E)
# Prints one line per page (median and max of RUNS timed requests after WARM untimed ones, bytes)
# and appends them to BENCH_OUT (default bench/results/<date>-pages.md).
set -euo pipefail
cd "$(dirname "$0")/.."

PG=${BENCH_PG:-127.0.0.1:5432}
DB=${BENCH_DB:-duban_pages}
PORT=${BENCH_PORT:-18471}
RUNS=${RUNS:-9}
WARM=${WARM:-3}
WEEK=${WEEK:-2024-W40}
JVM_OPTS=${JVM_OPTS:--Xms512m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
ADMIN=bench-admin-token-0123456789
LEADER=bench-leader-token-0123456789
BASE="http://127.0.0.1:$PORT"
OUT=${BENCH_OUT:-bench/results/$(date -u +%F)-pages.md}
JAR_FILE=${JAR_FILE:-target/duban.jar}
# a request that takes longer is cut off (and shown as status 000)
MAXTIME=${MAXTIME:-120}
WORK=$(mktemp -d -t duban-pages.XXXXXX)
psqlq() { psql -h "${PG%:*}" -p "${PG#*:}" -U postgres -qAt "$@"; }

if [ "${SKIP_BUILD:-0}" != 1 ] && [ "$JAR_FILE" = target/duban.jar ]; then
  echo "== building"
  mvn -q -B -Dquick -DskipTests package
fi

start_service() {
  DUBAN_DB_URL="postgresql://$PG/$DB" DUBAN_ADMIN_TOKEN=$ADMIN DUBAN_LEADER_TOKEN=$LEADER \
  DUBAN_DEMO=false DUBAN_LOG_FORMAT=plain \
  java $JVM_OPTS -jar "$JAR_FILE" --server.port=$PORT --spring.quartz.auto-startup=false \
    --duban.delivery.dispatcher-enabled=false --duban.units.file=classpath:no-units-here.yml \
    >"$WORK/duban.log" 2>&1 &
  PID=$!
  if curl -s -o /dev/null "$BASE/actuator/health" 2>/dev/null; then
    echo "port $PORT is taken by another process: set BENCH_PORT" >&2; exit 1
  fi
  for _ in $(seq 1 480); do
    if curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; then
      # ready, and it is ours (not another service answering on the port)
      sleep 1; kill -0 $PID 2>/dev/null || { tail -30 "$WORK/duban.log"; exit 1; }
      return
    fi
    kill -0 $PID 2>/dev/null || { tail -30 "$WORK/duban.log"; exit 1; }
    sleep 0.25
  done
}
stop_service() { kill "${PID:-}" 2>/dev/null || true; wait "${PID:-}" 2>/dev/null || true; }
trap stop_service EXIT

if [ "${SKIP_SEED:-0}" != 1 ]; then
  psqlq -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
  echo "== migrating (a first start), then seeding"
  start_service; stop_service
  begin=$(date +%s)
  psqlq -d $DB -f bench/pages/seed.sql
  echo "   seeded in $(( $(date +%s) - begin )) s: $(psqlq -d $DB -c "select (select count(*) from plan_item) || ' items, ' || (select count(*) from unit) || ' units, ' || (select count(*) from progress_report) || ' reports'")"
fi

echo "== starting the service ($JVM_OPTS)"
start_service
# The item index (ItemMatcher over 10,000 leaves) is built in the background after start and keeps
# a core busy for about 90 s on 2 cores: pages timed meanwhile measured the build, not themselves
# (the first page, the board, most). WAIT_INDEX=0 times them at once, as before; INDEX_WAIT is how
# many seconds to wait at most (default 300; on a loaded machine the build can take longer).
if [ "${WAIT_INDEX:-1}" = 1 ]; then
  begin=$(date +%s)
  for _ in $(seq 1 $(( ${INDEX_WAIT:-300} * 2 ))); do grep -q "Item index built" "$WORK/duban.log" && break; sleep 0.5; done
  if grep -q "Item index built" "$WORK/duban.log"; then
    echo "   item index built $(( $(date +%s) - begin )) s after ready"
  else
    echo "   item index still building after $(( $(date +%s) - begin )) s: timing anyway"
  fi
fi

# sign in as the leader: the form's CSRF token, then the token once; the session cookie after that
JAR=$WORK/cookies
curl -s -c "$JAR" -b "$JAR" "$BASE/dashboard/login" >"$WORK/login.html"
CSRF=$(sed -nE 's/.*name="_csrf"[^>]*value="([^"]+)".*/\1/p' "$WORK/login.html" | head -1)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "token=$LEADER" --data-urlencode "_csrf=$CSRF" \
  "$BASE/dashboard/login"

# NAME PATH [curl options]: WARM untimed, RUNS timed; prints median, max, bytes and status
time_page() {
  local name=$1 path=$2; shift 2
  if [ -n "${ONLY:-}" ] && ! grep -qE -- "$ONLY" <<<"$name"; then return; fi
  for _ in $(seq 1 "$WARM"); do curl -s -o /dev/null -m "$MAXTIME" -b "$JAR" "$@" "$BASE$path" || true; done
  local all=() code size
  for _ in $(seq 1 "$RUNS"); do
    read -r t code size < <(curl -s -o /dev/null -m "$MAXTIME" -b "$JAR" -w '%{time_total} %{http_code} %{size_download}\n' "$@" "$BASE$path")
    all+=("$(awk -v t="$t" 'BEGIN{printf "%d", t*1000}')")
  done
  local sorted; sorted=$(printf '%s\n' "${all[@]}" | sort -n)
  local med; med=$(sed -n "$(( (RUNS + 1) / 2 ))p" <<<"$sorted")
  local max; max=$(tail -1 <<<"$sorted")
  printf '| %s | `%s` | %s | %s ms | %s ms | %s |\n' "$name" "$path" "$code" "$med" "$max" "$size" | tee -a "$WORK/table"
}

echo "== timing ($WARM warm-up + $RUNS timed requests each, week $WEEK)"
: >"$WORK/table"
time_page "board" "/dashboard?week=$WEEK"
time_page "board, one part open" "/dashboard?week=$WEEK&part=37"
time_page "board, red items" "/dashboard?week=$WEEK&light=red"
time_page "board, one unit" "/dashboard?week=$WEEK&unit=u1234"
time_page "item page" "/dashboard/items/37.42?week=$WEEK"
time_page "报送情况" "/dashboard/participation?week=$WEEK"
time_page "ledger.xlsx" "/dashboard/ledger.xlsx?week=$WEEK"
# (the report search is an ADMIN operation)
time_page "reports of a week (API, admin)" "/api/v1/reports?week=$WEEK" -H "Authorization: Bearer $ADMIN"
time_page "plan items (API)" "/api/v1/plan/items" -H "Authorization: Bearer $LEADER"
# the week's 督查通报 (numbered on the first request; budget 2 s like the board)
time_page "bulletin.docx (API)" "/api/v1/bulletin.docx?week=$WEEK" -H "Authorization: Bearer $LEADER"
RSS=$(awk '/VmHWM/ {printf "%d", $2/1024}' /proc/"$PID"/status 2>/dev/null || echo "? (the service had stopped)")
echo "   service peak RSS ${RSS} MB"

{
  echo
  echo "### $(date -u '+%F %H:%M') UTC, $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), week $WEEK"
  echo
  echo "$(psqlq -d $DB -c "select (select count(*) from plan_item) || ' items, ' || (select count(*) from unit) || ' units, ' || (select count(*) from progress_report) || ' reports'"); JVM \`$JVM_OPTS\`; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; median and max of $RUNS requests after $WARM; peak RSS ${RSS} MB."
  echo
  echo "| page | request | status | median | max | bytes |"
  echo "| --- | --- | --- | --- | --- | --- |"
  cat "$WORK/table"
} >>"$OUT"
echo "== written to $OUT"
