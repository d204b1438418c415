#!/usr/bin/env bash
# Duban benchmarks, on this machine, in one run. Not part of the test run.
#   bench/run.sh            full run (about 6 minutes)
#   SECONDS_PER_RUN=10 bench/run.sh   shorter runs
# Prints a table and writes bench/results/<date>.md. Needs PostgreSQL on 127.0.0.1:5432 (as CI)
# and pgbench (Debian postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."

RUN=${SECONDS_PER_RUN:-20}
WARM=${WARM_SECONDS:-8}
# the message path runs far more code than the bare endpoint: the JIT compiles for about two
# minutes under load (a compile thread busy most of the time), so the path is warmed at a rate it
# keeps up with before it is measured
WARM_C=${WARM_C_SECONDS:-120}
WARM_C_RATE=${WARM_C_RATE:-@250}
CONC=${CONCURRENCY:-64}
PORT=${BENCH_PORT:-18090}
SINK_PORT=${BENCH_SINK_PORT:-18091}
PG=${BENCH_PG:-127.0.0.1:5432}
DB=duban_bench
JVM_OPTS=${JVM_OPTS:--Xms256m -Xmx256m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC}
TOKEN=benchToken01
AESKEY=BenchAesKey0123456789abcdefghijklmnopqrstuv
ADMIN=bench-admin-token-0123456789
BASE="http://127.0.0.1:$PORT"
# the group robots' replies go to a local fake platform that accepts them (PlatformSink)
HOOK="http://127.0.0.1:$SINK_PORT/cgi-bin/webhook/send?key=bench"
OUT="bench/results/$(date -u +%F).md"
LOG=$(mktemp -t duban-bench.XXXXXX.log)
psqlq() { psql -h "${PG%:*}" -p "${PG#*:}" -U postgres -qAt "$@"; }

echo "== building"
mvn -q -B -Dquick -DskipTests package test-compile
CP="target/test-classes:target/classes:$(mvn -q -B dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"

psqlq -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"

start_service() {
  local begin=$(date +%s%N)
  DUBAN_DB_URL="postgresql://$PG/$DB" DUBAN_ADMIN_TOKEN=$ADMIN DUBAN_LOG_FORMAT=ecs \
  java $JVM_OPTS -jar target/duban.jar --server.port=$PORT \
    --duban.bench.enabled=true --duban.callbacks.rate-limit.enabled=false \
    --duban.chat.wecom[0].id=bench-robot --duban.chat.wecom[0].kind=GROUP_ROBOT \
    --duban.chat.wecom[0].token=$TOKEN --duban.chat.wecom[0].encoding-aes-key=$AESKEY \
    --duban.chat.wecom[0].api-base-url=http://127.0.0.1:$SINK_PORT \
    >"$LOG" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do
    if curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; then break; fi
    sleep 0.25
  done
  STARTUP_MS=$(( ($(date +%s%N) - begin) / 1000000 ))
}
stop_service() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
stop_sink() { kill "${SINK_PID:-}" 2>/dev/null || true; wait "${SINK_PID:-}" 2>/dev/null || true; }
trap 'stop_service; stop_sink' EXIT

load() { java -Xmx512m -cp "$CP" io.duban.bench.LoadClient "$@" | grep '^RESULT'; }
field() { sed -E "s/.*$1=([^ ]+).*/\1/" <<<"$2"; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2/1024}' /proc/"$PID"/status; }

echo "== starting the service (embedded in nothing: PostgreSQL $PG/$DB)"
java -Xmx64m -cp "$CP" io.duban.bench.PlatformSink "$SINK_PORT" >/tmp/duban-bench-sink.log 2>&1 &
SINK_PID=$!
start_service
echo "   ready after ${STARTUP_MS} ms"

echo "== (a) bare WebFlux endpoint, closed loop, $CONC in flight"
load noop "$BASE" "$WARM" "$CONC" >/dev/null
A=$(load noop "$BASE" "$RUN" "$CONC"); echo "   $A"

