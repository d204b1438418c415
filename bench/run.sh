#!/usr/bin/env bash
# Duban benchmarks, on this machine, in one run. Not part of the test run.
#   bench/run.sh            full run (about 45 minutes)
#   SECONDS_PER_RUN=10 bench/run.sh   shorter runs
#   PHASES=rates SECONDS_PER_RUN=10 RATES="50 100" PAIRS=1 WARM_C_SECONDS=20 bench/run.sh   smoke run
# Phases (PHASES, default all of them): endpoint (a, the bare WebFlux endpoint), callbacks (c, the
# WeCom path at its ceiling and at half of it), rates (d, Duban beside the conventional synchronous
# bot of bench/peer at fixed rates, interleaved), pgbench (b), understanding (the labelled corpus,
# and the Digest and Outbox benches).
# Prints a table and writes bench/results/<date>.md (BENCH_OUT names another file). Needs
# PostgreSQL on 127.0.0.1:5432 (as CI) and pgbench (Debian postgresql-client). Ports (BENCH_PORT,
# BENCH_SINK_PORT, BENCH_PEER_PORT, BENCH_ACK_PORT) and databases (BENCH_DB, BENCH_PEER_DB,
# BENCH_ACK_DB) may be named, for two benches side by side.
set -euo pipefail
cd "$(dirname "$0")/.."

RUN=${SECONDS_PER_RUN:-20}
WARM=${WARM_SECONDS:-8}
# the message path runs far more code than the bare endpoint: the JIT compiles for about two
# minutes under load (a compile thread busy most of the time), so the path is warmed at a rate it
# keeps up with before it is measured
WARM_C=${WARM_C_SECONDS:-120}
WARM_C_RATE=${WARM_C_RATE:-@250}
# (d) measures CPU per message: after the warm-up each side is loaded further, SETTLE_CHUNK s at a
# time at SETTLE_RATE, until its JIT compiler threads spent under 2% of a core in a chunk (at
# most SETTLE_MAX s); a big service still compiles minutes after start, and that is not the
# messages' cost. SETTLE_MAX=0 skips it.
SETTLE_MAX=${SETTLE_MAX:-600}
SETTLE_RATE=${SETTLE_RATE:-@100}
SETTLE_CHUNK=${SETTLE_CHUNK:-20}
CONC=${CONCURRENCY:-64}
PHASES=${PHASES:-endpoint callbacks rates pgbench understanding}
# (d): each fixed rate PAIRS times, Duban, the peer and the peer's acknowledge-only mode in turn,
# RATE_SECONDS each (a minute: replies keep up only if they do so for that long)
RATES=${RATES:-100 200 400}
PAIRS=${PAIRS:-3}
RATE_RUN=${RATE_SECONDS:-${SECONDS_PER_RUN:-60}}
SIDES="duban peer"; [ "${PEER_ACK:-1}" = 1 ] && SIDES="$SIDES ack"
# a WeCom group robot takes 20 messages a minute: at 800 msg/s over 4,000 groups each gets 12, so
# the platform's limit never decides how fast replies leave in (d)
RATE_GROUPS=${RATE_GROUPS:-4000}
PORT=${BENCH_PORT:-18090}
SINK_PORT=${BENCH_SINK_PORT:-18091}
PEER_PORT=${BENCH_PEER_PORT:-18092}
ACK_PORT=${BENCH_ACK_PORT:-18093}
PG=${BENCH_PG:-127.0.0.1:5432}
# databases by env too, so two worktrees can bench side by side without dropping each other's
DB=${BENCH_DB:-duban_bench}
PEER_DB=${BENCH_PEER_DB:-duban_peer}
ACK_DB=${BENCH_ACK_DB:-duban_peer_ack}
JVM_OPTS=${JVM_OPTS:--Xms256m -Xmx256m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC}
TOKEN=benchToken01
AESKEY=BenchAesKey0123456789abcdefghijklmnopqrstuv
ADMIN=bench-admin-token-0123456789
BASE="http://127.0.0.1:$PORT"
# the group robots' replies go to a local fake platform that accepts them (PlatformSink) and
# notes when each arrived
HOOK="http://127.0.0.1:$SINK_PORT/cgi-bin/webhook/send?key=bench"
OUT=${BENCH_OUT:-bench/results/$(date -u +%F).md}
WORK=$(mktemp -d -t duban-bench.XXXXXX)
LOG=$WORK/duban.log
REPLIES=$WORK/replies.tsv
HZ=$(getconf CLK_TCK)
psqlq() { psql -h "${PG%:*}" -p "${PG#*:}" -U postgres -qAt "$@"; }
has() { [[ " $PHASES " == *" $1 "* ]]; }

