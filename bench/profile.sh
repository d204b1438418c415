#!/usr/bin/env bash
# Where a message's CPU goes: runs the service under JFR at a fixed rate of signed WeCom group-robot
# callbacks (the bench's LoadClient, replies to the bench's PlatformSink) and prints
#  - per message: PostgreSQL commits, rows returned by sequential scans and by index scans, rows
#    inserted/updated, per table (pg_stat_user_tables deltas);
#  - the JFR execution samples grouped by who runs (top frame's package, and inclusive by package).
#  - the JVM's CPU per message: utime+stime of its process (/proc/<pid>/stat) from the measured
#    run's start until the handling has drained, divided by the messages stored meanwhile.
#   RATE=100 SECONDS_PER_RUN=30 bench/profile.sh
# JAR=some/other/duban.jar profiles another build (interleave before/after on a shared machine).
# Not part of the test run. Needs PostgreSQL on 127.0.0.1:5432 and a JDK with jfr.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-100}
RUN=${SECONDS_PER_RUN:-30}
WARM=${WARM_SECONDS:-40}
PORT=${BENCH_PORT:-18190}
SINK_PORT=${BENCH_SINK_PORT:-18191}
PG=${BENCH_PG:-127.0.0.1:5432}
DB=${BENCH_DB:-duban_profile}
JAR=${JAR:-target/duban.jar}
TOKEN=benchToken01
AESKEY=BenchAesKey0123456789abcdefghijklmnopqrstuv
HOOK="http://127.0.0.1:$SINK_PORT/cgi-bin/webhook/send?key=bench"
JVM_OPTS=${JVM_OPTS:--Xms256m -Xmx256m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC}
WORK=$(mktemp -d -t duban-profile.XXXXXX)
psqlq() { psql -h "${PG%:*}" -p "${PG#*:}" -U postgres -qAt "$@"; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then mvn -q -B -Dquick -DskipTests package test-compile; fi
[ -f target/bench-classpath ] || mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath
CP=${BENCH_CP:-"target/test-classes:target/classes:$(cat target/bench-classpath)"}
psqlq -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"

java -Xmx64m -cp "$CP" io.duban.bench.PlatformSink "$SINK_PORT" "$WORK/replies.tsv" >"$WORK/sink.log" 2>&1 &
SINK=$!
# JFR is on from the start: enabling its events later instruments JDK classes and throws away
# the compiled code that uses them, and the recompilation (a core for minutes) would be profiled
# and counted as the messages' CPU
DUBAN_DB_URL="postgresql://$PG/$DB" DUBAN_ADMIN_TOKEN=bench-admin-token-0123456789 \
java $JVM_OPTS -XX:StartFlightRecording=name=boot,settings=profile,maxage=30s \
  -jar "$JAR" --server.port=$PORT \
  --duban.bench.enabled=true --duban.callbacks.rate-limit.enabled=false \
  --duban.chat.wecom[0].id=bench-robot --duban.chat.wecom[0].kind=GROUP_ROBOT \
  --duban.chat.wecom[0].token=$TOKEN --duban.chat.wecom[0].encoding-aes-key=$AESKEY \
  --duban.chat.wecom[0].api-base-url=http://127.0.0.1:$SINK_PORT \
  --duban.chat.wecom[0].reply-hosts=http://127.0.0.1:$SINK_PORT >"$WORK/duban.log" 2>&1 &
PID=$!
trap 'kill $PID $SINK 2>/dev/null || true' EXIT
for _ in $(seq 1 960); do curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 0.25; done
# a busy machine may take minutes to start it; never load a port that is not ours
kill -0 $PID 2>/dev/null && curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { echo "service did not start (see $WORK/duban.log)"; exit 1; }
# CPU ticks of the JIT's compiler threads (C1/C2), which come and go: a gone thread's ticks are lost
jit() { local t=0 f; for f in /proc/$PID/task/*; do grep -q CompilerThre "$f/comm" 2>/dev/null && t=$((t + $(awk '{ print $14 + $15 }' "$f/stat" 2>/dev/null || echo 0))); done; echo $t; }
load() { java -Xmx512m -Dbench.groups=4000 -cp "$CP" io.duban.bench.LoadClient wecom "http://127.0.0.1:$PORT" "$1" "@$RATE" $TOKEN $AESKEY "$HOOK" | grep '^RESULT'; }
echo "== warming $WARM s at $RATE msg/s"
load "$((WARM - 5))" >/dev/null 2>&1 || true
# autovacuum is off here (CI's configuration) but on in service: without it the warm-up's dead
# rows stay and plans cached while the tables were empty stay too (2,509 buffers a call for the
# at-commit lock statement in the run of 2026-12-04); run.sh does the same before each run
psqlq -d $DB -c "vacuum analyze"
# the recording profiled starts after the warm-up (a delay counted from the JVM start would catch a
# slow startup on a busy machine); it enables nothing the boot recording has not
jcmd $PID JFR.start name=cpu settings=profile >/dev/null
J0=$(jit)
sleep 12 # an idle backend flushes its statistics within ten seconds
tables() { psqlq -d $DB -F ' ' -c "select relname, seq_scan, seq_tup_read, coalesce(idx_tup_fetch, 0), n_tup_ins, n_tup_upd, n_tup_del, coalesce(idx_scan, 0) from pg_stat_user_tables order by relname"; }
dbstat() { psqlq -d $DB -F ' ' -c "select xact_commit, tup_returned, tup_fetched from pg_stat_database where datname = current_database()"; }
psqlq -d $DB -c "select pg_stat_force_next_flush()" >/dev/null 2>&1 || true
# statements per message when the server preloads pg_stat_statements (optional)
STATEMENTS=0
if [ "$(psqlq -d $DB -c "show shared_preload_libraries")" = pg_stat_statements ] || psqlq -d $DB -c "show shared_preload_libraries" | grep -q pg_stat_statements; then
  psqlq -d $DB -c "create extension if not exists pg_stat_statements" && psqlq -d $DB -c "select pg_stat_statements_reset()" >/dev/null && STATEMENTS=1
fi
tables >"$WORK/t0"; dbstat >"$WORK/d0"; N0=$(psqlq -d $DB -c "select count(*) from inbound_message")
cpu() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; } # utime+stime in clock ticks
C0=$(cpu)
echo "== measuring $RUN s at $RATE msg/s"
R=$(load "$RUN") || R="(the load client failed: the service fell behind)"; echo "   $R"
# the CPU counted is all of what the messages cost: wait (up to a minute) until they are handled
# and their replies sent
for _ in $(seq 1 60); do
  [ "$(psqlq -d $DB -c "select (select count(*) from inbound_message where processed_at is null) + (select count(*) from outbox_message where status in ('PENDING', 'SENDING'))")" = 0 ] && break
  sleep 1
done
sleep 12
C1=$(cpu); J1=$(jit)
tables >"$WORK/t1"; dbstat >"$WORK/d1"; N1=$(psqlq -d $DB -c "select count(*) from inbound_message")
N=$((N1 - N0))
awk -v c="$((C1 - C0))" -v hz="$(getconf CLK_TCK)" -v n="$N" \
  'BEGIN { printf "== JVM CPU %.1f s for %d messages: %.2f ms per message\n", c / hz, n, 1000 * c / hz / n }'
awk -v c="$((J1 - J0))" -v hz="$(getconf CLK_TCK)" -v n="$N" \
  'BEGIN { printf "   of which the JIT compiler threads %.1f s (%.2f ms per message): a large share means the warm-up was too short\n", c / hz, 1000 * c / hz / n }'
echo "== PostgreSQL per message ($N messages)"
paste -d' ' "$WORK/d0" "$WORK/d1" | awk -v n="$N" '{ printf "   commits %.2f, rows returned %.1f, rows fetched %.1f\n", ($4-$1)/n, ($5-$2)/n, ($6-$3)/n }'
join "$WORK/t0" "$WORK/t1" | awk -v n="$N" '{ s=($10-$3)/n; f=($11-$4)/n; i=($12-$5)/n; u=($13-$6)/n; d=($14-$7)/n; sc=($9-$2)/n; ix=($15-$8)/n;
  if (s+f+i+u+d+sc+ix > 0.01) printf "   %-28s seq scans %.2f, seq rows %.1f, index scans %.2f, index rows %.1f, ins %.2f, upd %.2f, del %.2f\n", $1, sc, s, ix, f, i, u, d }'
if [ "$STATEMENTS" = 1 ]; then
  echo "== statements per message (pg_stat_statements: calls, execution ms, per message; this database)"
  psqlq -d $DB -F ' | ' -c "select round(s.calls::numeric / $N, 2), round((s.total_exec_time / $N)::numeric, 3), left(regexp_replace(s.query, '\s+', ' ', 'g'), 150) from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = current_database() and s.calls >= $N / 20 order by s.calls desc limit 30"
fi
jcmd $PID JFR.dump name=cpu filename="$WORK/duban.jfr" >/dev/null
echo "== CPU samples by top frame's package (JFR)"
jfr print --stack-depth 64 --events jdk.ExecutionSample "$WORK/duban.jfr" >"$WORK/samples.txt"
awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/\(.*/, ""); n = split($0, p, "."); k = p[1]; for (i = 2; i < n - 1 && i <= 3; i++) k = k "." p[i]; top[k]++; total++ }
  END { for (k in top) printf "%6.1f%% %s\n", 100 * top[k] / total, k }' "$WORK/samples.txt" | sort -rn | head -25
echo "== inclusive by package family (a sample counts once per family on its stack)"
awk '/stackTrace = \[/ { inside = 1; delete seen; total++; next }
  inside && /^[ \t]*\]/ { inside = 0; for (k in seen) inc[k]++; next }
  inside { line = $0; sub(/^[ \t]+/, "", line); sub(/\(.*/, "", line); n = split(line, p, ".");
    k = p[1] "." p[2]; if (p[1] == "io" && (p[2] == "duban" || p[2] == "r2dbc" || p[2] == "netty" || p[2] == "micrometer")) k = p[1] "." p[2] (p[2] == "duban" ? "." p[3] : "");
    seen[k] = 1 }
  END { for (k in inc) printf "%6.1f%% %s\n", 100 * inc[k] / total, k }' "$WORK/samples.txt" | sort -rn | head -30
echo "(recording and samples in $WORK)"
