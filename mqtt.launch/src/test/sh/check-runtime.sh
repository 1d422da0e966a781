#!/usr/bin/env bash
# Smoke test of the exported runtime (run by `mvn verify` in mqtt.launch, or by hand).
#
#   mqtt.launch/src/test/sh/check-runtime.sh [RUNTIME_JAR]
#
# 1. starts RUNTIME_JAR (default mqtt.launch/target/edgemqtt-runtime.jar) unattended, from the
#    repository root, stdin closed, with a temporary conf dir and framework storage;
# 2. polls (bounded) the runtime's Gogo shell, over a loopback-only telnet port opened for this
#    check, until every bundle of the jar is ACTIVE and the two .cfg files of the temporary conf dir
#    are in Config Admin (one plain, one factory configuration, via FileInstall);
# 3. with Mosquitto installed (required when MQTT_INTEROP_REQUIRED=true): the temporary conf dir
#    also holds a client configuration pointing at a Mosquitto started for this check, and the
#    shell commands must work end to end: `mqtt:pub` reaches a `mosquitto_sub`, and a message from
#    `mosquitto_pub` shows up in `mqtt:sub`;
# 4. sends SIGTERM and expects an orderly stop within a bounded time: the "framework stopped" line
#    and exit status 0 (143 is tolerated).
# Exits non-zero with a message and the tail of the runtime's output on any failure.
#
# Environment: JAVA (default $JAVA_HOME/bin/java, else java), START_TIMEOUT and STOP_TIMEOUT
# (seconds, default 60 and 30), KEEP_WORK=1 keeps the temporary directory.
# Fragments would stay RESOLVED and fail this check; there are none in the runtime today.
set -euo pipefail

check_name=check-runtime
check_cleanup() {
	if [[ -n ${broker_pid:-} ]] && kill -0 "$broker_pid" 2>/dev/null; then
		kill -TERM "$broker_pid" 2>/dev/null || true
	fi
}
# shellcheck source=check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/check-lib.sh"
check_init "$@"
cd "$root"

# Number of bundles the runtime should run: the jar's runbundles plus the system bundle.
launcher_properties() {
	if command -v unzip >/dev/null 2>&1; then
		unzip -p "$jar" launcher.properties 2>/dev/null
	else
		(cd "$work" && "${java%java}jar" xf "$jar" launcher.properties && cat launcher.properties)
	fi
}
runbundles=$(launcher_properties | sed -n 's/^launch\.bundles=//p' | tr ',' '\n' | grep -c . || true)
((runbundles > 0)) || fail "cannot read launch.bundles from $jar"
expected=$((runbundles + 1))

# The runtime's telnet console, bound to 127.0.0.1 only.
port=$(free_port) || fail "found no free local port"

mkdir -p "$work/conf"
printf 'answer = 42\n' >"$work/conf/edgemqtt.check.cfg"
printf 'flavour = smoke\n' >"$work/conf/edgemqtt.check.factory-smoke.cfg"

# A Mosquitto of our own for the end-to-end check of the shell commands.
mosquitto_bin=$(command -v mosquitto || { [[ -x /usr/sbin/mosquitto ]] && echo /usr/sbin/mosquitto; } || true)
broker_pid=
if [[ -n $mosquitto_bin ]]; then
	broker_port=$(free_port) || fail "found no free local port for mosquitto"
	printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$broker_port" >"$work/mosquitto.conf"
	[[ $(id -u) -eq 0 ]] && printf 'user root\n' >>"$work/mosquitto.conf"
	"$mosquitto_bin" -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
	broker_pid=$!
	printf 'serverUris = tcp://127.0.0.1:%s\nclientId = check-runtime\nreconnect.initialDelayMs = 100\n' \
		"$broker_port" >"$work/conf/mqtt.client-check.cfg"
elif [[ ${MQTT_INTEROP_REQUIRED:-false} == true ]]; then
	fail "mosquitto is not installed, and MQTT_INTEROP_REQUIRED=true (install mosquitto mosquitto-clients)"
else
	say "mosquitto is not installed: skipping the end-to-end check of the mqtt: commands"
fi

# gogo COMMAND...: runs the commands in the runtime's Gogo shell, prints what they print.
gogo() {
	local line
	exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
	printf '%s\n' "$@" 'echo check-runtime-done' >&3
	while IFS= read -r -t 5 line <&3; do
		line=${line%$'\r'}
		if [[ $line == *check-runtime-done && $line != *echo* ]]; then
			break
		fi
		printf '%s\n' "$line"
	done
	exec 3>&-
}