echo "== building"
mvn -q -B -Dquick -DskipTests package test-compile
# (to a file: on standard output Maven's colour codes would stick to the first and last jar)
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/classpath"
CP="target/test-classes:target/classes:$(cat "$WORK/classpath")"
if has rates; then mvn -q -B -f bench/peer/pom.xml -DskipTests package; fi

psqlq -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
if has rates; then
  for db in $PEER_DB $ACK_DB; do
    psqlq -d postgres -c "drop database if exists $db with (force)" -c "create database $db"
  done
fi

wait_ready() {
  for _ in $(seq 1 240); do
    if curl -s -o /dev/null "$1" 2>/dev/null; then return; fi
    sleep 0.25
  done
}
start_service() {
  local begin=$(date +%s%N)
  DUBAN_DB_URL="postgresql://$PG/$DB" DUBAN_ADMIN_TOKEN=$ADMIN DUBAN_LOG_FORMAT=ecs \
  java $JVM_OPTS -jar target/duban.jar --server.port=$PORT \
    --duban.bench.enabled=true --duban.callbacks.rate-limit.enabled=false \
    --duban.chat.wecom[0].id=bench-robot --duban.chat.wecom[0].kind=GROUP_ROBOT \
    --duban.chat.wecom[0].token=$TOKEN --duban.chat.wecom[0].encoding-aes-key=$AESKEY \
    --duban.chat.wecom[0].api-base-url=http://127.0.0.1:$SINK_PORT \
    --duban.chat.wecom[0].reply-hosts=http://127.0.0.1:$SINK_PORT \
    >"$LOG" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do
    if curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; then break; fi
    sleep 0.25
  done
  STARTUP_MS=$(( ($(date +%s%N) - begin) / 1000000 ))
}
# the peer (bench/peer): MODE PORT DATABASE; sets LAST_PID
start_peer() {
  java $JVM_OPTS -jar bench/peer/target/duban-peer.jar --server.port="$2" --peer.mode="$1" \
    --spring.datasource.url="jdbc:postgresql://$PG/$3" --peer.token=$TOKEN --peer.aes-key=$AESKEY \
    >"$WORK/peer-$1.log" 2>&1 &
  LAST_PID=$!
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
stop_service() { stop "${PID:-}"; }
trap 'stop_service; stop "${PEER_PID:-}"; stop "${ACK_PID:-}"; stop "${SINK_PID:-}"' EXIT

load() { java -Xmx512m -cp "$CP" io.duban.bench.LoadClient "$@" | grep '^RESULT'; }
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2/1024}' /proc/"$PID"/status; }

echo "== starting the service (embedded in nothing: PostgreSQL $PG/$DB)"
java -Xmx64m -cp "$CP" io.duban.bench.PlatformSink "$SINK_PORT" "$REPLIES" >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
start_service
echo "   ready after ${STARTUP_MS} ms"

if has endpoint; then
  echo "== (a) bare WebFlux endpoint, closed loop, $CONC in flight"
  load noop "$BASE" "$WARM" "$CONC" >/dev/null
  A=$(load noop "$BASE" "$RUN" "$CONC"); echo "   $A"
fi

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
upkeep() { psqlq -d "${1:-$DB}" -c "vacuum analyze"; }
DUBAN_WARMED=0
if has callbacks; then
  echo "== (c) WeCom group-robot callbacks: verify, decrypt, store, understand, report, reply"
  load wecom "$BASE" "$WARM_C" "$WARM_C_RATE" $TOKEN $AESKEY "$HOOK" >/dev/null
  DUBAN_WARMED=1
  echo "   letting the warm-up's messages drain"; drain; upkeep
  RSS_PEAK=0
  ( while kill -0 "$PID" 2>/dev/null; do r=$(rss_mb); echo "$r"; sleep 1; done ) > "$WORK/rss" &
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
  RSS_PEAK=$(sort -n "$WORK/rss" | tail -n 1)

  STORED=$(psqlq -d $DB -c "select count(*) from inbound_message")
  PROCESSED=$(psqlq -d $DB -c "select count(*) from inbound_message where status = 'PROCESSED'")
  REPORTS=$(psqlq -d $DB -c "select count(*) from progress_report")
  REPLIES_QUEUED=$(psqlq -d $DB -c "select count(*) from outbox_message" 2>/dev/null || echo n/a)
  REPLIES_SENT=$(psqlq -d $DB -c "select count(*) from outbox_message where status = 'SENT'" 2>/dev/null || echo n/a)
