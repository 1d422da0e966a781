#!/usr/bin/env bash
# Shared by the runtime checks (check-runtime.sh, check-standalone.sh); sourced, not run. Before sourcing, set
# check_name (the prefix of every message) and pass the script's arguments: check_init "$@".
#
# Provides: $root, $jar, $java, $start_timeout, $stop_timeout, $work (a temporary directory, removed at exit unless
# KEEP_WORK=1), $log, $pid (the runtime, killed at exit if still running); say, fail, free_port, stop_runtime.
# A script adds its own clean-up steps by defining check_cleanup before check_init.

say() { echo "$check_name: $*"; }

fail() {
	echo "$check_name: FAILED: $*" >&2
	if [[ -s ${log:-} ]]; then
		echo "---- last lines of the runtime output ($log) ----" >&2
		tail -n 40 "$log" >&2
		echo "----" >&2
	fi
	exit 1
}

# check_init [RUNTIME_JAR]: finds the jar and java, makes the work directory, installs the clean-up.
check_init() {
	root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
	jar=${1:-$root/mqtt.launch/target/edgemqtt-runtime.jar}
	[[ -f $jar ]] || fail "no runtime jar at $jar (build it with: mvn -B verify)"
	jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
	if [[ -n ${JAVA:-} ]]; then
		java=$JAVA
	elif [[ -n ${JAVA_HOME:-} ]]; then
		java=$JAVA_HOME/bin/java
	else
		java=java
	fi
	start_timeout=${START_TIMEOUT:-60}
	stop_timeout=${STOP_TIMEOUT:-30}
	work=$(mktemp -d "${TMPDIR:-/tmp}/edgemqtt-$check_name.XXXXXX")
	log=$work/runtime.log
	pid=
	trap check_exit EXIT
}

check_exit() {
	if declare -F check_cleanup >/dev/null; then
		check_cleanup
	fi
	if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null || true
	fi
	if [[ -z ${KEEP_WORK:-} ]]; then
		rm -rf "$work"
	else
		say "kept $work"
	fi
}

# free_port: prints a loopback port nobody listens on.
free_port() {
	local candidate
	for _ in $(seq 1 50); do
		candidate=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
			echo "$candidate"
			return 0
		fi
	done
	return 1
}

# stop_runtime: SIGTERM, then an orderly stop within $stop_timeout: the "framework stopped" line and exit status 0
# (143 tolerated). Sets $stop_status and $stopped_after for the caller's own checks and message.
stop_runtime() {
	kill -TERM "$pid"
	local stopping=$SECONDS
	while kill -0 "$pid" 2>/dev/null; do
		((SECONDS - stopping < stop_timeout)) || fail "still running ${stop_timeout}s after SIGTERM"
		sleep 0.2
	done
	stop_status=0
	wait "$pid" || stop_status=$?
	pid=
	stopped_after=$((SECONDS - stopping))
	grep -q 'edgemqtt-runtime: framework stopped' "$log" ||
		fail "exited with status $stop_status after SIGTERM, but without an orderly framework stop"
	[[ $stop_status -eq 0 || $stop_status -eq 143 ]] ||
		fail "exit status $stop_status after SIGTERM (expected 0, or 143)"
}