say "starting $jar unattended (java: $java, console port $port, conf: $work/conf)"
"$java" \
	-Dgosh.args="--nointeractive --noshutdown -c telnetd -i 127.0.0.1 -p $port start" \
	-Dfelix.fileinstall.dir="$work/conf" \
	-Dlaunch.storage.dir="$work/framework" \
	-jar "$jar" </dev/null >"$log" 2>&1 &
pid=$!

started=$SECONDS
state="the console did not answer"
ready=
while ((SECONDS - started < start_timeout)); do
	if ! kill -0 "$pid" 2>/dev/null; then
		status=0
		wait "$pid" || status=$?
		pid=
		fail "the runtime exited by itself with status $status (it must keep running unattended)"
	fi
	if out=$(gogo 'lb -s' \
		'ca = service (servicereference org.osgi.service.cm.ConfigurationAdmin)' \
		'each ($ca listConfigurations "(service.pid=edgemqtt.check)") { $it properties }' \
		'$ca listConfigurations "(service.factoryPid=edgemqtt.check.factory)"' 2>/dev/null); then
		rows=$(grep -E '^ *[0-9]+\|' <<<"$out" || true)
		total=$(grep -c . <<<"$rows" || true)
		inactive=$(grep -v '|Active ' <<<"$rows" || true)
		if [[ -z $rows || $total -ne $expected || -n $inactive ]]; then
			state="$total of $expected bundles listed, not ACTIVE: ${inactive:-none}"
		elif ! grep -q 'answer=42' <<<"$out"; then
			state="all $total bundles ACTIVE, but configuration edgemqtt.check from the conf dir is missing"
		elif ! grep -q 'PID=edgemqtt.check.factory~smoke' <<<"$out"; then
			state="all $total bundles ACTIVE, but factory configuration edgemqtt.check.factory~smoke is missing"
		else
			ready=yes
			break
		fi
	fi
	sleep 0.2
done
[[ -n $ready ]] || fail "not ready within ${start_timeout}s: $state"
say "all $total bundles ACTIVE after $((SECONDS - started))s; conf dir applied (edgemqtt.check, edgemqtt.check.factory~smoke)"

if [[ -n $broker_pid ]]; then
	# mqtt:pub reaches a mosquitto_sub.
	mosquitto_sub -h 127.0.0.1 -p "$broker_port" -t check/from-runtime -C 1 -W 30 >"$work/sub.out" 2>&1 &
	sub_pid=$!
	published=
	for _ in $(seq 1 100); do
		out=$(gogo 'mqtt:pub -q 1 check/from-runtime hello-from-runtime' 2>/dev/null || true)
		if grep -q 'acknowledged' <<<"$out"; then
			published=yes
			# the subscriber may have started after the first publish: repeat until it has it
			if ! kill -0 "$sub_pid" 2>/dev/null; then
				break
			fi
		fi
		sleep 0.2
	done
	[[ -n $published ]] || fail "mqtt:pub was not acknowledged: $out"
	wait "$sub_pid" || fail "mosquitto_sub did not receive what mqtt:pub published: $(cat "$work/sub.out")"
	grep -q 'hello-from-runtime' "$work/sub.out" || fail "mosquitto_sub got: $(cat "$work/sub.out")"
	say "mqtt:pub reached mosquitto_sub"

	# A mosquitto_pub shows up in mqtt:sub (retained, so it does not matter who is first).
	mosquitto_pub -h 127.0.0.1 -p "$broker_port" -t check/to-runtime -m hello-from-mosquitto -q 1 -r ||
		fail "mosquitto_pub failed"
	out=$(gogo 'mqtt:sub -n 1 -t 20 check/to-runtime' 2>/dev/null || true)
	grep -q 'check/to-runtime hello-from-mosquitto' <<<"$out" ||
		fail "mqtt:sub did not print the message from mosquitto_pub: $out"
	say "mosquitto_pub showed up in mqtt:sub"
	status_line=$(gogo 'mqtt:status' 2>/dev/null | grep 'check:' || true)
	grep -q 'CONNECTED' <<<"$status_line" || fail "mqtt:status does not show the client connected: $status_line"
	say "mqtt:status: $status_line"
fi

stop_runtime
say "OK: stopped in an orderly way ${stopped_after}s after SIGTERM, exit status $stop_status"
