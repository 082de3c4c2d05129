#!/usr/bin/env bash
# The benchmark in one command, from a fresh clone:
#
#   bench/run.sh
#
# Builds the jar if it is missing, installs wrk (apt-get) if it is missing, fetches the peers
# (WireMock standalone 3.13.2, MockServer netty 7.6.0) with Maven into target/bench/peers, then
# bench/bench.py loads every server on 127.0.0.1 and writes bench/results/<date>-<time>.json,
# docs/benchmarks.md (between its markers) and docs/benchmarks-uploads.png. Knobs (environment
# variables: BENCH_DURATION, BENCH_SIZES, ...) are listed in docs/benchmarks.md. Every server
# started is stopped on exit, Ctrl-C and SIGTERM included.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=target/bench
mkdir -p "$WORK"

need() { command -v "$1" >/dev/null || { echo "bench/run.sh needs $1 on PATH" >&2; exit 1; }; }
need java
need python3
need curl

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "[bench] building the jar" >&2
  ./mvnw -B -q package -DskipTests
fi

if ! command -v wrk >/dev/null; then
  echo "[bench] installing wrk" >&2
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y wrk >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; }
fi

fetch() { # fetch <groupId:artifactId:version[:type:classifier]> <file name>
  if [ ! -s "$WORK/peers/$2" ]; then
    echo "[bench] fetching $1" >&2
    ./mvnw -B -q dependency:copy -Dartifact="$1" -DoutputDirectory="$WORK/peers"
  fi
}
fetch org.wiremock:wiremock-standalone:3.13.2 wiremock-standalone-3.13.2.jar
# the self-contained MockServer is the jar-with-dependencies classifier
fetch org.mock-server:mockserver-netty:7.6.0:jar:jar-with-dependencies mockserver-netty-7.6.0-jar-with-dependencies.jar

# bench.py stops what it starts; this is the fallback if it is killed before it can: the pids it
# recorded, then any embedded PostgreSQL left in its data directories
cleanup() {
  local pid
  if [ -f "$WORK/pids" ]; then
    while read -r pid; do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 450); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    done < "$WORK/pids"
  fi
  for pidfile in "$WORK"/run/*/postgres/postmaster.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(head -1 "$pidfile")
    kill -0 "$pid" 2>/dev/null && kill -INT "$pid" 2>/dev/null || true
  done
}
BENCH_PID=
forward() { [ -n "$BENCH_PID" ] && kill -TERM "$BENCH_PID" 2>/dev/null || true; }
trap cleanup EXIT
trap forward TERM INT HUP

python3 bench/bench.py &
BENCH_PID=$!
status=0
wait "$BENCH_PID" || status=$?
# a signal interrupts the wait: give bench.py the time to stop its servers
while kill -0 "$BENCH_PID" 2>/dev/null; do wait "$BENCH_PID" || status=$?; done
exit "$status"
