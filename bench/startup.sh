#!/usr/bin/env bash
# Start-up of the packaged jar: time from process start to the first successful authenticated
# request (POST /auth/get-token, then POST /document/generate with that token: 200), and the JVM's
# RSS right after it. Plain JVM jar on JDK 17 and JDK 25, and JDK 25 with a Leyden AOT cache
# (-XX:AOTCacheOutput on a training run, then -XX:AOTCache). Embedded PostgreSQL default, its data
# directory created once beforehand (initdb is not timed; starting PostgreSQL is). Loopback only;
# every wait is bounded. Writes its section of docs/benchmarks.md (between <!-- startup:begin -->
# and <!-- startup:end -->) and the raw numbers as JSON to $STARTUP_JSON (target/bench/startup.json).
# bench/run.sh runs it too (BENCH_STARTUP_RUNS).
#
#   ./mvnw -B package -DskipTests && bench/startup.sh [runs, default 5]
#
# JDK17 and JDK25 name the JDK homes; by default the java on PATH and the first JDK 25 under
# /usr/lib/jvm (Debian's layout). Without a JDK 25 only the first line is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
JAR=$PWD/target/quarkus-app/quarkus-run.jar
JDK17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JDK25=${JDK25:-$(ls -d /usr/lib/jvm/*-25-* /usr/lib/jvm/*-25 2>/dev/null | head -1 || true)}
WORK=$PWD/target/bench/startup
OUT=docs/benchmarks.md
JSON=${STARTUP_JSON:-$PWD/target/bench/startup.json}
START_TIMEOUT_S=120
[ -f "$JAR" ] || { echo "no $JAR: ./mvnw -B package -DskipTests first" >&2; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK"
major() { "$1/bin/java" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/'; }
LABEL17="JDK $(major "$JDK17")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

PID=
stop_sandbox() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID"
    for _ in $(seq 600); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$PID" 2>/dev/null && kill -KILL "$PID"
    wait "$PID" 2>/dev/null || true
  fi
  PID=
}
trap stop_sandbox EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start <java> <log> <extra JVM options...>: sets MS (to the first authenticated 200) and RSS_KIB
start() {
  local java=$1 log=$2; shift 2
  local port; port=$(free_port)
  local base=http://127.0.0.1:$port t0; t0=$(now_ms)
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port SANDBOX_ADMIN_TOKEN=bench \
    SANDBOX_EMBEDDED_POSTGRES_DIR=$WORK/postgres SANDBOX_STORAGE_ROOT=$WORK/storage \
    "$java" "$@" -jar "$JAR" >"$log" 2>&1 &
  PID=$!
  local deadline=$((t0 + START_TIMEOUT_S * 1000)) token=
  while [ "$(now_ms)" -lt "$deadline" ]; do
    kill -0 "$PID" 2>/dev/null || { echo "sandbox exited, see $log" >&2; return 1; }
    if [ -z "$token" ]; then
      token=$(curl -s -m 2 -X POST "$base/auth/get-token" -H 'content-type: application/json' \
        -d '{"user":{"login":"sandbox","password":"sandbox"}}' | sed -nE 's/.*"token":"([^"]+)".*/\1/p' || true)
    fi
    if [ -n "$token" ] && [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' -X POST "$base/document/generate" \
        -H "x-connectfi-token: $token")" = 200 ]; then
      local t1; t1=$(now_ms)
      RSS_KIB=$(ps -o rss= -p "$PID" | tr -d ' ')
      MS=$((t1 - t0))
      return 0
    fi
    sleep 0.02
  done
  echo "not ready within ${START_TIMEOUT_S}s, see $log" >&2; return 1
}

declare -A TIMES RSS
measure() { # measure <label> <java> <options...>
  local label=$1 java=$2; shift 2
  for i in $(seq "$RUNS"); do
    start "$java" "$WORK/$label-$i.log" "$@"
    stop_sandbox
    local ms=$MS rss=$RSS_KIB
    TIMES[$label]="${TIMES[$label]:-} $ms"; RSS[$label]="${RSS[$label]:-} $rss"
    echo "$label run $i: ${ms} ms, RSS ${rss} KiB" >&2
  done
}

# warm-up: creates the PostgreSQL cluster and the schema, untimed
start "$JDK17/bin/java" "$WORK/warmup.log"; stop_sandbox

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
LABELS=("$LABEL17")
measure "$LABEL17" "$JDK17/bin/java"
if [ -n "$JDK25" ] && [ -x "$JDK25/bin/java" ]; then
  LABELS+=("JDK 25" "JDK 25 + AOT cache")
  measure "JDK 25" "$JDK25/bin/java"
  # training run: the JVM writes the AOT cache when it exits (JEP 514, one-step workflow)
  AOT=$WORK/app.aot
  start "$JDK25/bin/java" "$WORK/aot-training.log" -XX:AOTCacheOutput="$AOT"; stop_sandbox
  [ -s "$AOT" ] || { echo "no AOT cache written, see $WORK/aot-training.log" >&2; exit 1; }
  measure "JDK 25 + AOT cache" "$JDK25/bin/java" -XX:AOTCache="$AOT"
fi

stats() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1; s+=$1} END {printf "%d | %d | %d | %d", a[int((NR+1)/2)], s/NR, a[1], a[NR]}'; }
json_array() { echo "$1" | tr -s ' ' '\n' | grep -v '^$' | paste -sd, -; }
{
  echo "{"
  first=1
  for label in "${LABELS[@]}"; do
    [ $first = 1 ] || echo ","
    first=0
    printf '"%s": {"ms": [%s], "rss_kib": [%s]}' "$label" "$(json_array "${TIMES[$label]}")" "$(json_array "${RSS[$label]}")"
  done
  echo "}"
} > "$JSON"

BLOCK=$WORK/section.md
{
  echo "_Generated by \`bench/startup.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); edit the script, not this block._"
  echo
  echo "Time from process start to the first successful authenticated request (\`POST /auth/get-token\`,"
  echo "then \`POST /document/generate\` with the token answering 200), and the resident set size of the"
  echo "JVM right after it (PostgreSQL's processes not included). The packaged jar"
  echo "(\`target/quarkus-app/quarkus-run.jar\`) on its embedded PostgreSQL default, whose cluster was"
  echo "created by an untimed warm-up run: starting PostgreSQL is part of each time, \`initdb\` is not."
  echo "$RUNS runs per line, one after the other, polled every 20 ms over loopback."
  echo
  echo "| JVM | median ms | mean ms | min ms | max ms | median RSS MiB | mean RSS MiB | min RSS MiB | max RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for label in "${LABELS[@]}"; do
    rss_mib=$(for k in ${RSS[$label]}; do echo $((k / 1024)); done | tr '\n' ' ')
    echo "| $label | $(echo "${TIMES[$label]}" | stats) | $(echo "$rss_mib" | stats) |"
  done
  echo
  echo "Raw times (ms): $(for l in "${LABELS[@]}"; do printf '%s:%s; ' "$l" "${TIMES[$l]}"; done)"
  echo
  echo "- $LABEL17: \`$("$JDK17/bin/java" -version 2>&1 | head -1)\`"
  if [ ${#LABELS[@]} -gt 1 ]; then
    echo "- JDK 25: \`$("$JDK25/bin/java" -version 2>&1 | head -1)\`; the AOT cache comes from one training"
    echo "  run (\`-XX:AOTCacheOutput=app.aot\`, the login and one authenticated request, then SIGTERM) and"
    echo "  is used with \`-XX:AOTCache=app.aot\`. Quarkus 3.33 also has \`quarkus.package.jar.aot.enabled\`"
    echo "  (build-time training run); not used here."
  else
    echo "- No JDK 25 found (set JDK25): the JDK 25 and AOT cache lines were not measured."
  fi
  echo "- Native executable: not measured; it cannot be built on this machine (no GraalVM or Mandrel,"
  echo "  no container engine)."
  echo
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}'); $(uname -sr)."
  echo "Load average before the runs: $LOAD_BEFORE."
  echo "Load average when the runs ended: $(cut -d' ' -f1-3 /proc/loadavg) (other builds share the CPUs:"
  echo "compare the lines with each other, not with another machine)."
  echo
  echo "Command: \`./mvnw -B package -DskipTests && bench/startup.sh $RUNS\`"
} > "$BLOCK"
python3 - "$OUT" "$BLOCK" <<'PY'
import re, sys
doc, block = sys.argv[1], open(sys.argv[2]).read().rstrip()
begin, end = "<!-- startup:begin -->", "<!-- startup:end -->"
try:
    text = open(doc).read()
except FileNotFoundError:
    text = "# Benchmarks\n"
section = f"{begin}\n{block}\n{end}"
pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section + "\n"
open(doc, "w").write(text)
PY
cat "$BLOCK"
