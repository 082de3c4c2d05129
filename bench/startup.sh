#!/usr/bin/env bash
# Start-up of the packaged jar: time from process start to the first successful authenticated
# request (POST /auth/get-token, then POST /document/generate with that token: 200), and the
# process's RSS right after it. The jar as the README launches it, on JDK 17 and JDK 25, and JDK 25
# with a Leyden AOT cache (-XX:AOTCacheOutput on a training run, then -XX:AOTCache). Embedded
# PostgreSQL default, its data directory created once beforehand (initdb is not timed; starting
# PostgreSQL is). Against WireMock's start in the same run (time to its first stubbed 200), and the
# native executable when one was built (target/*-runner, or NATIVE_RUNNER), on the same PostgreSQL
# given by URL (schema current): there also the time to /q/health/ready UP. Loopback only;
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
# the README's launch options
LAUNCH=(-XX:+UseSerialGC -XX:-UseOnStackReplacement)
WIREMOCK_JAR=${WIREMOCK_JAR:-$PWD/target/bench/peers/wiremock-standalone-3.13.2.jar}
NATIVE=${NATIVE_RUNNER:-$(ls "$PWD"/target/*-runner 2>/dev/null | head -1 || true)}
WORK=$PWD/target/bench/startup
OUT=docs/benchmarks.md
JSON=${STARTUP_JSON:-$PWD/target/bench/startup.json}
START_TIMEOUT_S=120
[ -f "$JAR" ] || { echo "no $JAR: ./mvnw -B package -DskipTests first" >&2; exit 1; }
[ -f "$WIREMOCK_JAR" ] || ./mvnw -B -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.2 \
  -DoutputDirectory="$(dirname "$WIREMOCK_JAR")"
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

# first_200 <base url> <pid> <log>: polls until the sandbox's login and an authenticated request
# succeed; sets MS (since T0), READY_MS (since T0, to /q/health/ready UP; only if POLL_READY=1) and RSS_KIB
first_200() {
  local base=$1 pid=$2 log=$3 deadline=$((T0 + START_TIMEOUT_S * 1000)) token= ready=
  READY_MS=
  while [ "$(now_ms)" -lt "$deadline" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited, see $log" >&2; return 1; }
    if [ "${POLL_READY:-0}" = 1 ] && [ -z "$ready" ]; then
      if [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$base/q/health/ready")" = 200 ]; then
        ready=1; READY_MS=$(($(now_ms) - T0))
      else
        sleep 0.005; continue
      fi
    fi
    if [ -z "$token" ]; then
      token=$(curl -s -m 2 -X POST "$base/auth/get-token" -H 'content-type: application/json' \
        -d '{"user":{"login":"sandbox","password":"sandbox"}}' | sed -nE 's/.*"token":"([^"]+)".*/\1/p' || true)
    fi
    if [ -n "$token" ] && [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' -X POST "$base/document/generate" \
        -H "x-connectfi-token: $token")" = 200 ]; then
      MS=$(($(now_ms) - T0)); RSS_KIB=$(ps -o rss= -p "$pid" | tr -d ' ')
      return 0
    fi
    sleep 0.02
  done
  echo "not ready within ${START_TIMEOUT_S}s, see $log" >&2; return 1
}

# start <java> <log> <extra JVM options...>: the jar on its embedded PostgreSQL
start() {
  local java=$1 log=$2; shift 2
  local port; port=$(free_port)
  T0=$(now_ms)
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port SANDBOX_ADMIN_TOKEN=bench \
    SANDBOX_EMBEDDED_POSTGRES_DIR=$WORK/postgres SANDBOX_STORAGE_ROOT=$WORK/storage \
    "$java" "${LAUNCH[@]}" "$@" -jar "$JAR" >"$log" 2>&1 &
  PID=$!
  first_200 "http://127.0.0.1:$port" "$PID" "$log"
}

# start_native <log>: the native executable on the PostgreSQL at $NATIVE_JDBC_URL
start_native() {
  local log=$1 port; port=$(free_port)
  T0=$(now_ms)
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port SANDBOX_ADMIN_TOKEN=bench \
    QUARKUS_DATASOURCE_JDBC_URL=$NATIVE_JDBC_URL QUARKUS_DATASOURCE_USERNAME=postgres \
    SANDBOX_STORAGE_ROOT=$WORK/storage-native "$NATIVE" >"$log" 2>&1 &
  PID=$!
  POLL_READY=1 first_200 "http://127.0.0.1:$port" "$PID" "$log"
}

# start_wiremock <java> <log>: WireMock standalone with one stub of the legacy upload
start_wiremock() {
  local java=$1 log=$2 port; port=$(free_port)
  mkdir -p "$WORK/wiremock/mappings"
  cat > "$WORK/wiremock/mappings/upload.json" <<'JSON'
{"request": {"method": "POST", "urlPathPattern": "/customer/kyc/upload/[^/]+/[^/]+"},
 "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": "{\"data\":{}}"}}
JSON
  T0=$(now_ms)
  "$java" -jar "$WIREMOCK_JAR" --port "$port" --bind-address 127.0.0.1 --disable-banner \
    --root-dir "$WORK/wiremock" >"$log" 2>&1 &
  PID=$!
  local deadline=$((T0 + START_TIMEOUT_S * 1000))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    kill -0 "$PID" 2>/dev/null || { echo "WireMock exited, see $log" >&2; return 1; }
    if [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/customer/kyc/upload/c/d")" = 200 ]; then
      MS=$(($(now_ms) - T0)); RSS_KIB=$(ps -o rss= -p "$PID" | tr -d ' ')
      return 0
    fi
    sleep 0.02
  done
  echo "WireMock not ready within ${START_TIMEOUT_S}s, see $log" >&2; return 1
}

declare -A TIMES RSS READY
measure() { # measure <label> <start function> <its arguments...>; the log is appended
  local label=$1 how=$2; shift 2
  for i in $(seq "$RUNS"); do
    case $how in
      start) start "$1" "$WORK/$label-$i.log" "${@:2}" ;;
      *) "$how" "$@" "$WORK/$label-$i.log" ;;
    esac
    stop_sandbox
    local ms=$MS rss=$RSS_KIB
    TIMES[$label]="${TIMES[$label]:-} $ms"; RSS[$label]="${RSS[$label]:-} $rss"
    [ -n "${READY_MS:-}" ] && READY[$label]="${READY[$label]:-} $READY_MS"
    echo "$label run $i: ${ms} ms, RSS ${rss} KiB${READY_MS:+, ready ${READY_MS} ms}" >&2
  done
}