fi

# (d) ------------------------------------------------------------------------------------------
# A side is duban, peer (the conventional bot, everything in the request) or ack (the same bot
# answering once the message is stored).
side_pid() { case $1 in duban) echo "$PID" ;; peer) echo "$PEER_PID" ;; ack) echo "$ACK_PID" ;; esac; }
side_db() { case $1 in duban) echo $DB ;; peer) echo $PEER_DB ;; ack) echo $ACK_DB ;; esac; }
side_base() {
  case $1 in duban) echo "$BASE" ;; peer) echo "http://127.0.0.1:$PEER_PORT" ;; ack) echo "http://127.0.0.1:$ACK_PORT" ;; esac
}
load_side() { # SIDE SECONDS LOAD [SENT_FILE]
  java -Xmx512m -Dbench.groups=$RATE_GROUPS ${4:+-Dbench.sent=$4} -cp "$CP" io.duban.bench.LoadClient \
    wecom "$(side_base "$1")" "$2" "$3" $TOKEN $AESKEY "$HOOK" | grep '^RESULT'
}
# rows a side holds: stored, understood, reports, replies queued, replies marked sent
side_rows() {
  case $1 in
    duban) psqlq -d $DB -F ' ' -c "select (select count(*) from inbound_message), (select count(*) from inbound_message where status = 'PROCESSED'), (select count(*) from progress_report), (select count(*) from outbox_message), (select count(*) from outbox_message where status = 'SENT')" ;;
    *) psqlq -d "$(side_db "$1")" -F ' ' -c "select (select count(*) from message), (select count(*) from report), (select count(*) from report), (select count(*) from outbox), (select count(*) from outbox where status = 'SENT')" ;;
  esac
}
replies_since() { tail -c +$(( $1 + 1 )) "$REPLIES" | wc -l; }
# until the sink holds WANT replies after OFFSET, or none has come for 15 s (at most 10 minutes)
wait_replies() {
  local last=-1 idle=0 n
  for _ in $(seq 1 600); do
    n=$(replies_since "$1")
    [ "$n" -ge "$2" ] && break
    if [ "$n" = "$last" ]; then idle=$((idle + 1)); [ $idle -ge 15 ] && break; else idle=0; last=$n; fi
    sleep 1
  done
  sleep 0.3 # the sink writes its file every 100 ms
}
# CPU ticks (utime + stime) of a process, and of each backend of a database as "pid ticks"
jvm_ticks() { awk '{ print $14 + $15 }' /proc/"$1"/stat; }
pg_ticks() {
  for p in $(psqlq -d postgres -c "select pid from pg_stat_activity where datname = '$1' and backend_type = 'client backend'"); do
    if [ -r /proc/"$p"/stat ]; then awk -v p="$p" '{ print p, $14 + $15 }' /proc/"$p"/stat; fi
  done
}
# ticks the backends spent between two listings; a backend that closed in between is not counted
pg_delta() { awk 'NR == FNR { b[$1] = $2; next } { d += $2 - ($1 in b ? b[$1] : 0) } END { print d + 0 }' "$1" "$2"; }
ms_per() { awk -v t="$1" -v n="$2" -v hz="$HZ" 'BEGIN { if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "-" }'; }
# CPU ticks of a JVM's JIT compiler threads (C1/C2; they come and go, a gone one's ticks are lost)
jit_ticks() {
  local t=0 f
  for f in /proc/"$1"/task/*; do
    if grep -q CompilerThre "$f/comm" 2>/dev/null; then t=$((t + $(awk '{ print $14 + $15 }' "$f/stat" 2>/dev/null || echo 0))); fi
  done
  echo $t
}
declare -A SETTLED
settle() { # SIDE: load it until its JIT is quiet (see SETTLE_MAX)
  local side=$1 pid spent=0 j0 j1 off w busy=-
  pid=$(side_pid "$side")
  while [ "$spent" -lt "$SETTLE_MAX" ]; do
    off=$(stat -c %s "$REPLIES")
    j0=$(jit_ticks "$pid")
    w=$(load_side "$side" "$SETTLE_CHUNK" "$SETTLE_RATE") || w="RESULT sent_ok=0"
    if [ "$side" != ack ]; then wait_replies "$off" "$(field sent_ok "$w")"; fi
    j1=$(jit_ticks "$pid"); spent=$((spent + SETTLE_CHUNK + 5))
    busy=$(awk -v t=$((j1 - j0)) -v s=$((SETTLE_CHUNK + 5)) -v hz="$HZ" 'BEGIN { printf "%.1f", 100 * t / hz / s }')
    awk -v b="$busy" 'BEGIN { exit !(b < 2) }' && break
  done
  SETTLED[$side]="$spent s more at $SETTLE_RATE msg/s (JIT ${busy}% of a core in the last ${SETTLE_CHUNK} s)"
  echo "   $side settled: ${SETTLED[$side]}"
}
declare -A TOTAL
rate_run() { # SIDE RATE PAIR
  local side=$1 rate=$2 pair=$3 pid db rows0 rows1 off j0 j1 c0 c1 r m n jvm pg acc
  pid=$(side_pid "$side"); db=$(side_db "$side")
  upkeep "$db"
  rows0=($(side_rows "$side"))
  off=$(stat -c %s "$REPLIES")
  j0=$(jvm_ticks "$pid"); c0=$(jit_ticks "$pid"); pg_ticks "$db" >"$WORK/pg0"
  r=$(load_side "$side" "$RATE_RUN" "@$rate" "$WORK/sent")
  if [ "$side" != ack ]; then wait_replies "$off" "$(field sent_ok "$r")"; fi
  j1=$(jvm_ticks "$pid"); c1=$(jit_ticks "$pid"); pg_ticks "$db" >"$WORK/pg1"
  rows1=($(side_rows "$side"))
  n=$(( rows1[0] - rows0[0] ))
  jvm=$(ms_per $(( j1 - j0 )) "$n"); pg=$(ms_per "$(pg_delta "$WORK/pg0" "$WORK/pg1")" "$n")
  if [ "$side" != ack ]; then
    tail -c +$(( off + 1 )) "$REPLIES" >"$WORK/replies-run"
    m=$(java -Xmx256m -cp "$CP" io.duban.bench.ReplyMatch "$WORK/sent" "$WORK/replies-run" | grep '^RESULT')
  else
    m="RESULT replies p50_ms=- p99_ms=- message_rate=- reply_rate=- keeps_up=- answered=0 unanswered=0 twice=0 extra=0"
  fi
  acc=$(field sent_ok "$r")
  TOTAL[$side]=$(awk -v t="${TOTAL[$side]:-0 0 0 0 0 0 0 0 0 0}" -v d="$acc $n $(( rows1[1] - rows0[1] )) $(( rows1[2] - rows0[2] )) $(( rows1[3] - rows0[3] )) $(( rows1[4] - rows0[4] )) $(field answered "$m") $(field unanswered "$m") $(field twice "$m") $(field extra "$m")" \
    'BEGIN { split(t, a, " "); split(d, b, " "); for (i = 1; i <= 10; i++) printf "%s%d", (i > 1 ? " " : ""), a[i] + b[i] }')
  echo "$side $rate $pair $(field p50_ms "$r") $(field p99_ms "$r") $(field p50_ms "$m") $(field p99_ms "$m") $jvm $pg $(awk -v a="$jvm" -v b="$pg" 'BEGIN { if (a == "-" || b == "-") print "-"; else printf "%.2f", a + b }') $(field reply_rate "$m") $(field message_rate "$m") $(field keeps_up "$m") $(field failed "$r")" >>"$WORK/rates.tsv"
  printf '   %-5s @%s #%s: callback p50 %s ms p99 %s ms (failed %s); received -> reply sent p50 %s ms p99 %s ms; replies %s/s for %s msg/s (keeps up: %s); CPU per message JVM %s ms, PostgreSQL %s ms; accepted %s, stored %s, answered %s (unanswered %s, twice %s, extra %s)\n' \
    "$side" "$rate" "$pair" "$(field p50_ms "$r")" "$(field p99_ms "$r")" "$(field failed "$r")" "$(field p50_ms "$m")" "$(field p99_ms "$m")" \
    "$(field reply_rate "$m")" "$(field message_rate "$m")" "$(field keeps_up "$m")" "$jvm" "$pg" "$acc" "$n" \
    "$(field answered "$m")" "$(field unanswered "$m")" "$(field twice "$m")" "$(field extra "$m")"
  echo "         of the JVM's CPU, the JIT compiler: $(ms_per $(( c1 - c0 )) "$n") ms per message"
}
if has rates; then
  echo "== (d) beside a conventional synchronous bot (bench/peer), at fixed rates: $RATES msg/s, $PAIRS interleaved rounds of $RATE_RUN s, $RATE_GROUPS groups"
  start_peer full "$PEER_PORT" $PEER_DB; PEER_PID=$LAST_PID
  if [[ " $SIDES " == *" ack "* ]]; then start_peer ack "$ACK_PORT" $ACK_DB; ACK_PID=$LAST_PID; fi
  for side in $SIDES; do wait_ready "$(side_base "$side")/"; done
  : >"$WORK/rates.tsv"
  # every side warmed as Duban was for (c), at the same rate for as long
  for side in $SIDES; do
    if [ "$side" = duban ] && [ $DUBAN_WARMED = 1 ]; then continue; fi
    echo "   warming $side: $WARM_C s at $WARM_C_RATE msg/s"
    off=$(stat -c %s "$REPLIES")
    # a warm-up that overran its time (an overloaded machine) only warmed less
    w=$(load_side "$side" "$WARM_C" "$WARM_C_RATE") || w="RESULT sent_ok=0"
    if [ "$side" != ack ]; then wait_replies "$off" "$(field sent_ok "$w")"; fi
  done
  if [ "$SETTLE_MAX" -gt 0 ]; then for side in $SIDES; do settle "$side"; done; fi
  drain
  for rate in $RATES; do
    for pair in $(seq 1 "$PAIRS"); do
      for side in $SIDES; do rate_run "$side" "$rate" "$pair"; done
    done
  done
  stop "$PEER_PID"; stop "${ACK_PID:-}"
  # one cell per side and measure: the median of the rounds, their range beside it; the ratio of
  # Duban's median to the peer's
  RATES_TABLE=$(awk -v rates="$RATES" -v pairs="$PAIRS" '
    function sorted(k, f, out,   i, j, t, m) {
      m = n[k]
      for (i = 1; i <= m; i++) out[i] = v[k, f, i]
      for (i = 2; i <= m; i++) { t = out[i]; for (j = i - 1; j >= 1 && out[j] + 0 > t + 0; j--) out[j + 1] = out[j]; out[j + 1] = t }
      return m
    }
    function med(k, f,   s, m) {
      m = sorted(k, f, s); if (m == 0 || s[1] == "-") return "-"
      return (m % 2) ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2
    }
    function cell(k, f,   s, m, x) {
      m = sorted(k, f, s); if (m == 0) return ""
      x = med(k, f); if (x == "-") return "-"
      return (m > 1 && s[1] != s[m]) ? sprintf("%s (%s–%s)", fmt(x), fmt(s[1]), fmt(s[m])) : fmt(x)
    }
    function fmt(x) { return (x + 0 >= 100) ? sprintf("%.0f", x) : sprintf("%.3g", x) }
    function ratio(r, f,   a, b) {
      a = med("duban" SUBSEP r, f); b = med("peer" SUBSEP r, f)
      return (a == "-" || b == "-" || b + 0 == 0) ? "-" : sprintf("%.2f", a / b)
    }
    { k = $1 SUBSEP $2; n[k]++; for (f = 4; f <= NF; f++) v[k, f, n[k]] = $f
      if ($13 != "yes") lags[$1, $2] = 1; seen[$1, $2] = 1 }
    END {
      name[4] = "callback p50, ms"; name[5] = "callback p99, ms"
      name[6] = "received → reply sent p50, ms"; name[7] = "received → reply sent p99, ms"
      name[8] = "CPU per message, JVM, ms"; name[9] = "CPU per message, PostgreSQL, ms"
      name[10] = "CPU per message, JVM + PostgreSQL, ms"; name[11] = "replies per second"
      name[12] = "messages per second"
      nr = split(rates, rs, " ")
      for (i = 1; i <= nr; i++) {
        r = rs[i]
        for (f = 4; f <= 12; f++)
          printf "| %s msg/s | %s | %s | %s | %s | %s |\n", r, name[f], cell("duban" SUBSEP r, f), cell("peer" SUBSEP r, f), ratio(r, f), cell("ack" SUBSEP r, f)
      }
      for (s = 1; s <= 2; s++) {
        side = (s == 1) ? "duban" : "peer"; best[side] = "none"
        for (i = 1; i <= nr; i++) if (seen[side, rs[i]] && !lags[side, rs[i]]) best[side] = rs[i] " msg/s"
      }
      printf "| highest rate whose replies kept up with the messages in every round (reply rate ≥ 97%% of the message rate) | | %s | %s | | |\n", best["duban"], best["peer"]
    }' "$WORK/rates.tsv")
  totals() { # SIDE: accepted stored understood reports queued sent answered unanswered twice extra
    local t=(${TOTAL[$1]:-0 0 0 0 0 0 0 0 0 0})
    echo "${t[0]} accepted / ${t[1]} stored / ${t[2]} understood / ${t[3]} reports / ${t[4]} replies queued / ${t[5]} marked sent; at the platform ${t[6]} answered, ${t[7]} unanswered, ${t[8]} answered twice, ${t[9]} replies matching no message"
  }
  echo "   duban: $(totals duban)"; echo "   peer:  $(totals peer)"
  [[ " $SIDES " == *" ack "* ]] && echo "   ack:   $(totals ack)"
fi
stop_service

if has pgbench; then
  echo "== (b) PostgreSQL single-row insert ceiling (pgbench)"
  psqlq -d $DB -c "create table if not exists bench_insert (id bigserial primary key, payload text not null, at timestamptz not null default now())"
  echo "insert into bench_insert (payload) values ('1.2 药创院省重点实验室申报材料已报送，进度60%');" > "$WORK/pgbench.sql"
  B1=$(pgbench -h "${PG%:*}" -p "${PG#*:}" -U postgres -n -c 1 -j 1 -T "$RUN" -f "$WORK/pgbench.sql" $DB 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p')
  B10=$(pgbench -h "${PG%:*}" -p "${PG#*:}" -U postgres -n -c 10 -j 2 -T "$RUN" -f "$WORK/pgbench.sql" $DB 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p')
  echo "   1 client: $B1 tps; 10 clients: $B10 tps"
fi

EXTRA=""
if has understanding; then
  echo "== understanding one message (labelled corpus)"
  U=$(mvn -q -B -Dstyle.color=never -Dquick test -Dgroups=bench -Dtest=UnderstandingBench 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | grep 'understanding bench' || true); echo "   $U"
  for bench in DigestBench OutboxBench; do
    if ls target/test-classes/io/duban/*/bench/$bench.class >/dev/null 2>&1; then
      echo "== $bench"
      line=$(mvn -q -B -Dstyle.color=never -Dquick test -Dgroups=bench -Dtest=$bench 2>/dev/null | grep -i 'bench:' || true)
      echo "   $line"; EXTRA="$EXTRA| $bench | $line |"$'\n'
    fi
  done
fi

{
  echo "# Duban benchmark, $(date -u '+%F %H:%M') UTC"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(java -version 2>&1 | head -n 1); JVM: \`$JVM_OPTS\`; $RUN s per run after $WARM s warm-up ($WARM_C s at $WARM_C_RATE req/s for the WeCom path), $CONC requests in flight; load generator and PostgreSQL on the same machine; PostgreSQL's autovacuum is off here, so the bench runs VACUUM ANALYZE between phases. Phases: $PHASES."
  echo
  echo "| measure | result | target |"
  echo "| --- | --- | --- |"
  if has endpoint; then
    echo "| (a) bare WebFlux endpoint | $(field rps "$A") req/s, p50 $(field p50_ms "$A") ms, p99 $(field p99_ms "$A") ms | |"
  fi
  if has pgbench; then
    echo "| (b) PostgreSQL insert, 1 client | ${B1:-n/a} tps | |"
    echo "| (b) PostgreSQL insert, 10 clients | ${B10:-n/a} tps | |"
  fi
  if has callbacks; then
    RATIO_CB=n/a; RATIO=n/a
    if has endpoint; then
      RPS_A=$(field rps "$A")
      RATIO=$(awk -v c="$RPS_C" -v a="$RPS_A" 'BEGIN { printf "%.2f", c / a }')
      RATIO_CB=$(awk -v c="$(field rps "$C")" -v a="$RPS_A" 'BEGIN { printf "%.2f", c / a }')
    fi
    echo "| (c) WeCom path, callbacks answered (verified, decrypted, stored) | $(field rps "$C") req/s (ok $(field ok "$C"), failed $(field failed "$C")), p50 $(field p50_ms "$C") ms, p99 $(field p99_ms "$C") ms; ratio to (a) $RATIO_CB | |"
    echo "| (c) WeCom path, full (also understood, report stored, reply queued) | $RPS_C msg/s over the burst until its last message was understood ($(cut -d' ' -f1 <<<"$FULL") messages, $(cut -d' ' -f3 <<<"$FULL") left unprocessed) | |"
    echo "| (c)/(a), full path | $RATIO | ≥ 0.40 |"
    echo "| (c) at half the full-path rate ($HALF req/s) | callback p50 $(field p50_ms "$CH") ms, p99 $(field p99_ms "$CH") ms, failed $(field failed "$CH"); callback to understood p50 $(cut -d' ' -f1 <<<"$E2E") ms, p99 $(cut -d' ' -f2 <<<"$E2E") ms | p99 < 50 ms |"
    echo "| after (c): stored / processed / reports / replies queued / replies delivered to the fake platform | $STORED / $PROCESSED / $REPORTS / $REPLIES_QUEUED / $REPLIES_SENT | all stored processed |"
  fi
  if has understanding; then
    echo "| understanding one message | ${U:-n/a} | median < 1 ms |"
    printf '%s' "$EXTRA"
  fi
  echo "| start-up to ready | ${STARTUP_MS} ms | |"
  if has callbacks; then
    echo "| resident memory, peak under load | ${RSS_PEAK} MB | < 512 MB |"
  fi
  if has rates; then
    echo
    echo "## (d) Duban beside a conventional bot, at fixed rates"
    echo
    echo "The peer (\`bench/peer\`: Spring MVC on Tomcat, JdbcTemplate on HikariCP) does everything in the request: verify, decrypt, store (deduplicated), read code and percent with a regex, insert the report and the outbox row, POST the reply, mark it sent; its acknowledge-only mode verifies, decrypts, stores and answers. The same JVM options for all; each side warmed $WARM_C s at $WARM_C_RATE msg/s, then loaded further until its JIT compiler was quiet (Duban ${SETTLED[duban]:-not settled}; peer ${SETTLED[peer]:-not settled}; acknowledge-only ${SETTLED[ack]:-not settled}); $PAIRS interleaved round(s) of $RATE_RUN s per rate (after the load client's own 5 s), Duban, peer, acknowledge-only in turn; reports from $RATE_GROUPS groups. Cells: median of the rounds (range). Callback: the load client's send to the answer. Received → reply sent: the callback's send to the fake platform's receipt of the reply that names it. CPU: utime + stime from \`/proc\` of the service JVM and of the PostgreSQL backends of its database, from the load's start until its last reply arrived, per message stored. Every message: accepted (answered 200, the load client's warm-up included), stored, understood (Duban: handled; the peer: its regex read an item code, the others get a question back), reports, replies queued and marked sent, and at the fake platform messages answered once, not at all or twice."
    echo
    echo "| rate | measure | Duban | peer (full) | Duban ÷ peer | peer, acknowledge only |"
    echo "| --- | --- | --- | --- | --- | --- |"
    echo "$RATES_TABLE"
    echo "| every message of (d): Duban | $(totals duban) | | | | |"
    echo "| every message of (d): peer | $(totals peer) | | | | |"
    [[ " $SIDES " == *" ack "* ]] && echo "| every message of (d): peer, acknowledge only | $(totals ack) | | | | |"
  fi
} > "$OUT"
echo
cat "$OUT"
echo
echo "written to $OUT (logs, replies and per-run files in $WORK)"