echo "== (c) WeCom group-robot callbacks: verify, decrypt, store, understand, report, reply"
load wecom "$BASE" "$WARM_C" "$WARM_C_RATE" $TOKEN $AESKEY "$HOOK" >/dev/null
drain() {
  for _ in $(seq 1 300); do
    # messages understood and their replies sent, so one phase's work does not run into the next
    # (replies a group robot's 20-a-minute limit holds back wait for it, as on the platform)
    left=$(psqlq -d $DB -c "select (select count(*) from inbound_message where status = 'RECEIVED') + (select count(*) from outbox_message where status = 'SENDING' or (status = 'PENDING' and next_attempt_at <= now()))")
    [ "$left" = "0" ] && break; sleep 1
  done
}
# PostgreSQL here runs with autovacuum off (CI's configuration); in service it is on, and the queue
# tables ask it to clean them often (V9). Each phase starts from tables vacuumed as it would leave them.
upkeep() { psqlq -d $DB -c "vacuum analyze"; }
echo "   letting the warm-up's messages drain"; drain; upkeep
RSS_PEAK=0
( while kill -0 "$PID" 2>/dev/null; do r=$(rss_mb); echo "$r"; sleep 1; done ) > /tmp/duban-bench-rss &
SAMPLER=$!
# Callbacks are answered once stored; understanding follows in the background. The full path's
# throughput counts a burst from its first callback until its last message is understood.
FIRST_ID=$(psqlq -d $DB -c "select coalesce(max(id), 0) from inbound_message")
C=$(load wecom "$BASE" "$RUN" "$CONC" $TOKEN $AESKEY "$HOOK"); echo "   callbacks: $C"
drain
FULL=$(psqlq -d $DB -F ' ' -c "select count(*), round(count(*) / extract(epoch from max(processed_at) - min(received_at))), count(*) filter (where status <> 'PROCESSED') from inbound_message where id > $FIRST_ID")
RPS_C=$(cut -d' ' -f2 <<<"$FULL"); HALF=$(( ${RPS_C%.*} / 2 ))
upkeep
echo "   full path: $(cut -d' ' -f1 <<<"$FULL") messages understood at $RPS_C msg/s"
FIRST_ID=$(psqlq -d $DB -c "select coalesce(max(id), 0) from inbound_message")
CH=$(load wecom "$BASE" "$RUN" "@$HALF" $TOKEN $AESKEY "$HOOK"); echo "   at half the full-path rate: $CH"
drain
# as for the callbacks, the load client's own warm-up is left out
E2E=$(psqlq -d $DB -F ' ' -c "select round(percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at) * 1000)), round(percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at) * 1000)) from inbound_message where id > $FIRST_ID and received_at >= to_timestamp($(field measured_from_ms "$CH") / 1000.0)")
kill $SAMPLER 2>/dev/null || true
RSS_PEAK=$(sort -n /tmp/duban-bench-rss | tail -n 1)

STORED=$(psqlq -d $DB -c "select count(*) from inbound_message")
PROCESSED=$(psqlq -d $DB -c "select count(*) from inbound_message where status = 'PROCESSED'")
REPORTS=$(psqlq -d $DB -c "select count(*) from progress_report")
REPLIES=$(psqlq -d $DB -c "select count(*) from outbox_message" 2>/dev/null || echo n/a)
REPLIES_SENT=$(psqlq -d $DB -c "select count(*) from outbox_message where status = 'SENT'" 2>/dev/null || echo n/a)
stop_service