# warm-up: creates the PostgreSQL cluster and the schema, untimed
start "$JDK17/bin/java" "$WORK/warmup.log"; stop_sandbox

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
LABELS=("WireMock 3.13.2 ($LABEL17)")
measure "WireMock 3.13.2 ($LABEL17)" start_wiremock "$JDK17/bin/java"
LABELS+=("$LABEL17")
measure "$LABEL17" start "$JDK17/bin/java"
if [ -n "$JDK25" ] && [ -x "$JDK25/bin/java" ]; then
  LABELS+=("JDK 25" "JDK 25 + AOT cache")
  measure "JDK 25" start "$JDK25/bin/java"
  # training run: the JVM writes the AOT cache when it exits (JEP 514, one-step workflow)
  AOT=$WORK/app.aot
  start "$JDK25/bin/java" "$WORK/aot-training.log" -XX:AOTCacheOutput="$AOT"; stop_sandbox
  [ -s "$AOT" ] || { echo "no AOT cache written, see $WORK/aot-training.log" >&2; exit 1; }
  measure "JDK 25 + AOT cache" start "$JDK25/bin/java" -XX:AOTCache="$AOT"
fi
if [ -n "$NATIVE" ] && [ -x "$NATIVE" ]; then
  # the jar keeps its embedded PostgreSQL running; the native executable uses it by URL
  start "$JDK17/bin/java" "$WORK/native-database.log"
  DATABASE_PID=$PID; PID=
  pg_port=$(sed -nE 's/.*Started embedded PostgreSQL .* on 127\.0\.0\.1:([0-9]+) .*/\1/p' "$WORK/native-database.log" | head -1)
  NATIVE_JDBC_URL=jdbc:postgresql://127.0.0.1:$pg_port/postgres
  LABELS+=("native")
  measure "native" start_native
  PID=$DATABASE_PID; stop_sandbox
