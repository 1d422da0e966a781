#!/usr/bin/env bash
# Checks the README's run command on a clean checkout: the runtime with the repository's own conf/ (the embedded
# broker enabled, the client "default" pointing at it) shows simulated readings to an MQTT subscriber within seconds,
# with nothing else installed. Run by `mvn verify` in mqtt.launch, or by hand:
#
#   mqtt.launch/src/test/sh/check-standalone.sh [RUNTIME_JAR]
#
# 1. copies conf/ to a temporary directory and changes exactly two values in the copy: the broker's port
#    (mqtt.broker.cfg) and the client's serverUris port (mqtt.client-default.cfg), both to one free port, since 1883
#    may be taken on this machine (or by a parallel run of this check); everything else is the default configuration;
# 2. starts RUNTIME_JAR unattended, stdin closed, in the temporary directory (the relative paths of conf/, such as
#    runtime-data/broker, land there), with that conf copy;
# 3. expects the broker's "listening on 127.0.0.1:PORT" line (not a fallback to another port);
# 4. with mosquitto_sub installed (required when MQTT_INTEROP_REQUIRED=true): a mosquitto_sub on that port receives
#    two simulated readings on sensors/# within READINGS_TIMEOUT seconds of the broker listening;
# 5. sends SIGTERM and expects an orderly stop: the broker's "stopped" line (no thread of it left behind), no client
#    that lost its connection (they stop before the broker), the framework's "framework stopped" line, exit status 0
#    (143 is tolerated).
# Exits non-zero with a message and the tail of the runtime's output on any failure.
#
# Environment: JAVA (default $JAVA_HOME/bin/java, else java), START_TIMEOUT, READINGS_TIMEOUT and STOP_TIMEOUT
# (seconds, default 60, 20 and 30), KEEP_WORK=1 keeps the temporary directory.
set -euo pipefail

check_name=check-standalone
sub_pid=
check_cleanup() {
	if [[ -n $sub_pid ]] && kill -0 "$sub_pid" 2>/dev/null; then
		kill -TERM "$sub_pid" 2>/dev/null || true
	fi
}
# shellcheck source=check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/check-lib.sh"
check_init "$@"
readings_timeout=${READINGS_TIMEOUT:-20}

mosquitto_sub_bin=$(command -v mosquitto_sub || true)
if [[ -z $mosquitto_sub_bin ]]; then
	if [[ ${MQTT_INTEROP_REQUIRED:-false} == true ]]; then
		fail "mosquitto_sub is not installed, and MQTT_INTEROP_REQUIRED=true (install mosquitto-clients)"
	fi
	say "mosquitto_sub is not installed (Debian: mosquitto-clients): only checking that the broker starts and stops"
fi

# The repository's conf/, with the broker and the client moved together to a free port.
port=$(free_port) || fail "found no free local port"
cp -R "$root/conf" "$work/conf"
set_value() { # FILE KEY OLD NEW: replaces the line KEY=OLD by KEY=NEW, fails if the default changed
	local file=$work/conf/$1
	grep -qx "$2=$3" "$file" || fail "conf/$1 no longer has '$2=$3': update this check"
	sed -i "s|^$2=$3\$|$2=$4|" "$file"
}
set_value mqtt.broker.cfg port 1883 "$port"
set_value mqtt.client-default.cfg serverUris tcp://127.0.0.1:1883 "tcp://127.0.0.1:$port"

say "starting $jar unattended in $work with the repository's conf/ (broker and client on port $port)"
(cd "$work" && exec "$java" -Dgosh.args=--nointeractive -jar "$jar" </dev/null >"$log" 2>&1) &
pid=$!

started=$SECONDS
listening="MQTT broker (MQTT 3.1.1) listening on 127.0.0.1:$port;"
until grep -qF "$listening" "$log" 2>/dev/null; do
	kill -0 "$pid" 2>/dev/null || fail "the runtime exited by itself"
	grep -q 'MQTT broker.*\(cannot listen\|is not used\|is taken\)' "$log" && fail "the broker did not start on $port"
	((SECONDS - started < start_timeout)) || fail "no '$listening' line within ${start_timeout}s"
	sleep 0.1
done
say "the embedded broker listens on 127.0.0.1:$port after $((SECONDS - started))s"

if [[ -n $mosquitto_sub_bin ]]; then
	listened=$SECONDS
	"$mosquitto_sub_bin" -h 127.0.0.1 -p "$port" -t 'sensors/#' -v -C 2 -W "$readings_timeout" >"$work/sub.out" 2>&1 &
	sub_pid=$!
	status=0
	wait "$sub_pid" || status=$?
	sub_pid=
	[[ $status -eq 0 ]] ||
		fail "mosquitto_sub got no two readings on sensors/# within ${readings_timeout}s (status $status): $(cat "$work/sub.out")"
	while IFS= read -r line; do
		[[ $line =~ ^sensors/[a-z]+/[a-z]+\ \{\"ts\":[0-9]+,\"value\": ]] || fail "not a reading: '$line'"
	done <"$work/sub.out"
	say "mosquitto_sub received simulated readings $((SECONDS - listened))s after the broker listened:"
	sed 's/^/  /' "$work/sub.out"
fi

stop_runtime
grep -qF "MQTT broker on 127.0.0.1:$port stopped" "$log" || fail "no orderly stop of the broker after SIGTERM"
grep -q 'MQTT broker.*did not end' "$log" && fail "threads of the broker were left behind"
# the clients stop before the broker they use (start levels): none of them sees its broker go away
grep -q 'lost its connection' "$log" && fail "a client lost its connection while the runtime stopped"
say "OK: broker and runtime stopped in an orderly way ${stopped_after}s after SIGTERM, exit status $stop_status"