echo "== (b) PostgreSQL single-row insert ceiling (pgbench)"
psqlq -d $DB -c "create table if not exists bench_insert (id bigserial primary key, payload text not null, at timestamptz not null default now())"
echo "insert into bench_insert (payload) values ('1.2 药创院省重点实验室申报材料已报送，进度60%');" > /tmp/duban-bench.sql
B1=$(pgbench -h "${PG%:*}" -p "${PG#*:}" -U postgres -n -c 1 -j 1 -T "$RUN" -f /tmp/duban-bench.sql $DB 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p')
B10=$(pgbench -h "${PG%:*}" -p "${PG#*:}" -U postgres -n -c 10 -j 2 -T "$RUN" -f /tmp/duban-bench.sql $DB 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p')
echo "   1 client: $B1 tps; 10 clients: $B10 tps"

echo "== understanding one message (labelled corpus)"
U=$(mvn -q -B -Dstyle.color=never -Dquick test -Dgroups=bench -Dtest=UnderstandingBench 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | grep 'understanding bench' || true); echo "   $U"

EXTRA=""
for bench in DigestBench OutboxBench; do
  if ls target/test-classes/io/duban/*/bench/$bench.class >/dev/null 2>&1; then
    echo "== $bench"
    line=$(mvn -q -B -Dstyle.color=never -Dquick test -Dgroups=bench -Dtest=$bench 2>/dev/null | grep -i 'bench:' || true)
    echo "   $line"; EXTRA="$EXTRA| $bench | $line |"$'\n'
  fi
done

RPS_A=$(field rps "$A")
RATIO=$(awk -v c="$RPS_C" -v a="$RPS_A" 'BEGIN { printf "%.2f", c / a }')
RATIO_CB=$(awk -v c="$(field rps "$C")" -v a="$RPS_A" 'BEGIN { printf "%.2f", c / a }')
{
  echo "# Duban benchmark, $(date -u '+%F %H:%M') UTC"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(java -version 2>&1 | head -n 1); JVM: \`$JVM_OPTS\`; $RUN s per run after $WARM s warm-up ($WARM_C s at $WARM_C_RATE req/s for the WeCom path), $CONC requests in flight; load generator and PostgreSQL on the same machine; PostgreSQL's autovacuum is off here, so the bench runs VACUUM ANALYZE between phases."
  echo
  echo "| measure | result | target |"
  echo "| --- | --- | --- |"
  echo "| (a) bare WebFlux endpoint | $(field rps "$A") req/s, p50 $(field p50_ms "$A") ms, p99 $(field p99_ms "$A") ms | |"
  echo "| (b) PostgreSQL insert, 1 client | ${B1:-n/a} tps | |"
  echo "| (b) PostgreSQL insert, 10 clients | ${B10:-n/a} tps | |"
  echo "| (c) WeCom path, callbacks answered (verified, decrypted, stored) | $(field rps "$C") req/s (ok $(field ok "$C"), failed $(field failed "$C")), p50 $(field p50_ms "$C") ms, p99 $(field p99_ms "$C") ms; ratio to (a) $RATIO_CB | |"
  echo "| (c) WeCom path, full (also understood, report stored, reply queued) | $RPS_C msg/s over the burst until its last message was understood ($(cut -d' ' -f1 <<<"$FULL") messages, $(cut -d' ' -f3 <<<"$FULL") left unprocessed) | |"
  echo "| (c)/(a), full path | $RATIO | ≥ 0.40 |"
  echo "| (c) at half the full-path rate ($HALF req/s) | callback p50 $(field p50_ms "$CH") ms, p99 $(field p99_ms "$CH") ms, failed $(field failed "$CH"); callback to understood p50 $(cut -d' ' -f1 <<<"$E2E") ms, p99 $(cut -d' ' -f2 <<<"$E2E") ms | p99 < 50 ms |"
  echo "| after (c): stored / processed / reports / replies queued / replies delivered to the fake platform | $STORED / $PROCESSED / $REPORTS / $REPLIES / $REPLIES_SENT | all stored processed |"
  echo "| understanding one message | ${U:-n/a} | median < 1 ms |"
  printf '%s' "$EXTRA"
  echo "| start-up to ready | ${STARTUP_MS} ms | |"
  echo "| resident memory, peak under load | ${RSS_PEAK} MB | < 512 MB |"
} > "$OUT"
echo
cat "$OUT"
echo
echo "written to $OUT"