fi

stats() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1; s+=$1} END {printf "%d | %d | %d | %d", a[int((NR+1)/2)], s/NR, a[1], a[NR]}'; }
json_array() { echo "$1" | tr -s ' ' '\n' | grep -v '^$' | paste -sd, -; }
{
  echo "{"
  first=1
  for label in "${LABELS[@]}"; do
    [ $first = 1 ] || echo ","
    first=0
    printf '"%s": {"ms": [%s], "rss_kib": [%s], "ready_ms": [%s]}' "$label" "$(json_array "${TIMES[$label]}")" \
      "$(json_array "${RSS[$label]}")" "$(json_array "${READY[$label]:-}")"
  done
  echo "}"
} > "$JSON"

BLOCK=$WORK/section.md
{
  echo "_Generated by \`bench/startup.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); edit the script, not this block._"
  echo
  echo "Time from process start to the first successful authenticated request (\`POST /auth/get-token\`,"
  echo "then \`POST /document/generate\` with the token answering 200), and the resident set size of the"
  echo "process right after it (PostgreSQL's processes not included). The packaged jar"
  echo "(\`target/quarkus-app/quarkus-run.jar\`), launched as the README does (\`${LAUNCH[*]}\`), on its"
  echo "embedded PostgreSQL default, whose cluster was created by an untimed warm-up run: starting"
  echo "PostgreSQL is part of each time, \`initdb\` is not. WireMock: time to its first stubbed 200 (one"
  echo "stub of the legacy upload in its mappings directory), the yardstick of the start-up targets."
  echo "$RUNS runs per line, one after the other, polled every 20 ms over loopback."
  echo
  echo "| server | median ms | mean ms | min ms | max ms | median RSS MiB | mean RSS MiB | min RSS MiB | max RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for label in "${LABELS[@]}"; do
    rss_mib=$(for k in ${RSS[$label]}; do echo $((k / 1024)); done | tr '\n' ' ')
    echo "| $label | $(echo "${TIMES[$label]}" | stats) | $(echo "$rss_mib" | stats) |"
  done
  echo
  for label in "${LABELS[@]}"; do
    [ -n "${READY[$label]:-}" ] && echo "- $label, to \`/q/health/ready\` UP: median / mean / min / max $(echo "${READY[$label]}" | stats) ms."
  done
  wm="WireMock 3.13.2 ($LABEL17)"
  if [ -n "${TIMES[$wm]:-}" ]; then
    wm_median=$(echo "${TIMES[$wm]}" | stats | cut -d' ' -f1)
    echo "- Median against WireMock's median: $(for l in "${LABELS[@]}"; do [ "$l" = "$wm" ] && continue
      printf '%s %s×; ' "$l" "$(awk -v a="$(echo "${TIMES[$l]}" | stats | cut -d' ' -f1)" -v b="$wm_median" 'BEGIN {printf "%.2f", a / b}')"; done)"
  fi
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
  if [ -n "${TIMES[native]:-}" ]; then
    echo "- native: \`$(basename "$NATIVE")\`, built with \`./mvnw package -Dnative\` (see docs/native.md), on the"
    echo "  jar's embedded PostgreSQL given by URL, schema current; its own empty storage root."
  else
    echo "- Native executable: not measured (none built: \`./mvnw package -Dnative\`, see docs/native.md)."
  fi
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
