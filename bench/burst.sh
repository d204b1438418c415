#!/usr/bin/env bash
# A burst at the deadline (issue 17, Deliver 5): UNITS units (2,000) in CHATS WeCom group chats
# (100, so 20 units a group), each chat with its own group robot; the 催报 reminder is fired (the
# schedule's "run now", as at Thursday 15:00) and every unit answers in its group within MINUTES
# (10) of it, most soon after, fewer towards the end (unit k of a shuffled order at MINUTES × (k/N)²).
# The fake platform (PlatformSink) holds WeCom's limit of PER_MINUTE (20) messages a minute per
# robot key and answers errcode 45009 beyond it, as WeCom does. Time is not compressed: the burst
# takes MINUTES of wall-clock time (MINUTES=2 UNITS=200 CHATS=10 for a smoke run).
#   bench/burst.sh                      build, seed, run, report (about 15 minutes)
#   SKIP_BUILD=1 bench/burst.sh
# Prints the report and writes BENCH_OUT (default bench/results/<date>-burst.md). Needs PostgreSQL
# on 127.0.0.1:5432 (as CI).
set -euo pipefail
cd "$(dirname "$0")/.."

UNITS=${UNITS:-2000}
CHATS=${CHATS:-100}
MINUTES=${MINUTES:-10}
PER_MINUTE=${PER_MINUTE:-20}
PORT=${BENCH_PORT:-18390}
SINK_PORT=${BENCH_SINK_PORT:-18391}
PG=${BENCH_PG:-127.0.0.1:5432}
DB=${BENCH_DB:-duban_burst}
# after the last answer, how long replies may take to leave before the bench gives up waiting
DRAIN_MAX=${DRAIN_SECONDS:-1800}
JVM_OPTS=${JVM_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
TOKEN=burstToken01
AESKEY=BenchAesKey0123456789abcdefghijklmnopqrstuv
ADMIN=bench-admin-token-0123456789
BASE="http://127.0.0.1:$PORT"
SINK="http://127.0.0.1:$SINK_PORT"
OUT=${BENCH_OUT:-bench/results/$(date -u +%F)-burst.md}
WORK=$(mktemp -d -t duban-burst.XXXXXX)
psqlq() { psql -h "${PG%:*}" -p "${PG#*:}" -U postgres -qAt "$@"; }
UPTIME_START=$(uptime)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building"
  mvn -q -B -Dquick -DskipTests package test-compile
fi
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/classpath"
CP="target/test-classes:target/classes:$(cat "$WORK/classpath")"

# the group robots: one per group chat, its webhook key on the fake platform
{
  echo "duban:"
  echo "  chat:"
  echo "    wecom:"
  for g in $(seq 0 $((CHATS - 1))); do
    echo "      - id: robot$g"
    echo "        kind: GROUP_ROBOT"
    echo "        token: $TOKEN"
    echo "        encoding-aes-key: $AESKEY"
    echo "        webhook-key: key$g"
    echo "        api-base-url: $SINK"
    echo "        reply-hosts: [\"$SINK\"]"
  done
} >"$WORK/robots.yml"

start_service() {
  DUBAN_DB_URL="postgresql://$PG/$DB" DUBAN_ADMIN_TOKEN=$ADMIN DUBAN_DEMO=false DUBAN_LOG_FORMAT=plain \
  java $JVM_OPTS -jar target/duban.jar --server.port=$PORT --spring.quartz.auto-startup=false \
    --duban.units.file=classpath:no-units-here.yml --duban.callbacks.rate-limit.enabled=false \
    --spring.config.additional-location="file:$WORK/robots.yml" \
    >>"$WORK/duban.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 480); do
    if curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; then return; fi
    kill -0 $PID 2>/dev/null || { tail -40 "$WORK/duban.log"; exit 1; }
    sleep 0.25
  done
  echo "the service did not become ready" >&2; exit 1
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
trap 'stop "${PID:-}"; stop "${SINK_PID:-}"' EXIT

psqlq -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
echo "== migrating (a first start), then seeding $UNITS units in $CHATS groups"
start_service; stop "$PID"
psqlq -d $DB -v units="$UNITS" -v groups="$CHATS" -f bench/burst/seed.sql
REMINDER=$(psqlq -d $DB -c "select id from schedule where kind = 'REMINDER' order by id limit 1")

java -Xmx256m -Dsink.perMinute="$PER_MINUTE" -cp "$CP" io.duban.bench.PlatformSink "$SINK_PORT" "$WORK/platform.tsv" >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
echo "== starting the service ($JVM_OPTS)"
start_service

echo "== the reminder fires; $UNITS units answer within $MINUTES minutes"
T0=$(date +%s%3N)
java -Xmx512m -cp "$CP" io.duban.bench.BurstBench load "$BASE" "$SINK" "$UNITS" "$CHATS" $((MINUTES * 60)) \
  $TOKEN $AESKEY "$WORK/sent.tsv" >"$WORK/load.log" 2>&1 &
LOAD_PID=$!
FIRE=$(curl -s -X POST -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/schedules/$REMINDER/run")
FIRE_MS=$(( $(date +%s%3N) - T0 ))
echo "   fire answered after $FIRE_MS ms: $FIRE" | cut -c1-300
wait $LOAD_PID || { cat "$WORK/load.log"; exit 1; }
LOAD=$(grep '^RESULT' "$WORK/load.log"); echo "   $LOAD"
LOAD_END=$(( $(date +%s%3N) - T0 ))

echo "== waiting for every message to be understood and every reply to leave"
waiting() { psqlq -d $DB -c "select (select count(*) from inbound_message where status = 'RECEIVED') + (select count(*) from outbox_message where status in ('PENDING', 'SENDING'))"; }
for _ in $(seq 1 "$DRAIN_MAX"); do
  left=$(waiting); [ "$left" = 0 ] && break; sleep 1
done
DRAINED_MS=$(( $(date +%s%3N) - T0 ))
sleep 1 # the sink writes its file every 100 ms
UPTIME_END=$(uptime)
stop "$PID"; stop "$SINK_PID"
REPORT=$(java -Xmx512m -cp "$CP" io.duban.bench.BurstBench report "jdbc:postgresql://$PG/$DB" "$WORK/platform.tsv" "$WORK/sent.tsv" "$T0" "$PER_MINUTE")

{
  echo "### $(date -u '+%F %H:%M') UTC, $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
  echo
  echo "$UNITS units in $CHATS WeCom group chats ($((UNITS / CHATS)) a group), one group robot each, $PER_MINUTE messages a minute per robot held by the fake platform (45009 beyond); answers over $MINUTES minutes of wall-clock time (not compressed); JVM \`$JVM_OPTS\`; $(nproc) cores."
  echo "Machine load: at the start \`$UPTIME_START\`; at the end \`$UPTIME_END\`."
  echo "The fire (run now) answered after $FIRE_MS ms; the last answer was sent $((LOAD_END / 1000)) s after the fire; the outbox was empty $((DRAINED_MS / 1000)) s after the fire. Load client: \`$LOAD\`."
  echo
  echo "$REPORT"
} | tee -a "$OUT"
echo "== written to $OUT (logs and files in $WORK)"
