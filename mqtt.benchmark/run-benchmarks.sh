#!/usr/bin/env bash
# Runs the client benchmarks against a Mosquitto of its own on loopback and writes target/results.md.
#
#   mqtt.benchmark/run-benchmarks.sh [--quick | --full] [--repeats N] [--only LIST] [--window N] [--no-build]
#
#   --quick     (default) runs of about 1.5 s per cell, 3 repeats
#   --full      what BENCHMARKS.md reports: runs of about 5 s per cell, 3 repeats
#   --only      comma list of throughput,latency,footprint,jmh (default: all)
#   --repeats   override the number of repeats per cell
#   --window    in-flight window of every client (default 1000)
#   --jvm-args  extra options for the client JVMs ({lib} and {cell} are replaced), e.g. to record with JFR:
#               --jvm-args "-XX:StartFlightRecording=filename=$PWD/mqtt.benchmark/target/jfr/{lib}-{cell}.jfr,settings=profile"
#   --no-build  use what target/ holds
#
# Each client library runs in its own JVM, interleaved; the machine is shared, so read the ratios, not the times.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
MODE=quick
REPEATS=""
ONLY="throughput,latency,footprint,jmh"
WINDOW=1000
BUILD=yes
JVM_ARGS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --full) MODE=full ;;
    --repeats) REPEATS="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    --window) WINDOW="$2"; shift ;;
    --jvm-args) JVM_ARGS="$2"; shift ;;
    --no-build) BUILD=no ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
TARGET="$HERE/target"
JAR="$TARGET/mqtt.benchmark-1.0.0-SNAPSHOT.jar"

# ---- build if needed (reactor package, never install) ----
if [ "$BUILD" = yes ]; then
  stale=no
  [ -f "$JAR" ] || stale=yes
  if [ "$stale" = no ] && [ -n "$(find "$ROOT/mqtt.api/src" "$ROOT/mqtt.impl/src/main" "$HERE/src" "$HERE/pom.xml" -newer "$JAR" -type f | head -1)" ]; then
    stale=yes
  fi
  if [ "$stale" = yes ]; then
    echo "building mqtt.api, mqtt.impl, mqtt.benchmark ..."
    (cd "$ROOT" && { mvn -B -q -o package -pl mqtt.api,mqtt.impl,mqtt.benchmark -DskipTests \
        || mvn -B -q package -pl mqtt.api,mqtt.impl,mqtt.benchmark -DskipTests; })
  fi
fi

command -v mosquitto >/dev/null || { echo "mosquitto not found (apt-get install -y mosquitto)" >&2; exit 1; }
MOSQUITTO_VERSION=$(mosquitto -h 2>/dev/null | head -1 | awk '{print $3}' || true)

# ---- a Mosquitto of our own: loopback, free port, no in-flight or queue limits, Nagle off, no persistence ----
WORK=$(mktemp -d /tmp/mqtt-bench.XXXXXX)
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}
PORT=$(free_port)
{
  echo "listener $PORT 127.0.0.1"
  echo "allow_anonymous true"
  echo "persistence false"
  echo "max_inflight_messages 0"
  echo "max_queued_messages 0"
  echo "max_queued_bytes 0"
  echo "set_tcp_nodelay true"
  echo "log_dest file $WORK/mosquitto.log"
  echo "log_type error"
  echo "log_type warning"
  [ "$(id -u)" = 0 ] && echo "user root"
} > "$WORK/mosquitto.conf"
mosquitto -c "$WORK/mosquitto.conf" &
MOSQUITTO_PID=$!
cleanup() {
  kill "$MOSQUITTO_PID" 2>/dev/null || true
  wait "$MOSQUITTO_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.05
done
echo "mosquitto $MOSQUITTO_VERSION on 127.0.0.1:$PORT (pid $MOSQUITTO_PID), load: $(cat /proc/loadavg)"

ONE_CORE=false
command -v taskset >/dev/null && ONE_CORE=true
RESULTS="$TARGET/results.md"
mkdir -p "$TARGET/jfr" # where --jvm-args recordings may go
SCENARIOS=$(echo "$ONLY" | tr ',' '\n' | grep -v '^jmh$' | paste -sd, || true)
if [ -n "$SCENARIOS" ]; then
  "$JAVA" -cp "$JAR" io.edgemqtt.benchmark.BenchmarkRunner --port "$PORT" --mode "$MODE" --window "$WINDOW" \
      --out "$RESULTS" --jar "$JAR" --libs "$TARGET/lib" --one-core "$ONE_CORE" --only "$SCENARIOS" \
      --mosquitto "$MOSQUITTO_VERSION" ${REPEATS:+--repeats "$REPEATS"} ${JVM_ARGS:+--jvm-args "$JVM_ARGS"}
else
  echo "# EdgeMQTT client benchmarks" > "$RESULTS"
fi

# ---- the codec micro-benchmarks ----
if echo "$ONLY" | grep -qw jmh; then
  if [ "$MODE" = full ]; then JMH_OPTS="-f 1 -wi 3 -i 5 -w 1s -r 1s"; else JMH_OPTS="-f 1 -wi 2 -i 3 -w 1s -r 1s"; fi
  # shellcheck disable=SC2086
  "$JAVA" -cp "$JAR:$TARGET/lib/edge/*:$TARGET/lib/jmh/*" org.openjdk.jmh.Main PublishCodecBenchmark $JMH_OPTS \
      -rf text -rff "$TARGET/jmh.txt" > "$TARGET/jmh.log" 2>&1 || { tail -20 "$TARGET/jmh.log"; exit 1; }
  {
    echo
    echo "## Codec micro-benchmarks (JMH, ns per operation, PUBLISH QoS 1, MQTT 3.1.1)"
    echo
    echo '```'
    cat "$TARGET/jmh.txt"
    echo '```'
  } >> "$RESULTS"
  cat "$TARGET/jmh.txt"
fi
echo "results: $RESULTS"
